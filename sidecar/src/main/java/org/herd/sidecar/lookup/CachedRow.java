package org.herd.sidecar.lookup;

import java.util.List;
import java.util.Map;
import org.herd.translator.ArrayMap;

/**
 * One row of the lookup cache: its values in the order of its table's readable columns, which all
 * rows of the table share ({@link Columns}), read through an unmodifiable map.
 *
 * <p>Why not a map per row: the cache follows every change of a looked-up table, so a snapshot
 * fills it to its bound. A {@code LinkedHashMap} per row, with a map entry per column and, for
 * rows read over JDBC, a key string per column, cost about 2 KiB a row of forum topics; a value
 * array costs a reference per column.
 */
final class CachedRow extends ArrayMap {

    /** A table's readable columns in select order, with each one's place in a row's values. */
    static final class Columns {
        private final Names names;

        Columns(List<String> names) {
            this.names = new Names(names);
        }

        /** The values of {@code row} in column order; null for a column the row lacks. */
        Object[] valuesOf(Map<String, Object> row) {
            Object[] values = new Object[names.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(names.name(i));
            }
            return values;
        }

        int size() {
            return names.size();
        }
    }

    /** The cache keeps {@code values}; the row only reads them. */
    CachedRow(Columns columns, Object[] values) {
        super(columns.names, values);
    }
}
