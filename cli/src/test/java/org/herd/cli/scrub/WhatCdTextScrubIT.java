package org.herd.cli.scrub;

import org.herd.gazelle.catalogue.GazelleVariant;

/** Text scrubbing end to end on the WHATCD schema. */
class WhatCdTextScrubIT extends AbstractTextScrubIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.WHATCD;
    }
}
