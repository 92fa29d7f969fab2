package org.herd.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;

/**
 * The canonical hash of one neutral row (key and payload), and the order-independent sum of many.
 *
 * <p>Both sides are hashed here, in Java, from the neutral values (the origin's after the
 * translator, the mirror's as {@link MirrorReader} reads them), not in SQL on each server: the two
 * databases store the row in different shapes (Gazelle's columns and conventions against the
 * mirror's neutral columns), print timestamps, booleans and jsonb differently and hash with
 * different functions, so only the neutral values have one canonical form. Equal hashes then
 * mean what equal values mean when {@link Verification} reads a differing chunk row by row.
 *
 * <p>Each field is written in the entity's field order as a type tag and a length-prefixed value,
 * so no two different rows write the same bytes; SHA-256 of those bytes, cut to 128 bits, is the
 * row's hash. A chunk's hash is the sum (two independent 64-bit sums) of its rows' hashes, so
 * rows may arrive in any order.
 */
public final class RowHash {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    });

    private RowHash() {
    }

    /** A 128-bit row hash. */
    public record Hash(long hi, long lo) {
    }

    /** The number of rows of a chunk and the sum of their hashes. */
    public record Sum(long count, long hi, long lo) {

        public static final Sum EMPTY = new Sum(0, 0, 0);

        public Sum plus(Hash h) {
            return new Sum(count + 1, hi + h.hi(), lo + h.lo());
        }

        public Sum plus(Sum other) {
            return new Sum(count + other.count, hi + other.hi, lo + other.lo);
        }
    }

    public static Hash of(EntityType entity, Map<String, Object> key, Map<String, Object> payload) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        for (Field f : entity.keyFields()) {
            write(digest, f, key.get(f.name()));
        }
        for (Field f : entity.payloadFields()) {
            write(digest, f, payload == null ? null : payload.get(f.name()));
        }
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new Hash(hash.getLong(), hash.getLong());
    }

    private static void write(MessageDigest d, Field f, Object v) {
        if (v == null) {
            d.update((byte) 0);
            return;
        }
        switch (f.type()) {
            case INTEGER -> {
                d.update((byte) 1);
                d.update(ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array());
            }
            case TEXT -> {
                d.update((byte) 2);
                text(d, v.toString());
            }
            case BOOLEAN -> {
                d.update((byte) 3);
                d.update((byte) (((Boolean) v) ? 1 : 0));
            }
            case TIMESTAMP -> {
                d.update((byte) 4);
                text(d, v instanceof LocalDateTime t ? TIMESTAMP.format(t) : v.toString());
            }
            case FILE_LIST -> {
                d.update((byte) 5);
                List<?> files = (List<?>) v;
                d.update(ByteBuffer.allocate(4).putInt(files.size()).array());
                for (Object o : files) {
                    FileEntry file = (FileEntry) o;
                    text(d, file.path());
                    d.update(ByteBuffer.allocate(8).putLong(file.sizeBytes()).array());
                }
            }
        }
    }

    private static void text(MessageDigest d, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        d.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        d.update(bytes);
    }
}
