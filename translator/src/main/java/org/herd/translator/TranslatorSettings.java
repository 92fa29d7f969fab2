package org.herd.translator;

import java.util.Objects;
import java.util.regex.Pattern;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * What the translator needs to know about the origin and the operator's privacy choices.
 *
 * @param origin          the site's id, carried by every record and used in topic names: lower
 *                        case letters, digits, '-' and '_', at most 63 characters
 * @param variant         the Gazelle variant the origin runs
 * @param users           how authors appear (see {@link UserPolicy}); its key is never shown
 * @param publishInfoHash whether {@code torrents.info_hash} leaves the origin (an opt-in)
 */
public record TranslatorSettings(String origin, GazelleVariant variant, UserReferences users,
        boolean publishInfoHash) {

    public static final Pattern ORIGIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public TranslatorSettings {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(users, "users");
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("origin '" + origin + "' must match " + ORIGIN.pattern());
        }
    }

    /** The most restrictive settings: no user references, no info hashes. */
    public TranslatorSettings(String origin, GazelleVariant variant) {
        this(origin, variant, UserReferences.none(), false);
    }
}
