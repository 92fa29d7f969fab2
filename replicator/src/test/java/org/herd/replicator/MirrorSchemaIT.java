package org.herd.replicator;

import org.herd.testkit.Jdbc;
import org.herd.testkit.TestRecords;
import org.herd.embedded.EmbeddedPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations and {@link NeutralSchema} must describe the same tables: the apply SQL is
 * generated from the one and runs against the other.
 */
class MirrorSchemaIT {

    /** A fresh database migrated with the application's own Flyway settings. */
    private static DataSource db;

    @BeforeAll
    static void migrate() {
        String name = "schema_" + ProcessHandle.current().pid();
        EmbeddedPostgres.shared().createDatabase(name);
        DataSource ds = EmbeddedPostgres.shared().dataSource(name);
        FluentConfiguration flyway = Flyway.configure().dataSource(ds);
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(flyway);
        flyway.load().migrate();
        db = ds;
    }

    private static List<Map<String, Object>> query(String sql, Object... args) {
        return Jdbc.query(db, sql, args);
    }

    private static String pgType(FieldType type) {
        return switch (type) {
            case INTEGER -> "bigint";
            case TEXT -> "text";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamp without time zone";
            case FILE_LIST -> "jsonb";
        };
    }

    private static List<String> columns(String table) {
        return query("SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = 'herd' AND table_name = ? ORDER BY ordinal_position", table).stream()
                .map(r -> r.get("column_name") + " " + r.get("data_type")
                        + ("NO".equals(r.get("is_nullable")) ? " not null" : "")
                        + (r.get("column_default") == null ? "" : " default " + r.get("column_default")))
                .toList();
    }

    @Test
    void everyEntityTableHasExactlyTheSchemasColumns() {
        for (EntityType e : NeutralSchema.entities()) {
            List<String> expected = new ArrayList<>();
            expected.add("origin text not null");
            for (Field f : e.keyFields()) {
                expected.add(f.name() + " " + pgType(f.type()) + " not null");
            }
            for (Field f : e.payloadFields()) {
                // Nullable whatever the field says: a tombstone keeps the row with its payload nulled.
                expected.add(f.name() + " " + pgType(f.type()));
            }
            expected.addAll(List.of(
                    "src_epoch bigint not null default 0",
                    "src_file_seq bigint not null",
                    "src_pos bigint not null",
                    "src_event bigint not null",
                    "src_row integer not null",
                    "deleted boolean not null default false",
                    "applied_at timestamp with time zone not null default now()",
                    "src_fp bigint",
                    "src_value bytea",
                    "src_signature bytea"));
            // Any order: a field added in a later migration lands after the bookkeeping columns
            // (PostgreSQL appends), and the replicator names every column it writes.
            assertThat(columns(e.name())).as(e.name()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(MirrorSql.BOOKKEEPING_COLUMNS).isEqualTo(expected.subList(expected.size() - 10, expected.size())
                    .stream().map(c -> c.substring(0, c.indexOf(' '))).toList());
        }
    }

    @Test
    void fieldTypesAreTheOnesTheSchemaDeclares() {
        for (FieldType t : FieldType.values()) {
            // information_schema spells timestamp out in full; the schema's short name is the same type.
            assertThat(pgType(t)).startsWith(t.postgresType());
        }
    }

    @Test
    void primaryKeyIsOriginThenTheKeyFields() {
        for (EntityType e : NeutralSchema.entities()) {
            List<Object> pk = query("SELECT k.column_name FROM information_schema.table_constraints c"
                    + " JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name"
                    + " AND k.table_schema = c.table_schema"
                    + " WHERE c.table_schema = 'herd' AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'"
                    + " ORDER BY k.ordinal_position", e.name()).stream().map(r -> r.get("column_name")).toList();
            List<Object> expected = new ArrayList<>(List.of("origin"));
            expected.addAll(e.keyNames());
            assertThat(pk).as(e.name()).isEqualTo(expected);
        }
    }

    @Test
    void nothingElseInTheSchemaAndNoForeignKeys() {
        List<String> expectedTables = new ArrayList<>();
        NeutralSchema.entities().forEach(e -> expectedTables.add(e.name() + " BASE TABLE"));
        NeutralSchema.entities().forEach(e -> expectedTables.add(e.name() + "_live VIEW"));
        expectedTables.addAll(List.of("consumer_offset BASE TABLE", "quarantine BASE TABLE",
                "mirror_identity BASE TABLE", "flyway_schema_history BASE TABLE", "mirror_status BASE TABLE",
                "mirror_lag BASE TABLE", "mirror_origin BASE TABLE", "trust_root BASE TABLE", "reject BASE TABLE",
                "checkpoint BASE TABLE", "checkpoint_result BASE TABLE", "checkpoint_entity_result BASE TABLE",
                "archive_bootstrap BASE TABLE", "epoch_retirement BASE TABLE", "deferred_index BASE TABLE",
                "paused_autovacuum BASE TABLE"));

        List<String> tables = query("SELECT table_name, table_type FROM information_schema.tables"
                + " WHERE table_schema = 'herd'").stream()
                .map(r -> r.get("table_name") + " " + r.get("table_type")).toList();

        assertThat(tables).containsExactlyInAnyOrderElementsOf(expectedTables);
        assertThat(query("SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_schema = 'herd' AND constraint_type = 'FOREIGN KEY'")).isEmpty();
    }

    @Test
    void liveViewsShowTheEntityWithoutBookkeeping() {
        for (EntityType e : NeutralSchema.entities()) {
            List<String> expected = new ArrayList<>(List.of("origin"));
            e.fields().forEach(f -> expected.add(f.name()));
            assertThat(columns(e.name() + "_live").stream().map(c -> c.substring(0, c.indexOf(' ')))
                    .collect(Collectors.toList())).as(e.name()).isEqualTo(expected);
        }
    }

    @Test
    void bookkeepingTablesAsDocumented() {
        assertThat(columns("consumer_offset")).containsExactly("group_id text not null", "topic text not null",
                "partition integer not null", "next_offset bigint not null");
        assertThat(columns("quarantine")).containsExactly(
                "id bigint not null default nextval('herd.quarantine_id_seq'::regclass)",
                "received_at timestamp with time zone not null default now()",
                "topic text not null", "partition integer not null", "offset bigint not null",
                "record_key bytea", "record_value bytea", "reason text not null", "kind text", "entity text",
                "entity_key text", "source_position text", "replay_count integer not null default 0",
                "replayed_at timestamp with time zone", "resolved_at timestamp with time zone", "resolution text",
                "record_signature bytea");
        assertThat(columns("reject")).containsExactly(
                "id bigint not null default nextval('herd.reject_id_seq'::regclass)",
                "rejected_at timestamp with time zone not null default now()", "origin text not null",
                "subject text not null", "topic text not null", "partition integer not null", "offset bigint not null",
                "reason text not null", "detail text not null", "entity text", "entity_key text",
                "source_position text", "key_id text", "record_key bytea", "record_value bytea",
                "record_signature bytea", "value_length integer", "retry_count integer not null default 0",
                "retried_at timestamp with time zone", "resolved_at timestamp with time zone", "resolution text");
        assertThat(columns("trust_root")).containsExactly("origin text not null", "version integer not null",
                "root_file bytea not null", "expires_at timestamp with time zone not null", "source text not null",
                "topic text", "partition integer", "offset bigint",
                "accepted_at timestamp with time zone not null default now()");
        assertThat(columns("mirror_status")).containsExactly("origin text not null", "group_id text not null",
                "position text not null", "position_ts timestamp with time zone",
                "applied_at timestamp with time zone not null", "lag_ms bigint");
        assertThat(columns("mirror_lag")).containsExactly("origin text not null",
                "at timestamp with time zone not null", "lag_ms bigint not null");
    }

    /**
     * The search indexes of V11 (and the covering ones V16 put in place of four of them) exist,
     * partial on live rows, and pg_trgm is installed for them; they are indexes only, so the tables
     * above are unchanged.
     */
    @Test
    void searchIndexesAndTrigramsAreThere() {
        assertThat(query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")).hasSize(1);
        List<Map<String, Object>> indexes = query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'herd'"
                + " AND indexname IN ('release_group_name_fts', 'release_group_name_trgm', 'artist_alias_name_fts',"
                + " 'artist_alias_name_trgm', 'release_edition_fts', 'release_files_fts', 'release_group_label_fts',"
                + " 'tag_name', 'release_group_tag_by_tag', 'release_browse_group', 'release_group_artist_by_alias',"
                + " 'release_group_browse_key', 'release_group_browse_added', 'release_group_tag_group')");
        assertThat(indexes).hasSize(14);
        assertThat(indexes).allSatisfy(i -> assertThat((String) i.get("indexdef")).endsWith("WHERE (NOT deleted)"));
        assertThat(indexes).filteredOn(i -> ((String) i.get("indexname")).endsWith("_trgm"))
                .allSatisfy(i -> assertThat((String) i.get("indexdef")).contains("gin_trgm_ops"));
        assertThat(indexes).filteredOn(i -> "release_browse_group".equals(i.get("indexname")))
                .singleElement().satisfies(i -> assertThat((String) i.get("indexdef"))
                        .contains("(origin, release_group_id) INCLUDE (format, encoding, media, has_log"));
        assertThat(query("SELECT indexname FROM pg_indexes WHERE schemaname = 'herd' AND indexname IN"
                + " ('release_group_added', 'release_group_of', 'release_group_tag_tag', 'release_group_artist_alias')"))
                .as("V16 replaced these by covering indexes").isEmpty();
    }

    /**
     * A mirror made before V3 held release.file_list as Gazelle's text; V3 turns what it holds into
     * release.files, keeping every other column and the source position.
     */
    @Test
    void v3ConvertsTheFileListsAMirrorAlreadyHolds() {
        String name = "v2_" + ProcessHandle.current().pid();
        EmbeddedPostgres.shared().createDatabase(name);
        DataSource old = EmbeddedPostgres.shared().dataSource(name);
        FluentConfiguration flyway = Flyway.configure().dataSource(old);
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(flyway);
        flyway.target("2").load().migrate();
        String insert = "INSERT INTO herd.release (origin, release_id, release_group_id, file_count, file_list,"
                + " src_file_seq, src_pos, src_event, src_row, deleted) VALUES ('site-1', %d, 7, 2, %s, 3, 400, 1, 0, %s)";
        Jdbc.execute(old, String.format(insert, 1,
                "E'.flac s31457280s CD1/01 - Intro.flac \u00F7\\n.log s4096s Artist - Album.log \u00F7'", "false"));
        Jdbc.execute(old, String.format(insert, 2, "'.mp3 s1s a b.mp3 &divide;\n\n.jpg s9223372036854775s x.jpg&divide;'",
                "false"));
        Jdbc.execute(old, String.format(insert, 3, "''", "false"));
        Jdbc.execute(old, String.format(insert, 4, "'a.mp3{{{12}}}'", "false"));
        Jdbc.execute(old, String.format(insert, 5, "NULL", "true"));

        FluentConfiguration upgrade = Flyway.configure().dataSource(old);
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(upgrade);
        upgrade.load().migrate();

        Map<Object, Object> files = new TreeMap<>();
        for (Map<String, Object> row : Jdbc.query(old, "SELECT release_id, files::text AS f, release_group_id, src_pos,"
                + " src_event, deleted FROM herd.release")) {
            files.put(row.get("release_id"), row.get("f"));
            assertThat(row).containsEntry("release_group_id", 7L).containsEntry("src_pos", 400L)
                    .containsEntry("src_event", 1L);
        }
        assertThat(files).containsEntry(1L, "[{\"path\": \"CD1/01 - Intro.flac\", \"size_bytes\": 31457280}, "
                        + "{\"path\": \"Artist - Album.log\", \"size_bytes\": 4096}]")
                .containsEntry(2L, "[{\"path\": \"a b.mp3\", \"size_bytes\": 1}, "
                        + "{\"path\": \"x.jpg\", \"size_bytes\": 9223372036854775}]")
                .containsEntry(3L, null)
                // The oldest layout is left for the origin to send again.
                .containsEntry(4L, null)
                .containsEntry(5L, null);
        assertThat(Jdbc.query(old, "SELECT count(*) AS n FROM herd.release_live").get(0)).containsEntry("n", 4L);
    }
}
