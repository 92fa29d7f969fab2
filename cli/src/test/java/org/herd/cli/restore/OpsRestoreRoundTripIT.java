package org.herd.cli.restore;

import org.herd.gazelle.catalogue.GazelleVariant;

/** The restore round trip on the OPS schema. */
class OpsRestoreRoundTripIT extends AbstractRestoreRoundTripIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.OPS;
    }
}
