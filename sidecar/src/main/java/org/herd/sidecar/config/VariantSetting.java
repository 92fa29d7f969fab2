package org.herd.sidecar.config;

import java.util.Optional;
import org.herd.gazelle.catalogue.GazelleVariant;

/** {@code herd.sidecar.variant}: detect the Gazelle variant from the source, or name it. */
public enum VariantSetting {
    /** Detect it from the source's information_schema at start-up. */
    AUTO,
    /** The original what.cd code. */
    WHATCD,
    /** The maintained OPS fork. */
    OPS;

    /** The variant the operator named; empty for {@link #AUTO}. */
    public Optional<GazelleVariant> fixed() {
        return switch (this) {
            case AUTO -> Optional.empty();
            case WHATCD -> Optional.of(GazelleVariant.WHATCD);
            case OPS -> Optional.of(GazelleVariant.OPS);
        };
    }
}
