package org.herd.testkit.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.junit.jupiter.api.Test;

/** The planter against a real MariaDB holding generated WhatCD data. */
class CanaryPlanterIT {

    private static final GazelleCatalogue CATALOGUE = GazelleCatalogue.of(GazelleVariant.WHATCD);
    private final EmbeddedMariaDb mariaDb = EmbeddedMariaDb.shared();

    private Connection loaded(String db) throws SQLException {
        mariaDb.createDatabase(db);
        Connection c = mariaDb.connect(db);
        GazelleSchema.load(c, GazelleVariant.WHATCD);
        new GazelleDataGenerator(new GeneratorSettings(5, 0.0003)).load(c, null);
        return c;
    }

    @Test
    void everyNonPublicColumnOfTheCatalogueCarriesCanariesOrIsListedWithItsReason() throws SQLException {
        try (Connection c = loaded("planted")) {
            Map<String, Long> rowsBefore = rowCounts(c);
            CanaryPlanter planter = new CanaryPlanter(CATALOGUE);
            Planting first = planter.plant(c);
            Planting live = planter.plantInExistingRows(c);
            Planting all = planter.planted();

            assertThat(all.canaries()).hasSize(first.canaries().size() + live.canaries().size());
            assertThat(all.canaries()).extracting(Canary::label).doesNotHaveDuplicates();
            assertThat(all.canaries().stream().map(k -> k.value() instanceof byte[] b ? new String(b) : k.value())
                    .map(String::valueOf).collect(Collectors.toSet())).hasSize(all.canaries().size());

            Map<String, Integer> perColumn = new HashMap<>();
            all.canaries().forEach(k -> perColumn.merge(k.table() + "." + k.column(), 1, Integer::sum));
            Set<String> unplantable = all.unplantable().stream().map(u -> u.table() + "." + u.column())
                    .collect(Collectors.toSet());
            List<String> uncovered = new ArrayList<>();
            for (TableDef t : CATALOGUE.tables()) {
                for (ColumnDef col : t.columns()) {
                    String name = t.name() + "." + col.name();
                    if (col.isPublic()) {
                        assertThat(perColumn).as("public column " + name).doesNotContainKey(name);
                    } else if (unplantable.contains(name)) {
                        assertThat(perColumn).as("unplantable " + name).doesNotContainKey(name);
                    } else if (perColumn.getOrDefault(name, 0) < (rowsBefore.getOrDefault(t.name(), 0L) > 0 ? 3 : 2)) {
                        // One in an existing row and one in a new row, then one in the next existing row
                        // (in a table that was empty, the new row is the existing one).
                        uncovered.add(name + " has " + perColumn.getOrDefault(name, 0) + " canaries");
                    }
                }
            }
            assertThat(uncovered).isEmpty();
            assertThat(unplantable).contains("users_main.ipcc", "users_main.Class", "users_main.Enabled",
                    "torrents.FreeLeechType", "users_main.can_leech")
                    .doesNotContain("users_main.Email", "users_main.RequiredRatio", "torrents.info_hash",
                            "users_main.LastAccess");
            assertThat(all.unplantable()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());

            // Each column holds its latest canary (in a table that was empty, the live round plants
            // again in the one row there is, over the first).
            Map<String, Canary> latest = new HashMap<>();
            all.canaries().forEach(k -> latest.put(k.table() + "." + k.column(), k));
            for (Canary k : all.canaries()) {
                if (rowsBefore.getOrDefault(k.table(), 0L) > 0 || latest.get(k.table() + "." + k.column()) == k) {
                    assertThat(countWhere(c, k.table(), k.column(), k.value())).as(k.label() + " = " + k.display())
                            .isGreaterThanOrEqualTo(1);
                }
            }
            // Every table got a new row: the replicated ones with a public control in it.
            Map<String, Long> rowsAfter = rowCounts(c);
            // A table whose key is made of public columns without AUTO_INCREMENT (torrents_votes,
            // keyed by GroupID) cannot take a copy of its first row; its private columns carry their
            // canaries in existing rows, as counted above. Every table that is not replicated does
            // get a new row.
            for (TableDef t : CATALOGUE.tables()) {
                if (!t.isReplicated()) {
                    assertThat(rowsAfter.get(t.name())).as(t.name()).isEqualTo(rowsBefore.get(t.name()) + 1);
                } else {
                    assertThat(rowsAfter.get(t.name())).as(t.name()).isBetween(rowsBefore.get(t.name()),
                            rowsBefore.get(t.name()) + 1);
                }
            }
            assertThat(first.controls()).extracting(Canary::table).contains("torrents_group", "torrents", "tags",
                    "artists_group", "artists_alias", "wiki_torrents", "wiki_artists");
            for (Canary k : first.controls()) {
                assertThat(CATALOGUE.table(k.table()).orElseThrow().isPublic(k.column())).as(k.label()).isTrue();
                assertThat(countWhere(c, k.table(), k.column(), k.value())).as(k.label()).isEqualTo(1);
            }
            assertThat(first.canaries()).anySatisfy(k -> assertThat(k.label()).startsWith("users_main.Username#"));
        }
    }

    @Test
    void theWorkloadStillRunsOnAPlantedDatabase() throws SQLException {
        try (Connection c = loaded("workload")) {
            new CanaryPlanter(CATALOGUE).plant(c);
            try (Connection w = mariaDb.connect("workload")) {
                GazelleWorkload workload = new GazelleWorkload(w, 3);
                workload.run(60);
                workload.noise(5);
            }
        }
    }

    @Test
    void aTableTheCatalogueDoesNotKnowIsPlantedAsPrivateAndAnEmptyOneGetsARow() throws SQLException {
        try (Connection c = loaded("extra"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE staff_notes (ID int(10) NOT NULL AUTO_INCREMENT, Note varchar(40) NOT NULL, "
                    + "Flag enum('0','1') NOT NULL DEFAULT '0', PRIMARY KEY (ID)) CHARSET utf8");
            Planting p = new CanaryPlanter(CATALOGUE).plant(c);
            assertThat(p.canaries()).filteredOn(k -> k.table().equals("staff_notes")).extracting(Canary::column)
                    .containsExactly("ID", "Note");
            assertThat(p.unplantable()).extracting(Unplantable::toString)
                    .contains("staff_notes.Flag enum('0','1'): stores only its listed values, which occur in ordinary "
                            + "rows too: no value of it is recognisable");
            assertThat(rowCounts(c).get("staff_notes")).isEqualTo(1);
        }
    }

    @Test
    void aCataloguedTableMissingFromTheDatabaseIsAnError() throws SQLException {
        mariaDb.createDatabase("partial");
        try (Connection c = mariaDb.connect("partial"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE artists_group (ArtistID int PRIMARY KEY, Name varchar(200), RevisionID int, "
                    + "VanityHouse tinyint(1), LastCommentID int NOT NULL DEFAULT 0)");
            assertThatThrownBy(() -> new CanaryPlanter(CATALOGUE).plant(c)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("artists_alias");
        }
    }

    private static long countWhere(Connection c, String table, String column, Object value) throws SQLException {
        // A binary(n) column pads a shorter value with zero bytes: compare its first bytes.
        String condition = value instanceof byte[] b ? "LEFT(`" + column + "`, " + b.length + ") = ?" : "`" + column + "` = ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `" + table + "` WHERE " + condition)) {
            if (value instanceof byte[] b) {
                ps.setBytes(1, b);
            } else if (value instanceof Long l) {
                ps.setLong(1, l);
            } else {
                ps.setString(1, (String) value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + t + "`")) {
                rs.next();
                counts.put(t, rs.getLong(1));
            }
        }
        return counts;
    }
}
