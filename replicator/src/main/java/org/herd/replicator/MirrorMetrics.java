package org.herd.replicator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.NeutralSchema;

/**
 * A mirror's progress as Micrometer meters, all tagged {@code origin}: what Prometheus scrapes from
 * {@code /actuator/prometheus} (docs/operator.md lists them). They read {@link MirrorProgress};
 * nothing is counted twice. Quarantined records, by kind, are {@code herd.quarantined}
 * ({@link QuarantineMetrics}).
 */
public final class MirrorMetrics implements MeterBinder {

    private final MirrorProgress progress;
    private final String origin;
    private final DeferredIndexes deferredIndexes;

    public MirrorMetrics(MirrorProgress progress, String origin) {
        this(progress, origin, null);
    }

    /** With the first copy's deferred indexes, a gauge of the mirror's first origin only (they are the mirror's). */
    public MirrorMetrics(MirrorProgress progress, String origin, DeferredIndexes deferredIndexes) {
        this.progress = progress;
        this.origin = origin;
        this.deferredIndexes = deferredIndexes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // One series per entity of the neutral schema, known in advance: the tag values stay few.
        for (String entity : NeutralSchema.entities().stream().map(org.herd.translator.schema.EntityType::name).toList()) {
            FunctionCounter.builder("herd.mirror.applied", progress, p -> p.appliedByEntity().getOrDefault(entity, 0L))
                    .description("Records that changed a row (upserts and deletes), by entity")
                    .tag("origin", origin).tag("entity", entity).register(registry);
        }
        FunctionCounter.builder("herd.mirror.not.newer", progress, MirrorProgress::notNewer)
                .description("Records that changed nothing: the row held the same or a newer position")
                .tag("origin", origin).register(registry);
        FunctionCounter.builder("herd.mirror.failures", progress, MirrorProgress::failures)
                .description("Failed attempts (PostgreSQL or Kafka unreachable), each retried from the stored offsets")
                .tag("origin", origin).register(registry);
        FunctionCounter.builder("herd.mirror.verify.cpu", progress, p -> p.verifyCpuNanos() / 1e9)
                .description("CPU time spent verifying records (signature headers, statements, Merkle proofs, "
                        + "Ed25519 signatures of batch roots)")
                .baseUnit("seconds").tag("origin", origin).register(registry);
        TimeGauge.builder("herd.mirror.lag", progress, TimeUnit.MILLISECONDS,
                        p -> p.lastLagMs() < 0 ? Double.NaN : p.lastLagMs())
                .description("Commit in the mirror minus commit at the origin, of the last streamed record applied")
                .tag("origin", origin).register(registry);
        TimeGauge.builder("herd.mirror.position.time", progress, TimeUnit.MILLISECONDS, p -> {
                    SourcePosition position = p.lastPosition();
                    return position == null || position.tsMs() <= 0 ? Double.NaN : position.tsMs();
                })
                .description("Origin commit time (epoch) of the highest source position applied")
                .tag("origin", origin).register(registry);
        Gauge.builder("herd.mirror.lag.p99", progress, p -> {
                    MirrorProgress.LagSummary lag = p.recentLag();
                    return lag.samples() == 0 ? Double.NaN : lag.p99() / 1000.0;
                })
                .description("99th percentile lag of recent streamed records applied").baseUnit("seconds")
                .tag("origin", origin).register(registry);
        if (deferredIndexes != null) {
            Gauge.builder("herd.mirror.deferred.indexes", deferredIndexes, DeferredIndexes::deferred)
                    .description("Secondary indexes the first copy dropped and has not built again yet")
                    .tag("origin", origin).register(registry);
        }
    }
}
