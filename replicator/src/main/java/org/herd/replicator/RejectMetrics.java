package org.herd.replicator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * Counts what the mirror refused in the Micrometer counter {@value #NAME}, tagged {@code origin},
 * {@code subject} ({@code record}, {@code checkpoint} or {@code trust-root}) and {@code reason}
 * (its wire name: {@link RejectedRecord#RECORD_REASONS} for records). Published with the
 * application's other metrics, like {@value QuarantineMetrics#NAME} (docs/operator.md).
 */
public final class RejectMetrics implements Consumer<RejectedRecord> {

    public static final String NAME = "herd.rejected";

    private final MeterRegistry registry;
    private final String origin;

    public RejectMetrics(MeterRegistry registry, String origin) {
        this.registry = registry;
        this.origin = origin;
    }

    @Override
    public void accept(RejectedRecord r) {
        // Subjects and reasons come from fixed lists, so the tag values stay few.
        Counter.builder(NAME)
                .description("Records, checkpoints and trust roots the mirror refused, by reason")
                .tag("origin", origin)
                .tag("subject", r.subject())
                .tag("reason", r.reason())
                .register(registry)
                .increment();
    }
}
