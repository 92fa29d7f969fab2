package org.herd.cli;

import org.herd.gazelle.catalogue.GazelleVariant;

/** The privacy leak test on the OPS schema, with OPS's own live traffic. */
class OpsPrivacyLeakIT extends AbstractPrivacyLeakIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.OPS;
    }
}
