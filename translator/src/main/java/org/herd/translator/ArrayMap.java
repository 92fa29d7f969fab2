package org.herd.translator;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An unmodifiable map whose values lie in one array, in the order of {@link Names} that every map
 * of its shape shares: a record's key or payload ({@link FieldMap}), a row of the sidecar's lookup
 * cache. Maps made per record or per row cost a reference per value this way, where a
 * {@code LinkedHashMap} costs an entry object per value and a table.
 *
 * <p>It is a {@code Map} like any other: equal to, and with the hash code and text of, a map of
 * the same entries. A name without a value is an entry whose value is null. Nothing changes it:
 * a subclass hands it an array that no one writes to again.
 */
public abstract class ArrayMap extends AbstractMap<String, Object> {

    /** Names in order, each with its place: the keys of every map of one shape. */
    public static final class Names {

        private final String[] names;
        private final Map<String, Integer> index;

        /** @throws IllegalArgumentException for a name given twice */
        public Names(List<String> names) {
            this.names = names.toArray(String[]::new);
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < this.names.length; i++) {
                if (byName.putIfAbsent(this.names[i], i) != null) {
                    throw new IllegalArgumentException("'" + this.names[i] + "' named twice in " + names);
                }
            }
            this.index = Map.copyOf(byName);
        }

        public int size() {
            return names.length;
        }

        /** The name at {@code i}. */
        public String name(int i) {
            return names[i];
        }

        /** The place of {@code name}; -1 when it is none of these. */
        public int indexOf(Object name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }
    }

    private final Names names;
    private final Object[] values;

    /**
     * @param values one per name, kept as given: no one may write to the array again
     * @throws IllegalArgumentException when there are not as many values as names
     */
    protected ArrayMap(Names names, Object[] values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(values.length + " values for " + names.size() + " names");
        }
        this.names = names;
        this.values = values;
    }

    /**
     * A map of these names and values.
     *
     * @param values one per name, kept as given: no one may write to the array again
     */
    public static ArrayMap of(Names names, Object[] values) {
        return new Values(names, values);
    }

    private static final class Values extends ArrayMap {
        Values(Names names, Object[] values) {
            super(names, values);
        }
    }

    /** The names of this map, the same instance for every map of its shape. */
    public final Names names() {
        return names;
    }

    /** The name at {@code i}, in order. */
    public final String name(int i) {
        return names.name(i);
    }

    /** The value at {@code i}, in order. */
    public final Object value(int i) {
        return values[i];
    }

    @Override
    public final int size() {
        return values.length;
    }

    @Override
    public final boolean containsKey(Object name) {
        return names.indexOf(name) >= 0;
    }

    @Override
    public final Object get(Object name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public final void forEach(BiConsumer<? super String, ? super Object> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < values.length; i++) {
            action.accept(names.name(i), values[i]);
        }
    }

    /** As a map's, without an entry per value: a mirror keys each batch's rows by their key maps. */
    @Override
    public final int hashCode() {
        int h = 0;
        for (int i = 0; i < values.length; i++) {
            h += Objects.hashCode(names.name(i)) ^ Objects.hashCode(values[i]);
        }
        return h;
    }

    /** As a map's; between two maps of the same names, value by value. */
    @Override
    public final boolean equals(Object o) {
        if (o instanceof ArrayMap other && other.names == names) {
            return Arrays.equals(values, other.values);
        }
        return super.equals(o);
    }

    @Override
    public final Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return values.length;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names.name(i), values[i]);
                    }
                };
            }
        };
    }
}
