package org.herd.cli;

import org.herd.gazelle.catalogue.GazelleVariant;

/** The privacy leak test on the WhatCD schema. */
class WhatCdPrivacyLeakIT extends AbstractPrivacyLeakIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.WHATCD;
    }
}
