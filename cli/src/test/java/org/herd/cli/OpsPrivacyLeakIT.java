package org.herd.cli;

import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * The privacy leak test on the OPS schema. Skipped, with the reason, for as long as the OPS
 * catalogue or DDL does not exist (GazelleCatalogue.of(OPS) throws).
 */
class OpsPrivacyLeakIT extends AbstractPrivacyLeakIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.OPS;
    }
}
