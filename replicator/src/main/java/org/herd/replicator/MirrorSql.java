package org.herd.replicator;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.herd.translator.FileEntry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;
import org.herd.translator.wire.WireFormat;

/**
 * The SQL a mirror runs, generated once from the neutral schema. Table layout (created by the
 * Flyway migrations, checked against the schema by a test): schema {@value #SCHEMA}, one table
 * per entity named after it with {@code origin}, the key fields, the payload fields and the
 * bookkeeping columns {@link #BOOKKEEPING_COLUMNS}; primary key (origin, key fields).
 *
 * <p>Besides the position, the guarded upsert writes what the record was, as the origin signed it:
 * its row fingerprint ({@code src_fp}), its Kafka value ({@code src_value}) and its signature
 * headers ({@code src_signature}, {@link StoredSignature}). Together with the key fields they are
 * the record (its Kafka key is {@code WireFormat.encodeKey} of them), so that an archive can be made
 * from a mirror alone and the mirror can compute the digests of the origin's checkpoints.
 */
public final class MirrorSql {

    /** The PostgreSQL schema that holds the mirror. */
    public static final String SCHEMA = "herd";

    /** Columns every entity table has besides origin, key and payload fields. */
    public static final List<String> BOOKKEEPING_COLUMNS = List.of("src_epoch", "src_file_seq", "src_pos", "src_event",
            "src_row", "deleted", "applied_at", "src_fp", "src_value", "src_signature");

    /** What the row was written from: fingerprint, value and signature of the record (V12). */
    private static final List<String> RECORD_COLUMNS = List.of("src_fp", "src_value", "src_signature");

    /** The source position's columns, most significant first: the order of {@code SourcePosition}. */
    private static final List<String> POSITION_COLUMNS =
            List.of("src_epoch", "src_file_seq", "src_pos", "src_event", "src_row");

    public static final String UPSERT_OFFSET = "INSERT INTO herd.consumer_offset"
            + " (group_id, topic, \"partition\", next_offset) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (group_id, topic, \"partition\") DO UPDATE SET next_offset = EXCLUDED.next_offset";

    public static final String SELECT_OFFSETS =
            "SELECT topic, \"partition\", next_offset FROM herd.consumer_offset WHERE group_id = ?";

    public static final String INSERT_QUARANTINE = "INSERT INTO herd.quarantine"
            + " (topic, \"partition\", \"offset\", record_key, record_value, reason, kind, entity, entity_key,"
            + " source_position, record_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public static final String INSERT_REJECT = "INSERT INTO herd.reject"
            + " (origin, subject, topic, \"partition\", \"offset\", reason, detail, entity, entity_key, source_position,"
            + " key_id, record_key, record_value, record_signature, value_length)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Map<String, EntityStatement> statements;

    private MirrorSql(Map<String, EntityStatement> statements) {
        this.statements = statements;
    }

    public static MirrorSql forEntities(List<EntityType> entities) {
        Map<String, EntityStatement> statements = new LinkedHashMap<>();
        for (EntityType entity : entities) {
            statements.put(entity.name(), new EntityStatement(entity, upsertSql(entity), bulkUpsertSql(entity),
                    heldPositionsSql(entity)));
        }
        return new MirrorSql(Collections.unmodifiableMap(statements));
    }

    public EntityStatement statement(String entity) {
        EntityStatement s = statements.get(entity);
        if (s == null) {
            throw new IllegalArgumentException("no table for entity '" + entity + "'");
        }
        return s;
    }

    public Map<String, EntityStatement> statements() {
        return statements;
    }

    /**
     * One upsert for both operations: a delete writes a tombstone (payload NULL, deleted true) so
     * that the position it came from stays behind and guards the row against older replays. The
     * WHERE clause is the whole of the ordering rule: a record changes a row only if its source
     * position is strictly greater than the one the row holds, so duplicates and replays update
     * nothing and report 0 rows.
     */
    static String upsertSql(EntityType entity) {
        String table = SCHEMA + "." + quote(entity.name());
        List<String> columns = new ArrayList<>();
        columns.add("origin");
        entity.fields().forEach(f -> columns.add(quote(f.name())));
        columns.addAll(POSITION_COLUMNS);
        columns.add("deleted");
        columns.addAll(RECORD_COLUMNS);
        List<String> updated = new ArrayList<>();
        entity.payloadFields().forEach(f -> updated.add(quote(f.name())));
        updated.addAll(POSITION_COLUMNS);
        updated.add("deleted");
        updated.addAll(RECORD_COLUMNS);
        String conflict = "origin, " + entity.keyFields().stream().map(f -> quote(f.name()))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " AS t (" + String.join(", ", columns) + ")"
                + " VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")"
                + " ON CONFLICT (" + conflict + ") DO UPDATE SET "
                + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + ", applied_at = now()"
                + " WHERE (" + POSITION_COLUMNS.stream().map(c -> "t." + c).collect(Collectors.joining(", ")) + ")"
                + " < (" + POSITION_COLUMNS.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * The same upsert for many rows in one statement: one array parameter per column, unnested
     * into rows, so that a batch costs PostgreSQL one parse, plan and execution per entity instead
     * of one per row. The arrays must hold at most one row per key (a row cannot be changed twice
     * by one statement). RETURNING names the rows that were inserted or changed; rows whose
     * position is not newer are not returned.
     */
    static String bulkUpsertSql(EntityType entity) {
        String table = SCHEMA + "." + quote(entity.name());
        List<String> columns = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        columns.add("origin");
        arrays.add("?::text[]");
        for (Field f : entity.fields()) {
            columns.add(quote(f.name()));
            arrays.add("?::" + arrayType(f.type()));
        }
        columns.addAll(POSITION_COLUMNS);
        columns.add("deleted");
        columns.addAll(RECORD_COLUMNS);
        arrays.addAll(List.of("?::bigint[]", "?::bigint[]", "?::bigint[]", "?::bigint[]", "?::integer[]",
                "?::boolean[]", "?::bigint[]", "?::bytea[]", "?::bytea[]"));
        String upsert = upsertSql(entity);
        String onConflict = upsert.substring(upsert.indexOf(" ON CONFLICT "));
        return "INSERT INTO " + table + " AS t (" + String.join(", ", columns) + ")"
                + " SELECT * FROM unnest(" + String.join(", ", arrays) + ")"
                + onConflict
                + " RETURNING t.origin, " + entity.keyFields().stream().map(f -> "t." + quote(f.name()))
                        .collect(Collectors.joining(", "));
    }

    /**
     * Retires the rows of an origin whose latest record is of an epoch below the first parameter
     * (parameters: epoch, origin, epoch, then {@code true} for live rows or {@code false} for
     * tombstones): they become tombstones at the lowest position of that epoch, so that every
     * record of the epoch is newer and every record of an earlier one, replayed, is older. Their
     * record columns are emptied: no record of the origin says they are gone, its checkpoint does.
     */
    static String retireSql(EntityType entity) {
        String table = SCHEMA + "." + quote(entity.name());
        List<String> set = new ArrayList<>();
        entity.payloadFields().forEach(f -> set.add(quote(f.name()) + " = NULL"));
        set.add("src_epoch = ?");
        set.addAll(List.of("src_file_seq = 0", "src_pos = 0", "src_event = 0", "src_row = 0", "deleted = true",
                "src_fp = NULL", "src_value = NULL", "src_signature = NULL", "applied_at = now()"));
        return "UPDATE " + table + " SET " + String.join(", ", set)
                + " WHERE origin = ? AND src_epoch < ? AND deleted = NOT ?";
    }

    /**
     * The positions the mirror holds for many keys: one array per key column (origin first, as
     * {@link #bulkUpsertSql}), unnested and joined. Returns origin, key fields and the position
     * columns of the rows that exist; used for the few records the guarded upsert did not apply, to
     * tell a duplicate (the same position) from a replay of an older version.
     */
    static String heldPositionsSql(EntityType entity) {
        String table = SCHEMA + "." + quote(entity.name());
        List<String> arrays = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> join = new ArrayList<>();
        arrays.add("?::text[]");
        names.add("origin");
        join.add("t.origin = k.origin");
        for (Field f : entity.keyFields()) {
            arrays.add("?::" + arrayType(f.type()));
            names.add(quote(f.name()));
            join.add("t." + quote(f.name()) + " = k." + quote(f.name()));
        }
        return "SELECT t.origin, " + entity.keyFields().stream().map(f -> "t." + quote(f.name()))
                .collect(Collectors.joining(", ")) + ", " + POSITION_COLUMNS.stream().map(c -> "t." + c)
                .collect(Collectors.joining(", "))
                + " FROM " + table + " t JOIN unnest(" + String.join(", ", arrays) + ") AS k("
                + String.join(", ", names) + ") ON " + String.join(" AND ", join);
    }

    private static String arrayType(FieldType type) {
        return switch (type) {
            case INTEGER -> "bigint[]";
            case TEXT -> "text[]";
            case BOOLEAN -> "boolean[]";
            // Sent as ISO-8601 text: the driver has no array binding for LocalDateTime.
            case TIMESTAMP -> "timestamp[]";
            // Sent as the wire's JSON text, which PostgreSQL parses into jsonb.
            case FILE_LIST -> "jsonb[]";
        };
    }

    /** Identifiers are quoted so that no future field name can collide with a keyword. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * The upsert of one entity and how to bind a record to it.
     *
     * @param entity the entity
     * @param upsert its upsert statement; parameters: origin, key fields, payload fields,
     *               src_epoch, src_file_seq, src_pos, src_event, src_row, deleted, src_fp, src_value,
     *               src_signature
     * @param bulkUpsert the same for many rows: one array per parameter of {@code upsert}, in the
     *               same order; returns origin and key fields of the rows it changed
     * @param heldPositions the positions held for many keys: one array of origins, then one per key
     *               field; returns origin, key fields and the five position columns
     */
    public record EntityStatement(EntityType entity, String upsert, String bulkUpsert, String heldPositions) {

        /**
         * Binds records (at most one per key) to {@link #bulkUpsert()}, column by column.
         */
        public void bindBulk(PreparedStatement ps, List<IncomingRecord> incoming) throws SQLException {
            java.sql.Connection c = ps.getConnection();
            int n = incoming.size();
            int i = bindKeys(ps, 1, incoming);
            for (Field f : entity.payloadFields()) {
                Object[] column = new Object[n];
                for (int r = 0; r < n; r++) {
                    NeutralRecord record = incoming.get(r).record();
                    column[r] = record.op() == Operation.DELETE ? null : arrayValue(f, record.payload().get(f.name()));
                }
                ps.setArray(i++, c.createArrayOf(arrayElement(f.type()), column));
            }
            Long[] epoch = new Long[n];
            Long[] fileSeq = new Long[n];
            Long[] pos = new Long[n];
            Long[] event = new Long[n];
            Integer[] row = new Integer[n];
            Boolean[] deleted = new Boolean[n];
            Long[] fingerprint = new Long[n];
            byte[][] value = new byte[n][];
            byte[][] signature = new byte[n][];
            for (int r = 0; r < n; r++) {
                IncomingRecord in = incoming.get(r);
                SourcePosition p = in.record().position();
                epoch[r] = p.epoch();
                fileSeq[r] = p.fileSequence();
                pos[r] = p.pos();
                event[r] = p.event();
                row[r] = p.row();
                deleted[r] = in.record().op() == Operation.DELETE;
                fingerprint[r] = in.fingerprint();
                value[r] = in.value();
                signature[r] = in.signature();
            }
            ps.setArray(i++, c.createArrayOf("int8", epoch));
            ps.setArray(i++, c.createArrayOf("int8", fileSeq));
            ps.setArray(i++, c.createArrayOf("int8", pos));
            ps.setArray(i++, c.createArrayOf("int8", event));
            ps.setArray(i++, c.createArrayOf("int4", row));
            ps.setArray(i++, c.createArrayOf("bool", deleted));
            ps.setArray(i++, c.createArrayOf("int8", fingerprint));
            ps.setArray(i++, c.createArrayOf("bytea", value));
            ps.setArray(i, c.createArrayOf("bytea", signature));
        }

        /** Binds the keys of records to {@link #heldPositions()}. */
        public void bindHeldPositions(PreparedStatement ps, List<IncomingRecord> incoming) throws SQLException {
            bindKeys(ps, 1, incoming);
        }

        /** Origin and key fields as arrays from parameter {@code i}; returns the next parameter index. */
        private int bindKeys(PreparedStatement ps, int i, List<IncomingRecord> incoming) throws SQLException {
            java.sql.Connection c = ps.getConnection();
            int n = incoming.size();
            String[] origins = new String[n];
            for (int r = 0; r < n; r++) {
                origins[r] = incoming.get(r).record().origin();
            }
            ps.setArray(i++, c.createArrayOf("text", origins));
            for (Field f : entity.keyFields()) {
                Object[] column = new Object[n];
                for (int r = 0; r < n; r++) {
                    column[r] = arrayValue(f, incoming.get(r).record().key().get(f.name()));
                }
                ps.setArray(i++, c.createArrayOf(arrayElement(f.type()), column));
            }
            return i;
        }

        private static String arrayElement(FieldType type) {
            return switch (type) {
                case INTEGER -> "int8";
                case TEXT, TIMESTAMP, FILE_LIST -> "text";
                case BOOLEAN -> "bool";
            };
        }

        private static Object arrayValue(Field field, Object value) {
            if (value == null) {
                return null;
            }
            return switch (field.type()) {
                case INTEGER -> ((Number) value).longValue();
                case TEXT -> (String) value;
                case BOOLEAN -> (Boolean) value;
                case TIMESTAMP -> ((LocalDateTime) value).toString();
                case FILE_LIST -> fileListJson(value);
            };
        }

        /**
         * The COPY statement that loads rows into the entity's table ({@link CopyBinary}'s binary
         * format), with the columns of {@link #upsert()} in the same order: origin, key fields,
         * payload fields, src_epoch, src_file_seq, src_pos, src_event, src_row, deleted, src_fp,
         * src_value, src_signature. For an empty table only: COPY has no position guard.
         */
        public String copyIn() {
            List<String> columns = new ArrayList<>();
            columns.add("origin");
            entity.fields().forEach(f -> columns.add(quote(f.name())));
            columns.addAll(POSITION_COLUMNS);
            columns.add("deleted");
            columns.addAll(RECORD_COLUMNS);
            return "COPY " + SCHEMA + "." + quote(entity.name()) + " (" + String.join(", ", columns)
                    + ") FROM STDIN (FORMAT binary)";
        }

        /**
         * Appends one row of {@link #copyIn()}; the caller writes the format's header before the
         * first and its trailer after the last.
         */
        void copyRow(IncomingRecord incoming, CopyBinary out) {
            NeutralRecord record = incoming.record();
            out.row(1 + entity.keyFields().size() + entity.payloadFields().size() + POSITION_COLUMNS.size() + 1
                    + RECORD_COLUMNS.size());
            out.text(record.origin());
            for (Field f : entity.keyFields()) {
                copyValue(out, f, record.key().get(f.name()));
            }
            boolean delete = record.op() == Operation.DELETE;
            for (Field f : entity.payloadFields()) {
                copyValue(out, f, delete ? null : record.payload().get(f.name()));
            }
            SourcePosition p = record.position();
            out.int8(p.epoch()).int8(p.fileSequence()).int8(p.pos()).int8(p.event()).int4(p.row()).bool(delete);
            if (incoming.fingerprint() == null) {
                out.nul();
            } else {
                out.int8(incoming.fingerprint());
            }
            out.bytea(incoming.value()).bytea(incoming.signature());
        }

        /** A value as its column's type receives it (the types {@code MirrorSchemaIT} checks). */
        private static void copyValue(CopyBinary out, Field field, Object value) {
            if (value == null) {
                out.nul();
                return;
            }
            switch (field.type()) {
                case INTEGER -> out.int8(((Number) value).longValue());
                case TEXT -> out.text((String) value);
                case BOOLEAN -> out.bool((Boolean) value);
                case TIMESTAMP -> out.timestamp((LocalDateTime) value);
                case FILE_LIST -> out.jsonb(fileListJson(value));
            }
        }

        private static String fileListJson(Object value) {
            List<FileEntry> files = new ArrayList<>();
            for (Object f : (List<?>) value) {
                files.add((FileEntry) f);
            }
            return WireFormat.encodeFileList(files);
        }

        public void bind(PreparedStatement ps, IncomingRecord in) throws SQLException {
            NeutralRecord record = in.record();
            int i = 1;
            ps.setString(i++, record.origin());
            for (Field f : entity.keyFields()) {
                bindValue(ps, i++, f, record.key().get(f.name()));
            }
            boolean delete = record.op() == Operation.DELETE;
            for (Field f : entity.payloadFields()) {
                bindValue(ps, i++, f, delete ? null : record.payload().get(f.name()));
            }
            SourcePosition p = record.position();
            ps.setLong(i++, p.epoch());
            ps.setLong(i++, p.fileSequence());
            ps.setLong(i++, p.pos());
            ps.setLong(i++, p.event());
            ps.setInt(i++, p.row());
            ps.setBoolean(i++, delete);
            if (in.fingerprint() == null) {
                ps.setNull(i++, Types.BIGINT);
            } else {
                ps.setLong(i++, in.fingerprint());
            }
            ps.setBytes(i++, in.value());
            ps.setBytes(i, in.signature());
        }

        private static void bindValue(PreparedStatement ps, int index, Field field, Object value) throws SQLException {
            FieldType type = field.type();
            if (value == null) {
                ps.setNull(index, switch (type) {
                    case INTEGER -> Types.BIGINT;
                    case TEXT -> Types.VARCHAR;
                    case BOOLEAN -> Types.BOOLEAN;
                    case TIMESTAMP -> Types.TIMESTAMP;
                    case FILE_LIST -> Types.OTHER;
                });
                return;
            }
            switch (type) {
                case INTEGER -> ps.setLong(index, ((Number) value).longValue());
                case TEXT -> ps.setString(index, (String) value);
                case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
                case TIMESTAMP -> ps.setObject(index, (LocalDateTime) value, Types.TIMESTAMP);
                // Types.OTHER: the server infers jsonb from the column.
                case FILE_LIST -> ps.setObject(index, fileListJson(value), Types.OTHER);
            }
        }
    }
}
