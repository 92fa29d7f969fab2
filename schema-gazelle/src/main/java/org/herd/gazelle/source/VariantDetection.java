package org.herd.gazelle.source;

import java.util.Objects;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * Which Gazelle variant a database is, and the evidence, in words an operator can check.
 *
 * @param variant  the variant found
 * @param evidence what in the database's information_schema decided it
 */
public record VariantDetection(GazelleVariant variant, String evidence) {

    public VariantDetection {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(evidence, "evidence");
    }
}
