package org.herd.sidecar.lookup;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One row of the lookup cache: its values in the order of its table's readable columns, which all
 * rows of the table share ({@link Columns}), read through an unmodifiable map.
 *
 * <p>Why not a map per row: the cache follows every change of a looked-up table, so a snapshot
 * fills it to its bound. A {@code LinkedHashMap} per row, with a map entry per column and, for
 * rows read over JDBC, a key string per column, cost about 2 KiB a row of forum topics; a value
 * array costs a reference per column.
 */
final class CachedRow extends AbstractMap<String, Object> {

    /** A table's readable columns in select order, with each one's place in a row's values. */
    static final class Columns {
        private final String[] names;
        private final Map<String, Integer> index;

        Columns(List<String> names) {
            this.names = names.toArray(String[]::new);
            this.index = new HashMap<>(names.size() * 2);
            for (int i = 0; i < this.names.length; i++) {
                if (index.putIfAbsent(this.names[i], i) != null) {
                    throw new IllegalArgumentException("column " + this.names[i] + " named twice in " + names);
                }
            }
        }

        /** The values of {@code row} in column order; null for a column the row lacks. */
        Object[] valuesOf(Map<String, Object> row) {
            Object[] values = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = row.get(names[i]);
            }
            return values;
        }

        int size() {
            return names.length;
        }
    }

    private final Columns columns;
    private final Object[] values;

    CachedRow(Columns columns, Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        this.columns = columns;
        this.values = values;
    }

    @Override
    public Object get(Object column) {
        Integer i = columns.index.get(column);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object column) {
        return columns.index.containsKey(column);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(columns.names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
