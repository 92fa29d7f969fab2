package org.herd.replicator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * Counts quarantined records in the Micrometer counter {@value #NAME}, tagged {@code side=mirror},
 * {@code origin}, {@code entity} (the record's, or {@code unknown} when it did not decode) and
 * {@code kind}; the sidecar counts its own under the same name with {@code side=sidecar}. Spring
 * Boot's actuator publishes it with the application's other metrics (docs/operator.md).
 */
public final class QuarantineMetrics implements Consumer<QuarantinedRecord> {

    public static final String NAME = "herd.quarantined";

    private final MeterRegistry registry;
    private final String origin;

    public QuarantineMetrics(MeterRegistry registry, String origin) {
        this.registry = registry;
        this.origin = origin;
    }

    @Override
    public void accept(QuarantinedRecord q) {
        // Entity names come from the neutral schema (the decoder or the topic name checks them)
        // and kinds from a fixed list, so the tag values stay few.
        String entity = q.entity() == null ? "unknown" : q.entity();
        Counter.builder(NAME)
                .description("Records set aside in herd.quarantine instead of being applied")
                .tag("side", "mirror")
                .tag("origin", origin)
                .tag("entity", entity)
                .tag("kind", q.kind())
                .register(registry)
                .increment();
    }
}
