package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real MariaDB: the binlog row changes it counts are those the binlog
 * holds, class by class, and its tracker noise changes only columns that never leave. Rates are not
 * asserted: the machine decides them.
 */
class LoadGeneratorIT {

    private static final GazelleCatalogue CATALOGUE = GazelleCatalogue.of(GazelleVariant.WHATCD);
    private static final Set<String> TRACKER_COLUMNS = Set.of("Seeders", "Leechers", "Snatched", "balance",
            "last_action");
    private static final int RESERVED = 3;
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = EmbeddedMariaDb.start(null);
        for (String db : List.of("mix", "noise", "locks")) {
            mariaDb.createDatabase(db);
            try (Connection c = mariaDb.connect(db)) {
                GazelleSchema.load(c, GazelleVariant.WHATCD);
                new GazelleDataGenerator(new GeneratorSettings(5, 0.001)).load(c, null);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @Test
    void theRowChangesItCountsAreTheBinlogsClassByClass() throws Exception {
        BinlogRows.Position from;
        try (Connection c = mariaDb.connect("mix")) {
            from = BinlogRows.position(c);
        }
        // Ghosts in half the tracker flushes, so that deletes followed by flushes make some.
        LoadGenerator generator = new LoadGenerator(mariaDb.jdbcUrl("mix"), mariaDb.user(), mariaDb.password(),
                new LoadGenerator.Settings(4, LoadMix.DEFAULT.withGhostPercent(50), 7, RESERVED));
        LoadReport first = generator.run(1_500, Duration.ofSeconds(3));
        LoadReport second = generator.run(3_000, Duration.ofSeconds(2));
        System.out.println("load: " + first.describe() + "\nload: " + second.describe());

        List<BinlogRows.Change> changes = BinlogRows.read(mariaDb, "mix", from);
        RowCounts binlog = RowCounts.NONE;
        for (BinlogRows.Change change : changes) {
            binlog = binlog.plus(RowCounts.of(change.classify(CATALOGUE), 1));
        }
        assertThat(first.anomalies() + second.anomalies()).as("counts not exact: %s", first.firstAnomaly()).isZero();
        assertThat(binlog).isEqualTo(first.rows().plus(second.rows()));
        assertThat(binlog.publicRows()).isPositive();
        assertThat(binlog.noiseRows()).isPositive();
        assertThat(binlog.uncapturedRows()).isPositive();
        assertThat(first.transactionsByKind().keySet()).containsAll(Arrays.stream(LoadKind.values())
                .map(LoadKind::label).toList());
        // Ghost rows: inserted by a flush's upsert, deleted by its DELETE.
        assertThat(changes).anyMatch(c -> c.table().equals("torrents") && c.type().equals("insert")
                && ((byte[]) c.value("info_hash")).length == 0);
        // The reserved release groups and artists (the bench's markers) are left alone.
        assertThat(changes).noneMatch(c -> c.table().equals("torrents_group")
                && ((Number) c.value("ID")).intValue() <= RESERVED);
        assertThat(changes).noneMatch(c -> (c.table().equals("artists_group") || c.table().equals("artists_alias"))
                && c.type().equals("update") && ((Number) c.value("ArtistID")).intValue() <= RESERVED);
    }

    /**
     * Every torrent but the first of each release group locked by another transaction: a delete of a
     * first torrent gets through its DELETE and its REPLACE into sphinx_delta (MyISAM: kept through
     * the rollback), then times out in update_hash, which reads the group's other torrents with
     * locks. The failed transactions' sphinx_delta rows are counted all the same.
     */
    @Test
    void aFailedTransactionCountsTheSphinxRowsItLeftBehind() throws Exception {
        BinlogRows.Position from;
        LoadReport report;
        try (Connection locks = mariaDb.connect("locks"); Statement s = locks.createStatement()) {
            from = BinlogRows.position(locks);
            s.execute("SET GLOBAL innodb_lock_wait_timeout = 1");
            try {
                List<String> later = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT ID FROM torrents AS t WHERE ID > (SELECT MIN(ID) FROM "
                        + "torrents WHERE GroupID = t.GroupID)")) {
                    while (rs.next()) {
                        later.add(rs.getString(1));
                    }
                }
                locks.setAutoCommit(false);
                // By primary key, a few at a time: a long IN list would be read as a scan, which locks every row.
                for (int i = 0; i < later.size(); i += 100) {
                    s.executeQuery("SELECT ID FROM torrents WHERE ID IN (" + String.join(", ", later.subList(i,
                            Math.min(later.size(), i + 100))) + ") FOR UPDATE").close();
                }
                LoadGenerator generator = new LoadGenerator(mariaDb.jdbcUrl("locks"), mariaDb.user(),
                        mariaDb.password(), new LoadGenerator.Settings(8, LoadMix.only(Map.of(LoadKind.DELETE, 1)), 11,
                                RESERVED));
                report = generator.run(400, Duration.ofSeconds(4));
                locks.rollback();
            } finally {
                s.execute("SET GLOBAL innodb_lock_wait_timeout = DEFAULT");
            }
        }
        System.out.println("locks: " + report.describe() + "; first failure: " + report.firstFailure());

        List<BinlogRows.Change> changes = BinlogRows.read(mariaDb, "locks", from);
        RowCounts binlog = RowCounts.NONE;
        for (BinlogRows.Change change : changes) {
            binlog = binlog.plus(RowCounts.of(change.classify(CATALOGUE), 1));
        }
        assertThat(report.failed()).isPositive();
        assertThat(report.anomalies()).as("counts not exact: %s", report.firstAnomaly()).isZero();
        assertThat(binlog).isEqualTo(report.rows());
        // Deletes rolled back after their REPLACE: sphinx_delta rows of torrents still there.
        List<String> queued = changes.stream().filter(c -> c.table().equals("sphinx_delta"))
                .map(c -> String.valueOf(c.value("ID"))).toList();
        assertThat(queued).isNotEmpty();
        try (Connection c = mariaDb.connect("locks"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM torrents WHERE ID IN (" + String.join(", ", queued)
                        + ")")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    @Test
    void trackerNoiseChangesOnlyColumnsThatNeverLeave() throws Exception {
        BinlogRows.Position from;
        try (Connection c = mariaDb.connect("noise")) {
            from = BinlogRows.position(c);
        }
        LoadGenerator generator = new LoadGenerator(mariaDb.jdbcUrl("noise"), mariaDb.user(), mariaDb.password(),
                new LoadGenerator.Settings(3, LoadMix.only(Map.of(LoadKind.TRACKER, 3, LoadKind.TRACKER_USERS, 1)), 9,
                        0));
        LoadReport report = generator.run(2_000, Duration.ofSeconds(2));
        System.out.println("noise: " + report.describe());

        List<BinlogRows.Change> changes = BinlogRows.read(mariaDb, "noise", from);
        Map<String, Integer> tables = new TreeMap<>();
        for (BinlogRows.Change change : changes) {
            tables.merge(change.table() + " " + change.type(), 1, Integer::sum);
            assertThat(change.type()).isEqualTo("update");
            if (change.table().equals("torrents")) {
                assertThat(TRACKER_COLUMNS).containsAll(change.changedColumns());
                assertThat(change.changedColumns()).noneMatch(c -> CATALOGUE.table("torrents").orElseThrow()
                        .isPublic(c));
            } else {
                assertThat(change.table()).isEqualTo("users_main");
                assertThat(CATALOGUE.table("users_main").orElseThrow().isReplicated()).isFalse();
            }
        }
        assertThat(tables).containsOnlyKeys("torrents update", "users_main update");
        assertThat(report.rows()).isEqualTo(new RowCounts(0, tables.get("torrents update"),
                tables.get("users_main update")));
    }
}
