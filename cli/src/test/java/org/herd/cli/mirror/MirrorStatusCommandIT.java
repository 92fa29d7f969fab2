package org.herd.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.testkit.Jdbc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code herd mirror status} against a mirror database migrated by the replicator's Flyway
 * migrations and filled as a mirror fills it: what it prints per origin, and its exit codes.
 */
class MirrorStatusCommandIT {

    private static EmbeddedPostgres postgres;
    private static DataSource db;
    private static String url;

    @BeforeAll
    static void mirrorDatabase() {
        postgres = EmbeddedPostgres.start(null);
        postgres.createDatabase("status");
        db = postgres.dataSource("status");
        url = postgres.jdbcUrl("status");
        Flyway.configure().dataSource(db).schemas("herd").defaultSchema("herd").createSchemas(true).load().migrate();
        // Origin "good": verifying, a fresh root, a complete checkpoint, one unknown_key reject checked again.
        Jdbc.execute(db, "INSERT INTO herd.mirror_origin (origin, topic_prefix, verify) VALUES ('good', 'herd.good', true),"
                + " ('bad', 'herd.bad', true), ('open', 'herd.open', false)");
        Jdbc.execute(db, "INSERT INTO herd.trust_root (origin, version, root_file, expires_at, source) VALUES"
                + " ('good', 1, '\\x7b7d', '2090-01-01 00:00:00+00', 'file'),"
                + " ('good', 2, '\\x7b7d', '2091-01-01 00:00:00+00', 'topic'),"
                + " ('bad', 1, '\\x7b7d', '2020-01-01 00:00:00+00', 'file')");
        Jdbc.execute(db, "INSERT INTO herd.artist (origin, artist_id, name, src_epoch, src_file_seq, src_pos, src_event,"
                + " src_row) VALUES ('good', 1, 'A', 1, 3, 100, 1, 0), ('good', 2, 'B', 1, 3, 120, 0, 0),"
                + " ('bad', 1, 'A', 1, 2, 5, 0, 0)");
        Jdbc.execute(db, "INSERT INTO herd.checkpoint_result (origin, checkpoint_position, snapshot_complete, issued_at,"
                + " result, summary) VALUES ('good', 'e1:mysql-bin.000003:120/0#0', true, now(), 'complete',"
                + " 'complete at e1:mysql-bin.000003:120/0#0'), ('bad', 'e1:mysql-bin.000002:9/0#0', false, now(),"
                + " 'differs', 'differs from the checkpoint at e1:mysql-bin.000002:9/0#0: artist expected 1,204 rows"
                + " found 1')");
        Jdbc.execute(db, "INSERT INTO herd.checkpoint_entity_result (result_id, entity, outcome, expected_rows,"
                + " found_rows, expected_digest, found_digest) SELECT id, 'artist', 'differs', 1204, 1, 'x', 'y'"
                + " FROM herd.checkpoint_result WHERE origin = 'bad'");
        Jdbc.execute(db, "INSERT INTO herd.reject (origin, subject, topic, \"partition\", \"offset\", reason, detail,"
                + " resolved_at, resolution) VALUES"
                + " ('good', 'record', 'herd.good.artist', 0, 7, 'unknown_key', 'k', now(), 'applied'),"
                + " ('bad', 'record', 'herd.bad.artist', 0, 3, 'bad_signature', 'd', NULL, NULL),"
                + " ('bad', 'record', 'herd.bad.artist', 0, 4, 'bad_signature', 'd', NULL, NULL),"
                + " ('bad', 'checkpoint', 'herd.bad._checkpoints', 0, 1, 'bad_signature', 'd', NULL, NULL),"
                + " ('bad', 'trust-root', 'herd.bad._trust', 0, 1, 'rollback', 'd', NULL, NULL)");
        Jdbc.execute(db, "INSERT INTO herd.quarantine (topic, \"partition\", \"offset\", reason) VALUES"
                + " ('herd.bad.artist', 0, 9, 'r'), ('herd.badly.artist', 0, 9, 'r')");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MirrorStatusCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] connect(String... more) {
        String[] base = {"--mirror-url", url, "--mirror-user", postgres.user(), "--mirror-password", postgres.password()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aMirrorThatVerifiesWithNothingWrongExitsZero() {
        Run r = run(connect("--origin", "good"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("origin good (topics herd.good.*")
                .contains("  verification        ON, against trust root v2, expires 2091-01-01T00:00:00Z (in ")
                .contains("  position applied    e1: binlog file no. 3, 120/0#0")
                .contains("  live rows           artist 2; 24 entities without rows")
                .contains("  last checkpoint     complete at e1:mysql-bin.000003:120/0#0 (compared ")
                .contains("  rejected records    unsigned 0, malformed_headers 0, unknown_key 0, revoked_key 0, "
                        + "malformed 0, bad_signature 0, wrong_origin 0, wrong_epoch 0, wrong_topic 0, stale 0 (open")
                .contains("  checked again       applied 1")
                .contains("  refused checkpoints unsigned 0, malformed_headers 0, unknown_key 0, revoked_key 0,")
                .contains("  refused trust roots threshold_not_met 0, rollback 0, version_gap 0,")
                .contains("  quarantined         0 open")
                .endsWith("nothing needs attention\n");
        assertThat(r.out() + r.err()).doesNotContain(postgres.password() + "\n");
    }

    @Test
    void anExpiredRootADifferingCheckpointAndVerificationOffExitOne() {
        Run r = run(connect());

        assertThat(r.code()).isEqualTo(MirrorStatusCommand.ATTENTION);
        String bad = r.out().substring(r.out().indexOf("origin bad"), r.out().indexOf("origin good"));
        assertThat(bad).contains("ON, against trust root v1, EXPIRED at 2020-01-01T00:00:00Z; still verifying")
                .contains("differs from the checkpoint at e1:mysql-bin.000002:9/0#0: artist expected 1,204 rows found 1")
                .contains("artist: expected 1,204 rows, found 1")
                .contains("bad_signature 2, wrong_origin 0")
                .contains("refused checkpoints unsigned 0, malformed_headers 0, unknown_key 0, revoked_key 0, "
                        + "wrong_origin 0, wrong_epoch 0, bad_signature 1, malformed 0")
                .contains("rollback 1")
                .contains("quarantined         1 open");
        assertThat(r.out()).contains("OFF: records are applied without checking the origin's signatures")
                .contains("not compared (verification OFF)")
                .contains("needs attention: bad: trust root v1 expired; bad: the last checkpoint comparison differs; "
                        + "open: verification OFF");
    }

    @Test
    void aFirstCopyInProgressShowsItsDeferredIndexesAndPausedAutovacuum() {
        assertThat(run(connect("--origin", "good")).out()).doesNotContain("indexes:").doesNotContain("autovacuum:");
        Jdbc.execute(db, "INSERT INTO herd.deferred_index (name, table_name, definition) VALUES"
                + " ('artist_name_idx', 'artist', 'CREATE INDEX artist_name_idx ON herd.artist (name)'),"
                + " ('tag_name_idx', 'tag', 'CREATE INDEX tag_name_idx ON herd.tag (name)')");
        Jdbc.execute(db, "INSERT INTO herd.paused_autovacuum (table_name) VALUES ('artist'), ('tag'), ('release')");
        try {
            Run r = run(connect("--origin", "good"));

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("indexes: 2 deferred until the first copy is complete")
                    .contains("autovacuum: paused on 3 tables until the first copy is complete")
                    .contains("nothing needs attention");
        } finally {
            Jdbc.execute(db, "DELETE FROM herd.deferred_index");
            Jdbc.execute(db, "DELETE FROM herd.paused_autovacuum");
        }
    }

    @Test
    void badUsageAndAnUnreachableDatabaseExitTwoWithoutPrintingThePassword() {
        Run none = run();
        assertThat(none.code()).isEqualTo(MirrorStatusCommand.FAILED);
        assertThat(none.err()).contains("--mirror-url is required");
        assertThat(run("--mirror-url", "mysql://x").code()).isEqualTo(MirrorStatusCommand.FAILED);
        Run r = run("--mirror-url", "jdbc:postgresql://127.0.0.1:1/none?password=hunter2x", "--mirror-password",
                "hunter2x");
        assertThat(r.code()).isEqualTo(MirrorStatusCommand.FAILED);
        assertThat(r.err()).contains("cannot read the mirror at jdbc:postgresql://127.0.0.1:1/none")
                .doesNotContain("hunter2x");
        assertThat(run(connect("--origin", "nowhere")).code()).isEqualTo(MirrorStatusCommand.FAILED);
    }
}
