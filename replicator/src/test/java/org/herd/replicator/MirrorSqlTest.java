package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

class MirrorSqlTest {

    private static final EntityType CREDIT = new EntityType("credit", "A test entity with a composite key.",
            List.of(Field.required("group_id", FieldType.INTEGER, "t.GroupID", "Group."),
                    Field.required("role", FieldType.TEXT, "t.Role", "Role.")),
            List.of(Field.optional("name", FieldType.TEXT, "t.Name", "Name."),
                    Field.required("flag", FieldType.BOOLEAN, "t.Flag", "Flag.")));

    @Test
    void upsertGuardsEveryColumnByPosition() {
        String sql = MirrorSql.forEntities(List.of(CREDIT)).statement("credit").upsert();

        assertThat(sql).isEqualTo("INSERT INTO herd.\"credit\" AS t"
                + " (origin, \"group_id\", \"role\", \"name\", \"flag\","
                + " src_epoch, src_file_seq, src_pos, src_event, src_row, deleted, src_fp, src_value, src_signature)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (origin, \"group_id\", \"role\") DO UPDATE SET"
                + " \"name\" = EXCLUDED.\"name\", \"flag\" = EXCLUDED.\"flag\","
                + " src_epoch = EXCLUDED.src_epoch, src_file_seq = EXCLUDED.src_file_seq, src_pos = EXCLUDED.src_pos,"
                + " src_event = EXCLUDED.src_event, src_row = EXCLUDED.src_row,"
                + " deleted = EXCLUDED.deleted, src_fp = EXCLUDED.src_fp, src_value = EXCLUDED.src_value,"
                + " src_signature = EXCLUDED.src_signature, applied_at = now()"
                + " WHERE (t.src_epoch, t.src_file_seq, t.src_pos, t.src_event, t.src_row)"
                + " < (EXCLUDED.src_epoch, EXCLUDED.src_file_seq, EXCLUDED.src_pos, EXCLUDED.src_event,"
                + " EXCLUDED.src_row)");
    }

    @Test
    void oneStatementPerEntityOfTheNeutralSchema() {
        MirrorSql sql = MirrorSql.forEntities(NeutralSchema.entities());

        assertThat(sql.statements().keySet())
                .containsExactlyElementsOf(NeutralSchema.entities().stream().map(EntityType::name).toList());
        for (EntityType e : NeutralSchema.entities()) {
            String upsert = sql.statement(e.name()).upsert();
            // origin, every field, then the nine bookkeeping parameters bind() sets
            assertThat(upsert.chars().filter(c -> c == '?').count())
                    .as(e.name()).isEqualTo(1 + e.fields().size() + 9);
            assertThat(sql.statement(e.name()).bulkUpsert().chars().filter(c -> c == '?').count())
                    .as(e.name()).isEqualTo(1 + e.fields().size() + 9);
            assertThat(upsert).as(e.name()).startsWith("INSERT INTO herd.\"" + e.name() + "\" AS t");
            e.keyFields().forEach(k -> assertThat(upsert).doesNotContain("\"" + k.name() + "\" = EXCLUDED"));
            e.payloadFields().forEach(f -> assertThat(upsert).contains("\"" + f.name() + "\" = EXCLUDED"));
        }
    }

    @Test
    void heldPositionsJoinTheKeysGiven() {
        String sql = MirrorSql.forEntities(List.of(CREDIT)).statement("credit").heldPositions();

        assertThat(sql).isEqualTo("SELECT t.origin, t.\"group_id\", t.\"role\", t.src_epoch, t.src_file_seq, t.src_pos,"
                + " t.src_event, t.src_row FROM herd.\"credit\" t JOIN unnest(?::text[], ?::bigint[], ?::text[])"
                + " AS k(origin, \"group_id\", \"role\") ON t.origin = k.origin AND t.\"group_id\" = k.\"group_id\""
                + " AND t.\"role\" = k.\"role\"");
    }

    @Test
    void unknownEntityIsNamed() {
        MirrorSql sql = MirrorSql.forEntities(NeutralSchema.entities());
        assertThatThrownBy(() -> sql.statement("playlist")).hasMessageContaining("'playlist'");
    }

    @Test
    void identifiersAreQuoted() {
        assertThat(MirrorSql.quote("release")).isEqualTo("\"release\"");
        assertThat(MirrorSql.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void fileListsAreBoundAsJsonb() {
        String bulk = MirrorSql.forEntities(List.of(NeutralSchema.RELEASE)).statement("release").bulkUpsert();
        // origin, release_id, 20 payload fields: files is the 17th payload field.
        List<String> casts = java.util.Arrays.stream(bulk.split("unnest\\(")[1].split("\\)")[0].split(", ")).toList();
        assertThat(casts.get(2 + NeutralSchema.RELEASE.payloadFields().stream().map(Field::name).toList().indexOf("files")))
                .isEqualTo("?::jsonb[]");
        assertThat(bulk).contains("RETURNING t.origin, t.\"release_id\"");
    }

    @Test
    void copyRowsAreInTheOrderOfTheUpsertAsTheColumnTypesReceiveThem() {
        MirrorSql.EntityStatement statement = MirrorSql.forEntities(List.of(CREDIT)).statement("credit");
        assertThat(statement.copyIn()).isEqualTo("COPY herd.\"credit\" (origin, \"group_id\", \"role\", \"name\", "
                + "\"flag\", src_epoch, src_file_seq, src_pos, src_event, src_row, deleted, src_fp, src_value, "
                + "src_signature) FROM STDIN (FORMAT binary)");
        CopyBinary out = new CopyBinary(16);
        org.herd.translator.NeutralRecord first = org.herd.translator.NeutralRecord.upsert("credit", "site-1",
                java.util.Map.of("group_id", 7L, "role", "main\tartist"),
                new org.herd.translator.SourcePosition(2, "mysql-bin.000012", 400, 3, 1, false, 0),
                java.util.Map.of("name", "back\\slash\nline\r\\N", "flag", true));
        statement.copyRow(new IncomingRecord("t", 0, 1, new byte[] {1}, new byte[] {0x7b, 0x7d}, first, -5L,
                new byte[] {(byte) 0xab, 0x01}), out);
        int firstEnd = out.length();
        java.util.Map<String, Object> noName = new java.util.HashMap<>();
        noName.put("name", null);
        noName.put("flag", false);
        org.herd.translator.NeutralRecord second = org.herd.translator.NeutralRecord.upsert("credit", "site-1",
                java.util.Map.of("group_id", 8L, "role", "guest"),
                new org.herd.translator.SourcePosition(2, "mysql-bin.000012", 500, 0, 0, false, 0), noName);
        statement.copyRow(new IncomingRecord("t", 0, 2, null, new byte[0], second, null, null), out);

        assertThat(CopyBinaryTest.fields(out.array(), 0, firstEnd)).containsExactly(utf8("site-1"), int8(7),
                utf8("main\tartist"), utf8("back\\slash\nline\r\\N"), new byte[] {1}, int8(2), int8(12), int8(400),
                int8(3), new byte[] {0, 0, 0, 1}, new byte[] {0}, int8(-5), new byte[] {0x7b, 0x7d},
                new byte[] {(byte) 0xab, 0x01});
        assertThat(CopyBinaryTest.fields(out.array(), firstEnd, out.length())).containsExactly(utf8("site-1"), int8(8),
                utf8("guest"), null, new byte[] {0}, int8(2), int8(12), int8(500), int8(0), new byte[] {0, 0, 0, 0},
                new byte[] {0}, null, new byte[0], null);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] int8(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }
}
