package org.herd.gazelle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.gazelle.source.CatalogueCoverage;
import org.herd.gazelle.source.SourceSchema;
import org.herd.gazelle.source.VariantDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WhatCD and OPS DDL against a real MariaDB, and the catalogues against what the server reports. */
class GazelleSchemaIT {

    private static final String DB = "gazelle";
    private static final String OPS_DB = "gazelle_ops";
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void start() throws SQLException {
        mariaDb = EmbeddedMariaDb.shared();
        mariaDb.createDatabase(DB);
        try (Connection c = mariaDb.connect(DB)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
        }
        mariaDb.createDatabase(OPS_DB);
        try (Connection c = mariaDb.connect(OPS_DB)) {
            GazelleSchema.load(c, GazelleVariant.OPS);
        }
    }

    /**
     * Default deny, enforced both ways: a column the DDL has but the catalogue does not classify
     * would be invisible to the privacy review, and a catalogued column the DDL lacks is a typo
     * that would silently drop data.
     */
    @Test
    void everyColumnOfTheLoadedSchemaIsCataloguedAndViceVersa() throws SQLException {
        Map<String, List<String>> server = new LinkedHashMap<>();
        try (Connection c = mariaDb.connect(DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                     + "WHERE TABLE_SCHEMA = '" + DB + "' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                server.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        GazelleCatalogue catalogue = GazelleCatalogue.of(GazelleVariant.WHATCD);
        assertThat(server.keySet()).containsExactlyInAnyOrderElementsOf(
                catalogue.tables().stream().map(TableDef::name).toList());
        for (TableDef table : catalogue.tables()) {
            List<String> catalogued = table.columns().stream().map(ColumnDef::name).toList();
            assertThat(server.get(table.name())).as("columns of %s in DDL order", table.name())
                    .containsExactlyElementsOf(catalogued);
        }
    }

    @Test
    void primaryKeysMatchTheCatalogue() throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Connection c = mariaDb.connect(DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                     + "WHERE TABLE_SCHEMA = '" + DB + "' AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        for (TableDef table : GazelleCatalogue.of(GazelleVariant.WHATCD).tables()) {
            // Gazelle left some tables without a primary key; the catalogue says so with an empty key.
            assertThat(keys.getOrDefault(table.name(), List.of())).as("primary key of %s", table.name())
                    .containsExactlyElementsOf(table.primaryKey());
        }
    }

    @Test
    void tablesAreUtf8mb3WithGazellesZeroDatesAndFlags() throws SQLException {
        try (Connection c = mariaDb.connect(DB); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT CHARACTER_SET_NAME FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = '" + DB + "' AND CHARACTER_SET_NAME IS NOT NULL")) {
                List<String> charsets = new ArrayList<>();
                while (rs.next()) {
                    charsets.add(rs.getString(1));
                }
                assertThat(charsets).containsExactly("utf8mb3");
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + DB + "' AND DATA_TYPE = 'datetime' AND COLUMN_DEFAULT LIKE '%0000-00-00 00:00:00%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(31);
            }
            try (ResultSet rs = st.executeQuery("SELECT COLUMN_TYPE, COLUMN_DEFAULT FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = '" + DB + "' AND TABLE_NAME = 'torrents_artists' AND COLUMN_NAME = 'Importance'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("enum('1','2','3','4','5','6','7')");
                assertThat(rs.getString(2)).isEqualTo("'1'");
            }
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + DB + "' AND ENGINE = 'MyISAM'")) {
                List<String> myIsam = new ArrayList<>();
                while (rs.next()) {
                    myIsam.add(rs.getString(1));
                }
                assertThat(myIsam).containsExactlyInAnyOrder("torrents_files", "torrents_peerlists", "sphinx_delta");
            }
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME, REFERENCED_TABLE_NAME, DELETE_RULE FROM "
                    + "information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '" + DB + "'")) {
                List<String> foreignKeys = new ArrayList<>();
                while (rs.next()) {
                    foreignKeys.add(rs.getString(1) + " -> " + rs.getString(2) + " " + rs.getString(3));
                }
                // The cascades InnoDB carries out below the binlog; the translator publishes the
                // deletes of torrents_votes rows with their group's.
                assertThat(foreignKeys).containsExactlyInAnyOrder("torrents_votes -> torrents_group CASCADE",
                        "users_votes -> torrents_group CASCADE", "users_votes -> users_main CASCADE");
            }
            try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE torrents")) {
                rs.next();
                assertThat(rs.getString(2)).contains("UNIQUE KEY `InfoHash` (`info_hash`(40))")
                        .contains("`info_hash` blob NOT NULL")
                        .contains("`FreeTorrent` enum('0','1','2') NOT NULL DEFAULT '0'");
            }
        }
    }

    /** The OPS DDL and the OPS catalogue name the same tables and columns, in the same order. */
    @Test
    void everyColumnOfTheLoadedOpsSchemaIsCataloguedAndViceVersa() throws SQLException {
        Map<String, List<String>> server;
        try (Connection c = mariaDb.connect(OPS_DB)) {
            server = SourceSchema.read(c, OPS_DB).tables();
        }
        GazelleCatalogue catalogue = GazelleCatalogue.of(GazelleVariant.OPS);
        assertThat(server.keySet()).containsExactlyInAnyOrderElementsOf(
                catalogue.tables().stream().map(TableDef::name).toList());
        for (TableDef table : catalogue.tables()) {
            List<String> catalogued = table.columns().stream().map(ColumnDef::name).toList();
            assertThat(server.get(table.name())).as("columns of %s in DDL order", table.name())
                    .containsExactlyElementsOf(catalogued);
        }
    }

    @Test
    void opsPrimaryKeysMatchTheCatalogue() throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Connection c = mariaDb.connect(OPS_DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                     + "WHERE TABLE_SCHEMA = '" + OPS_DB + "' AND CONSTRAINT_NAME = 'PRIMARY' "
                     + "ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        for (TableDef table : GazelleCatalogue.of(GazelleVariant.OPS).tables()) {
            assertThat(keys.get(table.name())).as("primary key of %s", table.name())
                    .containsExactlyElementsOf(table.primaryKey());
        }
    }

    @Test
    void opsTablesAreUtf8mb4WithoutZeroDatesAndWithTheirForeignKeys() throws SQLException {
        try (Connection c = mariaDb.connect(OPS_DB); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT CHARACTER_SET_NAME FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = '" + OPS_DB + "' AND CHARACTER_SET_NAME IS NOT NULL")) {
                List<String> charsets = new ArrayList<>();
                while (rs.next()) {
                    charsets.add(rs.getString(1));
                }
                assertThat(charsets).containsExactly("utf8mb4");
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + OPS_DB + "' AND COLUMN_DEFAULT LIKE '%0000-00-00%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA"
                    + " = '" + OPS_DB + "' AND TABLE_NAME = 'torrents_artists' AND COLUMN_NAME = 'Importance'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("enum('1','2','3','4','5','6','7','8')");
            }
            try (ResultSet rs = st.executeQuery("SELECT REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE TABLE_SCHEMA = '" + OPS_DB + "' AND TABLE_NAME = 'artists_group'"
                    + " AND COLUMN_NAME = 'PrimaryAlias' AND REFERENCED_TABLE_NAME IS NOT NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("artists_alias");
            }
        }
    }

    @Test
    void theDetectorTellsTheLoadedSchemasApartAndTheyCoverTheirCatalogues() throws SQLException {
        for (GazelleVariant variant : GazelleVariant.values()) {
            String db = variant == GazelleVariant.OPS ? OPS_DB : DB;
            SourceSchema schema;
            try (Connection c = mariaDb.connect(db)) {
                schema = SourceSchema.read(c, db);
            }
            assertThat(VariantDetector.detect(schema).variant()).as(db).isEqualTo(variant);
            GazelleCatalogue catalogue = GazelleCatalogue.of(variant);
            Map<String, List<String>> everythingPublic = new LinkedHashMap<>();
            catalogue.replicatedTables().forEach(t -> everythingPublic.put(t.name(), t.publicColumns()));
            CatalogueCoverage coverage = CatalogueCoverage.of(catalogue, everythingPublic, schema);
            assertThat(coverage.complete()).as(db).isTrue();
            assertThat(coverage.unknownTables()).as(db).isEmpty();
        }
    }

    @Test
    void loadingTwiceFailsNamingTheStatement() throws SQLException {
        mariaDb.createDatabase("twice");
        try (Connection c = mariaDb.connect("twice")) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            assertThatThrownBy(() -> GazelleSchema.load(c, GazelleVariant.WHATCD))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("CREATE TABLE `artists_group`");
        }
    }
}
