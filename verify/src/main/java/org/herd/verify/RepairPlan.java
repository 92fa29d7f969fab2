package org.herd.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.mapping.KeySource;
import org.herd.translator.mapping.TableMapping;
import org.herd.translator.schema.NeutralSchema;

/**
 * What a repair asks for, from a verification's result.
 *
 * <ul>
 * <li>Missing and differing rows: the Gazelle rows behind their keys are read again by an
 * incremental snapshot, one SQL condition per table and batch naming exactly those rows
 * ({@code (`ID` = 5) OR (`ID` = 9)}, {@code (`GroupID` = 1 AND `TagID` = 2)}), built from the
 * mappings' {@link KeySource}s. A key field decoded from a code list is left out of its condition,
 * which then also names the row's siblings (a credit's other roles): read again, they are
 * published as they are, which changes nothing in a mirror that holds them already.</li>
 * <li>Extra rows: a snapshot emits nothing for a row the origin does not have (or hides), so
 * each gets a key-only delete record stamped with {@link Verification.Result#confirmedAt}: the end
 * of the origin's binlog, read before the re-check that last found the row absent, with event 0
 * and row 1.</li>
 * </ul>
 *
 * <p>Why that stamp is safe ({@link SourcePosition}'s order: file sequence, pos, event, row):
 * <ul>
 * <li>Every later real change of the key orders after it. A transaction written to the binlog
 * after the position was read begins at or after it (same file, pos at least as great, or a later
 * file), and its row events lie at least one event past the transaction's start (the GTID or
 * BEGIN event comes first), so its records carry event 1 or more; an incremental snapshot read
 * started later carries the then-current position, at or after it. The delete can therefore never
 * undo a real insert or update, which wins the mirror's position guard whenever it arrives.</li>
 * <li>It beats the mirror's stale row. That row came from a record the sidecar had published
 * before: a change whose transaction began before the end of the binlog at that time, so its
 * position is smaller, or a snapshot read stamped with a binlog position at or before it, with
 * event 0 and row 0. Row 1 puts the delete after such a read even when the binlog has not moved
 * since the snapshot (a quiet site), and still before every change written later (event 1 or
 * more). A row written to the mirror after the position (inserted and deleted again at the
 * origin meanwhile) carries a larger position and stays until its own delete arrives, as it
 * should.</li>
 * </ul>
 *
 * @param snapshots    per table and batch, the condition naming the rows to read again
 * @param deletes      delete records for the extra rows
 * @param unrepairable keys no request can name, with the reason
 */
public record RepairPlan(List<Snapshot> snapshots, List<NeutralRecord> deletes, List<String> unrepairable) {

    /** Rows of one table to read again: {@code keys} entity keys named by {@code filter}. */
    public record Snapshot(String table, String filter, int keys) {
    }

    /** Keys per condition: a few kilobytes of SQL, which Debezium appends to its chunk query. */
    public static final int KEYS_PER_FILTER = 200;

    /**
     * @param mappings the mapping that produces an entity, if the origin publishes it (see
     *                 {@link OriginSource#mapping})
     */
    public static RepairPlan of(Verification.Result result, String origin,
            Function<String, Optional<TableMapping>> mappings, int keysPerFilter) {
        List<Snapshot> snapshots = new ArrayList<>();
        List<NeutralRecord> deletes = new ArrayList<>();
        List<String> unrepairable = new ArrayList<>();
        for (Verification.EntityResult e : result.entities().values()) {
            List<Map<String, Object>> reread = new ArrayList<>(e.keys(Verification.Kind.MISSING));
            reread.addAll(e.keys(Verification.Kind.DIFFERING));
            Optional<TableMapping> mapping = mappings.apply(e.entity());
            List<String> conditions = new ArrayList<>();
            for (Map<String, Object> key : reread) {
                if (mapping.isEmpty()) {
                    unrepairable.add(e.entity() + " " + key + ": the origin publishes no " + e.entity());
                    continue;
                }
                try {
                    conditions.add(condition(mapping.get(), key));
                } catch (IllegalArgumentException ex) {
                    unrepairable.add(e.entity() + " " + key + ": " + ex.getMessage());
                }
            }
            for (int i = 0; i < conditions.size(); i += keysPerFilter) {
                List<String> batch = conditions.subList(i, Math.min(conditions.size(), i + keysPerFilter));
                snapshots.add(new Snapshot(mapping.orElseThrow().table(), String.join(" OR ", batch), batch.size()));
            }
            for (Map<String, Object> key : e.keys(Verification.Kind.EXTRA)) {
                Optional<SourcePosition> at = result.confirmedAt();
                if (at.isEmpty()) {
                    unrepairable.add(e.entity() + " " + key + ": the origin's binlog position could not be read "
                            + "(SHOW MASTER STATUS / SHOW BINARY LOG STATUS), so no delete can be stamped");
                } else {
                    SourcePosition end = at.get();
                    deletes.add(NeutralRecord.delete(NeutralSchema.entity(e.entity()).orElseThrow().name(), origin,
                            key, new SourcePosition(end.epoch(), end.file(), end.pos(), 0, 1, false, 0)));
                }
            }
        }
        return new RepairPlan(List.copyOf(snapshots), List.copyOf(deletes), List.copyOf(unrepairable));
    }

    /** The plan for a result of the origin a translator translates, with its mappings. */
    public static RepairPlan of(Verification.Result result, org.herd.translator.Translator translator) {
        Map<String, TableMapping> mappings = OriginSource.mappings(translator, translator.capturedColumns().keySet());
        return of(result, translator.settings().origin(), entity -> Optional.ofNullable(mappings.get(entity)),
                KEYS_PER_FILTER);
    }

    /** The condition naming the Gazelle row(s) behind one entity key. */
    static String condition(TableMapping mapping, Map<String, Object> key) {
        Map<String, Object> columns = new LinkedHashMap<>();
        mapping.keySources().forEach((field, source) -> {
            Object v = key.get(field);
            switch (source.kind()) {
                case COPY -> columns.put(source.column(), v);
                // Left out: the condition covers the row and its siblings (see the class comment).
                case CODE -> { }
                case USER_REFERENCE -> {
                    String ref = String.valueOf(v);
                    if (!ref.matches("[1-9][0-9]{0,18}")) {
                        throw new IllegalArgumentException("user_ref '" + ref + "' is not a user id (a pseudonym "
                                + "cannot be traced back to its row)");
                    }
                    columns.put(source.column(), Long.parseLong(ref));
                }
            }
        });
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no key field of " + mapping.entity().name() + " names a column");
        }
        return rowCondition(columns);
    }

    /**
     * The condition naming Gazelle rows by column values, {@code (`GroupID` = 1 AND `TagID` = 2)},
     * for an incremental snapshot's additional condition.
     *
     * @throws IllegalArgumentException when a column is not a plain identifier or a value cannot
     *         be quoted safely (see {@link #literal})
     */
    public static String rowCondition(Map<String, Object> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no column to name a row by");
        }
        List<String> parts = new ArrayList<>();
        columns.forEach((column, value) -> parts.add(quoteIdentifier(column) + " = " + literal(value)));
        return "(" + String.join(" AND ", parts) + ")";
    }

    /**
     * An SQL literal. Integers are written as digits. Text is quoted with its quotes doubled; text
     * with a backslash or a NUL is refused, since whether MySQL reads a backslash as an escape
     * depends on the server's sql_mode (NO_BACKSLASH_ESCAPES), which the condition cannot know.
     */
    static String literal(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return v.toString();
        }
        if (v instanceof String s) {
            if (s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("key text with a backslash or NUL cannot be quoted safely");
            }
            return "'" + s.replace("'", "''") + "'";
        }
        throw new IllegalArgumentException("key value of type " + (v == null ? "null" : v.getClass().getSimpleName())
                + " cannot be written as SQL");
    }

    private static String quoteIdentifier(String column) {
        if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("column name " + column + " is not a plain identifier");
        }
        return "`" + column + "`";
    }

    /** What the plan asks for, for people. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        snapshots.forEach(s -> b.append("  snapshot ").append(s.table()).append(": ").append(s.keys())
                .append(" row").append(s.keys() == 1 ? "" : "s").append(" WHERE ")
                .append(s.filter().length() > 300 ? s.filter().substring(0, 300) + "…" : s.filter()).append('\n'));
        deletes.forEach(d -> b.append("  delete ").append(d.describe()).append('\n'));
        unrepairable.forEach(u -> b.append("  cannot repair ").append(u).append('\n'));
        return b.toString();
    }
}
