package org.herd.sidecar.source;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import org.herd.translator.scrub.ScrubPolicy;

/**
 * The translator as the sidecar's properties configure it: origin, variant, user references,
 * info hash and text scrubbing. The sidecar and {@code herd verify} both build theirs here, so that
 * verify compares the origin translated, and its text scrubbed, exactly as the sidecar publishes it.
 */
public final class SidecarTranslator {

    private SidecarTranslator() {
    }

    /** The translator of a running source: its variant as inspected, its user references as read. */
    public static Translator create(SidecarProperties properties, SourceInspection inspection, SecretMasker masker) {
        return create(properties, inspection.variant(), SourceUsers.references(properties, masker));
    }

    /**
     * @throws IllegalArgumentException naming {@code herd.sidecar.privacy.text.columns[...]} when the
     *         policy names a column that is not free text in {@code variant}, or drops one whose
     *         neutral field may not be null
     */
    public static Translator create(SidecarProperties properties, GazelleVariant variant, UserReferences users) {
        ScrubPolicy policy = properties.privacy().text().policy();
        List<String> freeText = freeTextColumns(variant);
        for (String column : policy.columns().keySet()) {
            if (!freeText.contains(column)) {
                throw new IllegalArgumentException("herd.sidecar.privacy.text.columns[" + column + "]: not a free-text "
                        + "column of the " + variant + " catalogue; its free-text columns are " + freeText);
            }
        }
        try {
            return new Translator(new TranslatorSettings(properties.origin(), variant, users,
                    properties.privacy().infoHash(), policy));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("text scrub policy")) {
                throw new IllegalArgumentException("herd.sidecar.privacy.text.columns: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The free-text columns of {@code variant}, {@code table.Column}, sorted. */
    public static List<String> freeTextColumns(GazelleVariant variant) {
        return GazelleCatalogue.of(variant).freeTextColumns().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(c -> e.getKey() + "." + c.name())).sorted().toList();
    }
}
