package org.herd.verify;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;

/**
 * How an entity's keys fall into chunks. Every entity but {@code user} has an integer key field,
 * and its first one ({@code release_id}, the {@code release_group_id} of a credit or a tag) cuts
 * the keys into ranges of {@code size} values: a chunk can be read again on either side with a
 * range condition on an indexed column. An entity without an integer key field ({@code user},
 * keyed by a text user reference) falls into {@value #BUCKETS} buckets by a hash of its key; a
 * differing bucket is found again by one scan of the entity that keeps that bucket's rows.
 *
 * @param entity the entity
 * @param field  the integer key field that cuts ranges, or null when the entity is bucketed
 * @param size   values per range
 */
public record Chunking(EntityType entity, String field, long size) {

    /** Buckets of an entity without an integer key field. */
    public static final int BUCKETS = 64;

    /** A range of values of an integer key field: {@code from <= field < to}. */
    public record Range(String field, long from, long to) {
    }

    public Chunking {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, not " + size);
        }
    }

    public static Chunking of(EntityType entity, long size) {
        String field = entity.keyFields().stream().filter(f -> f.type() == FieldType.INTEGER).map(Field::name)
                .findFirst().orElse(null);
        return new Chunking(entity, field, size);
    }

    /** Whether chunks are ranges of {@link #field}, readable with a range condition. */
    public boolean ranged() {
        return field != null;
    }

    public long chunkOf(Map<String, Object> key) {
        if (field != null) {
            return Math.floorDiv(((Number) key.get(field)).longValue(), size);
        }
        // The key's values as text: the same on both sides, whatever number class carried them.
        return Math.floorMod(key.values().toString().hashCode(), BUCKETS);
    }

    /** The key range of a chunk of a ranged entity. */
    public Range range(long chunk) {
        if (field == null) {
            throw new IllegalStateException(entity.name() + " is bucketed by hash, not cut into ranges");
        }
        long from = chunk * size;
        long to = chunk == Math.floorDiv(Long.MAX_VALUE, size) ? Long.MAX_VALUE : from + size;
        return new Range(field, from, to);
    }
}
