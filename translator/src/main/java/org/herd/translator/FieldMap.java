package org.herd.translator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;

/**
 * The key or payload of one record: the values of an entity's declared fields, in declared order,
 * held in one array beside a {@link Layout} that every record of the entity shares. It cannot be
 * changed once built, so a {@link NeutralRecord} keeps it as it is given instead of copying it.
 *
 * <p>Why not a {@code LinkedHashMap}: the sidecar builds a key and a payload for every row it
 * captures and a mirror one of each for every record it reads. As linked hash maps they were built,
 * then copied by the record, and their entries were a twentieth of what both processes allocated.
 * A nullable field without a value is an entry whose value is null.
 */
public final class FieldMap extends ArrayMap {

    private FieldMap(Layout layout, Object[] values) {
        super(layout.names, values);
    }

    /** The fields' names and their places, shared by every key (or every payload) of one entity. */
    public static final class Layout {

        /** The key's and the payload's layouts of every entity of the neutral schema, by name. */
        private static final Map<String, Layouts> OF_SCHEMA = ofSchema();

        private final Field[] fields;
        private final Names names;

        private Layout(List<Field> declared) {
            this.fields = declared.toArray(Field[]::new);
            this.names = new Names(declared.stream().map(Field::name).toList());
        }

        /** The layout of {@code entity}'s key fields. */
        public static Layout keyOf(EntityType entity) {
            return layouts(entity).key;
        }

        /** The layout of {@code entity}'s payload fields. */
        public static Layout payloadOf(EntityType entity) {
            return layouts(entity).payload;
        }

        private static Layouts layouts(EntityType entity) {
            Layouts known = OF_SCHEMA.get(entity.name());
            // The schema's own entity, not an equal one: comparing two declarations field by field
            // would cost more per record than the map this saves. Another declaration of the name (a
            // test's) gets layouts of its own each time.
            return known != null && known.entity == entity ? known : new Layouts(entity);
        }

        private static Map<String, Layouts> ofSchema() {
            Map<String, Layouts> layouts = new HashMap<>();
            for (EntityType e : NeutralSchema.entities()) {
                layouts.put(e.name(), new Layouts(e));
            }
            return Map.copyOf(layouts);
        }

        /** How many fields. */
        public int size() {
            return fields.length;
        }

        /** The field at {@code i}, in declared order. */
        public Field field(int i) {
            return fields[i];
        }

        /** The place of the field named {@code name}; -1 when there is none of that name. */
        public int indexOf(Object name) {
            return names.indexOf(name);
        }

        /** A builder of one map of this layout, every value unset. */
        public Builder builder() {
            return new Builder(this);
        }

        private record Layouts(EntityType entity, Layout key, Layout payload) {

            Layouts(EntityType entity) {
                this(entity, new Layout(entity.keyFields()), new Layout(entity.payloadFields()));
            }
        }
    }

    /**
     * Sets the values of one map, then hands its array over to the map it builds: nothing can be
     * set after {@link #build}, so the map stays as built.
     */
    public static final class Builder {

        private final Layout layout;
        private Object[] values;
        private final boolean[] set;

        private Builder(Layout layout) {
            this.layout = layout;
            this.values = new Object[layout.size()];
            this.set = new boolean[layout.size()];
        }

        /** Sets the value of the field at {@code i}; null for none. A second value replaces the first. */
        public Builder set(int i, Object value) {
            if (values == null) {
                throw new IllegalStateException("this map is built already");
            }
            values[i] = value;
            set[i] = true;
            return this;
        }

        /** Whether the field at {@code i} was given a value (null included). */
        public boolean isSet(int i) {
            return set[i];
        }

        /** The value given to the field at {@code i}; null when none was, or null was. */
        public Object get(int i) {
            if (values == null) {
                throw new IllegalStateException("this map is built already");
            }
            return values[i];
        }

        /** The map, once; fields never set hold null. */
        public FieldMap build() {
            if (values == null) {
                throw new IllegalStateException("this map is built already");
            }
            FieldMap built = new FieldMap(layout, values);
            values = null;
            return built;
        }
    }
}
