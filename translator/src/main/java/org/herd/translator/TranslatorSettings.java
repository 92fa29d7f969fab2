package org.herd.translator;

import java.util.Objects;
import java.util.regex.Pattern;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.scrub.ScrubPolicy;

/**
 * What the translator needs to know about the origin and the operator's privacy choices.
 *
 * @param origin          the site's id, carried by every record and used in topic names: lower
 *                        case letters, digits, '-' and '_', at most 63 characters
 * @param variant         the Gazelle variant the origin runs
 * @param users           how authors appear (see {@link UserPolicy}); its key is never shown
 * @param publishInfoHash whether {@code torrents.info_hash} leaves the origin (an opt-in)
 * @param scrub           what becomes of secrets written into public free text (see {@link ScrubPolicy});
 *                        the translator refuses a policy that names a column its variant does not
 *                        have as free text, or drops one whose field may not be null
 */
public record TranslatorSettings(String origin, GazelleVariant variant, UserReferences users,
        boolean publishInfoHash, ScrubPolicy scrub) {

    public static final Pattern ORIGIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public TranslatorSettings {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(scrub, "scrub");
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("origin '" + origin + "' must match " + ORIGIN.pattern());
        }
    }

    /** The given privacy choices, with the default text scrubbing: every rule on, every free-text column scrubbed. */
    public TranslatorSettings(String origin, GazelleVariant variant, UserReferences users, boolean publishInfoHash) {
        this(origin, variant, users, publishInfoHash, ScrubPolicy.defaults());
    }

    /** The most restrictive settings: no user references, no info hashes, every free-text column scrubbed. */
    public TranslatorSettings(String origin, GazelleVariant variant) {
        this(origin, variant, UserReferences.none(), false);
    }

    /** These settings with another text-scrubbing policy. */
    public TranslatorSettings withScrub(ScrubPolicy policy) {
        return new TranslatorSettings(origin, variant, users, publishInfoHash, policy);
    }
}
