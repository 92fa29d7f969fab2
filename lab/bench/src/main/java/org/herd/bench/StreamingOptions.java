package org.herd.bench;

import java.util.Objects;
import org.herd.simulator.LoadMix;

/**
 * Options of the bench's streaming phase that came with the load generator; the rates, their
 * duration and the connections are {@link BenchOptions}'.
 *
 * @param mix           {@code --mix SPEC}: the load generator's mix, the default's values changed by SPEC
 *                      ({@link LoadMix#parse}); default {@link LoadMix#DEFAULT}
 * @param generatorOnly {@code --generator-only}: generate the site and run the rates with the load
 *                      generator alone, no sidecar or mirror, to measure what the generator reaches on
 *                      this machine; default off
 */
record StreamingOptions(LoadMix mix, boolean generatorOnly) {

    static final StreamingOptions DEFAULT = new StreamingOptions(LoadMix.DEFAULT, false);

    StreamingOptions {
        Objects.requireNonNull(mix, "mix");
    }
}
