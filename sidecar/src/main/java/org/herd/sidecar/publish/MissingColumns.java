package org.herd.sidecar.publish;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.herd.translator.RowChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per table and column, not once per row, that changes arrive without a column Herd
 * reads (the rows themselves are quarantined one by one), and says when it is back. Said again if
 * the column returns and goes missing once more.
 */
final class MissingColumns {

    private static final Logger log = LoggerFactory.getLogger(MissingColumns.class);

    /** Stands for the column when the database named none: the table itself may be gone. */
    static final String WHOLE_TABLE = "(a column or the table itself)";

    private final String quarantineTopic;
    /** Per table, the columns found missing and the position they were first missed at. */
    private final Map<String, Map<String, String>> missing = new HashMap<>();

    MissingColumns(String quarantineTopic) {
        this.quarantineTopic = quarantineTopic;
    }

    /**
     * A change needed {@code column} of {@code table} and did not find it.
     *
     * @param column null when the database named no column: the table itself may be gone
     * @param change the change that needed it
     */
    void missing(String table, String column, RowChange change) {
        String name = column == null ? WHOLE_TABLE : column;
        Map<String, String> columns = missing.computeIfAbsent(table, t -> new LinkedHashMap<>());
        if (columns.putIfAbsent(name, change.position().toString()) == null) {
            log.warn("Gazelle table {} no longer has column {} as Herd reads it (renamed or dropped?), first "
                    + "missed by a change of {} at {}: every change that needs it is quarantined in {} until the "
                    + "column is back; then `herd quarantine replay` reads those rows again", table, name,
                    change.table(), change.position(), quarantineTopic);
        }
    }

    /** A change of its table translated: reports the columns it shows to be there again. */
    void back(RowChange change) {
        Map<String, String> columns = missing.get(change.table());
        if (columns == null) {
            return;
        }
        Map<String, Object> row = change.after().isEmpty() ? change.before() : change.after();
        columns.entrySet().removeIf(e -> {
            // A change of the table itself that translates shows the table is readable again.
            if (!row.containsKey(e.getKey()) && !WHOLE_TABLE.equals(e.getKey())) {
                return false;
            }
            log.info("Gazelle table {} has column {} again at {}; its changes flow again (missing since {})",
                    change.table(), e.getKey(), change.position(), e.getValue());
            return true;
        });
        if (columns.isEmpty()) {
            missing.remove(change.table());
        }
    }
}
