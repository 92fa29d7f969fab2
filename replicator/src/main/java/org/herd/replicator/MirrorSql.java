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
 */
public final class MirrorSql {

    /** The PostgreSQL schema that holds the mirror. */
    public static final String SCHEMA = "herd";

    /** Columns every entity table has besides origin, key and payload fields. */
    public static final List<String> BOOKKEEPING_COLUMNS =
            List.of("src_epoch", "src_file_seq", "src_pos", "src_event", "src_row", "deleted", "applied_at");

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
            + " source_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Map<String, EntityStatement> statements;

    private MirrorSql(Map<String, EntityStatement> statements) {
        this.statements = statements;
    }

    public static MirrorSql forEntities(List<EntityType> entities) {
        Map<String, EntityStatement> statements = new LinkedHashMap<>();
        for (EntityType entity : entities) {
            statements.put(entity.name(), new EntityStatement(entity, upsertSql(entity), bulkUpsertSql(entity)));
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
        List<String> updated = new ArrayList<>();
        entity.payloadFields().forEach(f -> updated.add(quote(f.name())));
        updated.addAll(POSITION_COLUMNS);
        updated.add("deleted");
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
        arrays.addAll(List.of("?::bigint[]", "?::bigint[]", "?::bigint[]", "?::bigint[]", "?::integer[]",
                "?::boolean[]"));
        String upsert = upsertSql(entity);
        String onConflict = upsert.substring(upsert.indexOf(" ON CONFLICT "));
        return "INSERT INTO " + table + " AS t (" + String.join(", ", columns) + ")"
                + " SELECT * FROM unnest(" + String.join(", ", arrays) + ")"
                + onConflict
                + " RETURNING t.origin, " + entity.keyFields().stream().map(f -> "t." + quote(f.name()))
                        .collect(Collectors.joining(", "));
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
     *               src_epoch, src_file_seq, src_pos, src_event, src_row, deleted
     * @param bulkUpsert the same for many rows: one array per parameter of {@code upsert}, in the
     *               same order; returns origin and key fields of the rows it changed
     */
    public record EntityStatement(EntityType entity, String upsert, String bulkUpsert) {

        /**
         * Binds records (at most one per key) to {@link #bulkUpsert()}, column by column.
         */
        public void bindBulk(PreparedStatement ps, List<NeutralRecord> records) throws SQLException {
            java.sql.Connection c = ps.getConnection();
            int n = records.size();
            int i = 1;
            String[] origins = new String[n];
            for (int r = 0; r < n; r++) {
                origins[r] = records.get(r).origin();
            }
            ps.setArray(i++, c.createArrayOf("text", origins));
            for (Field f : entity.keyFields()) {
                Object[] column = new Object[n];
                for (int r = 0; r < n; r++) {
                    column[r] = arrayValue(f, records.get(r).key().get(f.name()));
                }
                ps.setArray(i++, c.createArrayOf(arrayElement(f.type()), column));
            }
            for (Field f : entity.payloadFields()) {
                Object[] column = new Object[n];
                for (int r = 0; r < n; r++) {
                    NeutralRecord record = records.get(r);
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
            for (int r = 0; r < n; r++) {
                SourcePosition p = records.get(r).position();
                epoch[r] = p.epoch();
                fileSeq[r] = p.fileSequence();
                pos[r] = p.pos();
                event[r] = p.event();
                row[r] = p.row();
                deleted[r] = records.get(r).op() == Operation.DELETE;
            }
            ps.setArray(i++, c.createArrayOf("int8", epoch));
            ps.setArray(i++, c.createArrayOf("int8", fileSeq));
            ps.setArray(i++, c.createArrayOf("int8", pos));
            ps.setArray(i++, c.createArrayOf("int8", event));
            ps.setArray(i++, c.createArrayOf("int4", row));
            ps.setArray(i, c.createArrayOf("bool", deleted));
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
         * The COPY statement that loads rows into the entity's table (text format), with the
         * columns of {@link #upsert()} in the same order: origin, key fields, payload fields,
         * src_epoch, src_file_seq, src_pos, src_event, src_row, deleted. For an empty table only:
         * COPY has no position guard.
         */
        public String copyIn() {
            List<String> columns = new ArrayList<>();
            columns.add("origin");
            entity.fields().forEach(f -> columns.add(quote(f.name())));
            columns.addAll(POSITION_COLUMNS);
            columns.add("deleted");
            return "COPY " + SCHEMA + "." + quote(entity.name()) + " (" + String.join(", ", columns) + ") FROM STDIN";
        }

        /**
         * Appends one row of {@link #copyIn()}'s text format: columns separated by tabs, a line
         * feed at the end, {@code \N} for null, and backslash, tab, line feed and carriage return
         * escaped with a backslash (PostgreSQL's COPY, "Text Format").
         */
        public void copyRow(NeutralRecord record, StringBuilder out) {
            copyValue(out, record.origin());
            for (Field f : entity.keyFields()) {
                out.append('\t');
                copyValue(out, arrayValue(f, record.key().get(f.name())));
            }
            boolean delete = record.op() == Operation.DELETE;
            for (Field f : entity.payloadFields()) {
                out.append('\t');
                copyValue(out, delete ? null : arrayValue(f, record.payload().get(f.name())));
            }
            SourcePosition p = record.position();
            out.append('\t').append(p.epoch()).append('\t').append(p.fileSequence()).append('\t').append(p.pos())
                    .append('\t').append(p.event()).append('\t').append(p.row()).append('\t').append(delete ? 't' : 'f')
                    .append('\n');
        }

        private static void copyValue(StringBuilder out, Object value) {
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else if (value instanceof Long || value instanceof Integer) {
                out.append(value);
            } else {
                String text = value.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    switch (c) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(c);
                    }
                }
            }
        }

        private static String fileListJson(Object value) {
            List<FileEntry> files = new ArrayList<>();
            for (Object f : (List<?>) value) {
                files.add((FileEntry) f);
            }
            return WireFormat.encodeFileList(files);
        }

        public void bind(PreparedStatement ps, NeutralRecord record) throws SQLException {
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
            ps.setBoolean(i, delete);
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
