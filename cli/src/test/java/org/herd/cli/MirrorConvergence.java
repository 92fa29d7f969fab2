package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.translator.Translator;
import org.herd.verify.MirrorReader;
import org.herd.verify.OriginReader;
import org.herd.verify.StateComparison;

/**
 * The integration tests' question: does a mirror hold exactly the origin's public state? The
 * origin is read through the same translator settings and origin lookup as the sidecar's.
 */
final class MirrorConvergence {

    /** Opens a connection to the Gazelle database. */
    @FunctionalInterface
    interface Gazelle {
        Connection connect() throws Exception;
    }

    /** The origin as read, and how the mirror compares with it. */
    record State(OriginReader.Result origin, StateComparison comparison) {
    }

    private MirrorConvergence() {
    }

    static State compare(Translator translator, Gazelle gazelle, DataSource mirror, String origin) throws Exception {
        OriginReader.Result originState;
        try (Connection c = gazelle.connect()) {
            originState = new OriginReader(translator).read(c, SourceLookups.over(translator, c));
        }
        try (Connection c = mirror.getConnection()) {
            return new State(originState, StateComparison.compare(originState.rows(), MirrorReader.read(c, origin)));
        }
    }

    /** Waits until the mirror equals the origin; fails with the differences when it does not in time. */
    static State awaitEqual(Duration atMost, Translator translator, Gazelle gazelle, DataSource mirror, String origin) {
        AtomicReference<State> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            State state = compare(translator, gazelle, mirror, origin);
            last.set(state);
            assertThat(state.comparison().equal()).as(state.comparison().describe("mirror")).isTrue();
        });
        return last.get();
    }
}
