package org.herd.replicator;

import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedPostgres;

/**
 * One Kafka broker and one PostgreSQL server for all integration tests of this module, started on
 * first use; tests keep apart by topic prefix and database. The embedded module closes them when
 * the JVM exits.
 */
final class ItServers {

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres postgres;

    private ItServers() {
    }

    static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(null);
        }
        return kafka;
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgres.start(null);
        }
        return postgres;
    }

    /** Runs a statement as the superuser in the maintenance database, e.g. to cut a mirror off. */
    static void postgresAdmin(String sql) {
        try (java.sql.Connection c = postgres().dataSource("postgres").getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
