package org.herd.cli.scrub;

import org.herd.gazelle.catalogue.GazelleVariant;

/** Text scrubbing end to end on the OPS schema. */
class OpsTextScrubIT extends AbstractTextScrubIT {

    @Override
    protected GazelleVariant variant() {
        return GazelleVariant.OPS;
    }
}
