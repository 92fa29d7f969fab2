package org.herd.sidecar.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.Cascade;
import org.herd.translator.OriginLookup;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The origin lookup against a real MariaDB: what it reads, and how its cache follows the stream. */
class SourceLookupIT {

    private static final EmbeddedMariaDb MARIADB = EmbeddedStack.shared().mariaDb();
    private static final SourcePosition POS = new SourcePosition("mysql-bin.000001", 4, 0, 0, false, 0);

    private final String db = "lookup_" + UUID.randomUUID().toString().substring(0, 8);
    private final Translator translator = new Translator(new TranslatorSettings("lookup", GazelleVariant.WHATCD));
    private int connections;
    private SourceLookup lookup;

    @BeforeEach
    void gazelle() throws Exception {
        MARIADB.createDatabase(db);
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            s.execute("INSERT INTO tags (ID, Name, TagType, Uses, UserID) VALUES (1, 'ambient', 'genre', 3, 4242),"
                    + " (2, 'idm', 'other', 1, 4242)");
            s.execute("INSERT INTO torrents_tags (TagID, GroupID, PositiveVotes, NegativeVotes, UserID) VALUES"
                    + " (1, 10, 5, 1, 4242), (1, 11, 7, 0, 4242), (2, 10, 2, 2, 4242)");
        }
        lookup = SourceLookups.of(translator, () -> {
            connections++;
            return MARIADB.connect(db);
        });
    }

    @AfterEach
    void close() {
        lookup.close();
    }

    @Test
    void readsOnlyTheColumnsTheTranslatorMayRead() {
        Map<String, Object> tag = lookup.row("tags", Map.of("ID", 1)).orElseThrow();

        assertThat(tag).containsOnlyKeys(translator.capturedColumns().get("tags")).doesNotContainKey("UserID")
                .containsEntry("Name", "ambient");
        assertThat(lookup.row("tags", Map.of("ID", 99))).isEmpty();
        assertThatThrownBy(() -> lookup.row("users_main", Map.of("ID", 4242)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users_main is not translated");
    }

    @Test
    void theCacheFollowsTheStreamAndKeepsDeletedRowsLastValues() throws Exception {
        assertThat(lookup.row("tags", Map.of("ID", 2L))).get().extracting(r -> r.get("Uses")).isEqualTo(1);
        int opened = connections;

        Map<String, Object> before = row(2L, "idm", 1);
        Map<String, Object> after = row(2L, "idm", 9);
        lookup.observe(RowChange.update("tags", before, after, POS));
        assertThat(lookup.row("tags", Map.of("ID", 2))).get().extracting(r -> r.get("Uses")).isEqualTo(9);

        // The stream deleted it; the database too. A child judged later still sees its last values.
        try (Connection c = MARIADB.connect(db); Statement s = c.createStatement()) {
            s.execute("DELETE FROM tags WHERE ID = 2");
        }
        lookup.observe(RowChange.delete("tags", after, POS));
        assertThat(lookup.row("tags", Map.of("ID", 2))).get().extracting(r -> r.get("Name")).isEqualTo("idm");
        // A row inserted by the stream into a looked-up table is known without a query.
        lookup.observe(RowChange.insert("tags", row(3L, "drone", 1), POS));
        assertThat(lookup.row("tags", Map.of("ID", 3))).get().extracting(r -> r.get("Name")).isEqualTo("drone");
        assertThat(connections).isEqualTo(opened);
    }

    @Test
    void aggregatesAndCascadeRows() {
        assertThat(lookup.aggregate("torrents_tags", Map.of("TagID", 1), "PositiveVotes"))
                .isEqualTo(new OriginLookup.Aggregate(2, 12));
        assertThat(lookup.aggregate("torrents_tags", Map.of("TagID", 9), "PositiveVotes"))
                .isEqualTo(new OriginLookup.Aggregate(0, 0));
        assertThatThrownBy(() -> lookup.aggregate("torrents_tags", Map.of("TagID", 1), "UserID"))
                .isInstanceOf(IllegalArgumentException.class);

        List<Map<String, Object>> rows = lookup.rows(new Cascade("torrents_tags", Map.of("GroupID", 10)));
        assertThat(rows).extracting(r -> r.get("TagID")).containsExactlyInAnyOrder(1, 2);
        assertThat(rows).allSatisfy(r -> assertThat(r).doesNotContainKey("UserID"));
        assertThatThrownBy(() -> lookup.rows(new Cascade("torrents_tags", Map.of("UserID", 4242))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBorrowedConnectionIsLeftAsItWas() throws Exception {
        try (Connection c = MARIADB.connect(db)) {
            SourceLookup borrowing = SourceLookups.over(translator, c);
            assertThat(borrowing.row("tags", Map.of("ID", 1))).isPresent();
            borrowing.close();
            assertThat(c.isClosed()).isFalse();
            assertThat(c.isReadOnly()).isFalse();
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE tags SET Uses = Uses + 1 WHERE ID = 1")).isEqualTo(1);
            }
        }
    }

    @Test
    void aDatabaseThatCannotAnswerIsAFailureThatMayPass() {
        SourceLookup broken = SourceLookups.of(translator, () -> {
            throw new java.sql.SQLException("Connection refused");
        });
        assertThatThrownBy(() -> broken.row("tags", Map.of("ID", 1)))
                .isInstanceOf(SourceLookup.LookupFailedException.class)
                .hasMessageContaining("could not read tags").hasMessageContaining("Connection refused");
    }

    private static Map<String, Object> row(long id, String name, int uses) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("Name", name);
        r.put("TagType", "other");
        r.put("Uses", uses);
        return r;
    }
}
