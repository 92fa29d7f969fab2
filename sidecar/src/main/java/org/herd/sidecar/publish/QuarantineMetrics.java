package org.herd.sidecar.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;

/**
 * Passes everything on to the sidecar's progress and counts quarantined row changes in the
 * Micrometer counter {@value #NAME}, tagged {@code side=sidecar}, {@code origin}, {@code table}
 * and {@code kind} (see {@link QuarantineRecord#kind()}); mirrors count theirs under the same name
 * with {@code side=mirror}. Spring Boot's actuator publishes it with the other metrics.
 */
public final class QuarantineMetrics extends ForwardingListener {

    public static final String NAME = "herd.quarantined";

    private final MeterRegistry registry;
    private final String origin;

    public QuarantineMetrics(PipelineListener next, MeterRegistry registry, String origin) {
        super(next);
        this.registry = registry;
        this.origin = origin;
    }

    @Override
    public void quarantined(QuarantineRecord record) {
        super.quarantined(record);
        // Tables come from the captured set (or the connector's own table name), kinds from a fixed
        // list: the tag values stay few.
        Counter.builder(NAME)
                .description("Row changes set aside in the quarantine topic instead of being published")
                .tag("side", "sidecar")
                .tag("origin", origin)
                .tag("table", record.table() == null ? "unknown" : record.table())
                .tag("kind", record.kind() == null ? QuarantineRecord.TRANSLATION : record.kind())
                .register(registry)
                .increment();
    }
}
