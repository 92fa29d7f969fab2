package org.herd.gazelle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.junit.jupiter.api.Test;

class GazelleSchemaTest {

    private static final Pattern CREATE = Pattern.compile("^CREATE TABLE `(\\w+)` \\(");
    private static final Set<String> MYISAM = Set.of("torrents_files", "torrents_peerlists", "sphinx_delta");

    @Test
    void whatcdDdlCreatesExactlyTheCataloguedTablesInUtf8mb3() {
        List<String> statements = GazelleSchema.statements(GazelleVariant.WHATCD);
        List<String> created = statements.stream().map(s -> {
            Matcher m = CREATE.matcher(s);
            assertThat(m.find()).as("statement is a CREATE TABLE: %s", s).isTrue();
            // WhatCD declared every table with the 3-byte utf8 character set; a few are MyISAM.
            boolean myIsam = MYISAM.contains(m.group(1));
            assertThat(s).as(m.group(1)).endsWith("ENGINE=" + (myIsam ? "MyISAM" : "InnoDB") + " CHARSET utf8");
            return m.group(1);
        }).toList();
        List<String> catalogued = GazelleCatalogue.of(GazelleVariant.WHATCD).tables().stream()
                .map(TableDef::name).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(catalogued);
    }

    @Test
    void zeroDateDefaultsAreKept() {
        String ddl = GazelleSchema.ddl(GazelleVariant.WHATCD);
        assertThat(ddl.split("DEFAULT '0000-00-00 00:00:00'", -1)).hasSize(1 + 31);
    }

    @Test
    void splitterIgnoresSemicolonsInCommentsAndLiterals() {
        String script = "-- one; two\nCREATE TABLE a (x enum('a;b') DEFAULT 'a;b'); /* c; d */\n"
                + "# hash; comment\nCREATE TABLE `b;c` (y int);\n\n";
        assertThat(GazelleSchema.split(script)).containsExactly(
                "CREATE TABLE a (x enum('a;b') DEFAULT 'a;b')", "CREATE TABLE `b;c` (y int)");
    }

    @Test
    void opsDdlCreatesExactlyTheCataloguedTablesInUtf8mb4WithoutZeroDates() {
        List<String> statements = GazelleSchema.statements(GazelleVariant.OPS);
        List<String> created = statements.stream().map(s -> {
            Matcher m = CREATE.matcher(s);
            assertThat(m.find()).as("statement is a CREATE TABLE: %s", s).isTrue();
            assertThat(s).endsWith("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
            return m.group(1);
        }).toList();
        List<String> catalogued = GazelleCatalogue.of(GazelleVariant.OPS).tables().stream()
                .map(TableDef::name).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(catalogued);
        assertThat(GazelleSchema.ddl(GazelleVariant.OPS)).doesNotContain("0000-00-00");
    }

    @Test
    void opsRunsStrictAndWhatcdDoesNot() {
        assertThat(GazelleSchema.sqlMode(GazelleVariant.OPS)).contains("STRICT_TRANS_TABLES", "NO_ZERO_DATE");
        assertThat(GazelleSchema.sqlMode(GazelleVariant.WHATCD)).isEqualTo(GazelleSchema.GAZELLE_SQL_MODE)
                .doesNotContain("STRICT");
    }

    @Test
    void tablesListsWhatTheDdlCreatesInOrder() {
        for (GazelleVariant variant : GazelleVariant.values()) {
            List<String> tables = GazelleSchema.tables(variant);
            assertThat(tables).containsExactlyInAnyOrderElementsOf(GazelleCatalogue.of(variant).tables().stream()
                    .map(TableDef::name).toList());
        }
        assertThat(GazelleSchema.tables(GazelleVariant.WHATCD)).startsWith("artists_group", "artists_alias");
    }
}
