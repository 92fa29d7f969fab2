package org.herd.sidecar;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.herd.sidecar.trust.SidecarSigning;
import org.herd.translator.schema.NeutralSchema;

/**
 * The sidecar's progress as Micrometer meters, all tagged {@code origin}: what Prometheus scrapes
 * from {@code /actuator/prometheus} (docs/operator.md lists them). They read
 * {@link SidecarProgress}; nothing is counted twice. Quarantined row changes are
 * {@code herd.quarantined} ({@link org.herd.sidecar.publish.QuarantineMetrics}).
 */
public final class SidecarMetrics implements MeterBinder {

    private final SidecarProgress progress;
    private final String origin;
    private final SidecarSigning signing;

    public SidecarMetrics(SidecarProgress progress, String origin, SidecarSigning signing) {
        this.progress = progress;
        this.origin = origin;
        this.signing = signing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // One series per entity of the neutral schema, known in advance: the tag values stay few.
        for (String entity : NeutralSchema.entities().stream().map(org.herd.translator.schema.EntityType::name).toList()) {
            FunctionCounter.builder("herd.sidecar.published", progress,
                            p -> p.publishedByEntity().getOrDefault(entity, 0L))
                    .description("Records Kafka has acknowledged, by entity")
                    .tag("origin", origin).tag("entity", entity).register(registry);
        }
        FunctionCounter.builder("herd.sidecar.row.changes", progress, SidecarProgress::rowChanges)
                .description("Row changes read from the binlog or the snapshot")
                .tag("origin", origin).register(registry);
        FunctionCounter.builder("herd.sidecar.discarded", progress, SidecarProgress::discarded)
                .description("Updates that changed no public column: nothing published")
                .tag("origin", origin).register(registry);
        FunctionCounter.builder("herd.sidecar.sign.cpu", signing, s -> s.signCpuNanos() / 1e9)
                .description("CPU time spent signing records (statements, Merkle trees, signatures)")
                .baseUnit("seconds").tag("origin", origin).register(registry);
        Gauge.builder("herd.sidecar.snapshot.completed", progress, p -> p.isSnapshotCompleted() ? 1 : 0)
                .description("1 once the initial snapshot has been read and streaming has begun")
                .tag("origin", origin).register(registry);
        FunctionCounter.builder("herd.sidecar.snapshot.rows", progress, p -> p.snapshot().rows())
                .description("Rows read by snapshots since start")
                .tag("origin", origin).register(registry);
        Gauge.builder("herd.sidecar.snapshot.rows.expected", progress, p -> p.snapshot().expectedRows())
                .description("The source's estimate of the rows a snapshot reads (-1: unknown)")
                .tag("origin", origin).register(registry);
        Gauge.builder("herd.sidecar.snapshot.rate", progress, p -> p.snapshot().rate())
                .description("Rows per second the snapshot reads").baseUnit("rows")
                .tag("origin", origin).register(registry);
        Gauge.builder("herd.sidecar.snapshot.eta", progress, p -> p.isSnapshotCompleted() ? 0
                        : p.snapshot().secondsLeft())
                .description("Estimated seconds until the snapshot completes (-1: no estimate yet)").baseUnit("seconds")
                .tag("origin", origin).register(registry);
    }
}
