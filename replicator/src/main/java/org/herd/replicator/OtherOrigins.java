package org.herd.replicator;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;

/**
 * The apply loops of {@code herd.mirror.other-origins}: one per origin, each with its own topics,
 * consumer group ({@code <group>.<origin>}), stored offsets, progress and meters, into the same
 * database as the mirror's first origin, each verified against its own trust root. They start and
 * stop with the first one's loop.
 */
public final class OtherOrigins implements SmartLifecycle {

    /** One further origin: its loop and its progress. */
    public record Followed(String origin, MirrorApplier applier, MirrorProgress progress) {
    }

    private final List<Followed> followed = new ArrayList<>();

    OtherOrigins(MirrorProperties properties, String groupId, DataSource dataSource, MirrorSql sql,
            MeterRegistry meters) {
        for (MirrorProperties.OtherOrigin other : properties.otherOrigins()) {
            MirrorProperties own = properties.forOther(other, groupId);
            MirrorProgress progress = new MirrorProgress(Clock.systemUTC(), new QuarantineMetrics(meters,
                    other.origin()));
            new MirrorMetrics(progress, other.origin()).bindTo(meters);
            JdbcMirrorStore store = new JdbcMirrorStore(dataSource, sql, own.kafka().groupId(), other.origin());
            // Each origin under its own trust root: a record signed for one is refused by the other's loop.
            MirrorTrust trust = MirrorConfiguration.startTrust(own, dataSource);
            followed.add(new Followed(other.origin(), new MirrorApplier(own, store, progress,
                    MirrorConfiguration.verification(own, own.kafka().groupId(), store, progress, trust, dataSource)),
                    progress));
        }
    }

    /** The further origins followed, in the order configured. */
    public List<Followed> followed() {
        return List.copyOf(followed);
    }

    @Override
    public void start() {
        followed.forEach(f -> f.applier().start());
    }

    @Override
    public void stop() {
        followed.forEach(f -> f.applier().stop());
    }

    @Override
    public boolean isRunning() {
        return followed.stream().anyMatch(f -> f.applier().isRunning());
    }
}
