package org.herd.cli.restore;

import org.herd.gazelle.catalogue.GazelleVariant;

/** The restore round trip on the WhatCD schema. */
class WhatCdRestoreRoundTripIT extends AbstractRestoreRoundTripIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.WHATCD;
    }
}
