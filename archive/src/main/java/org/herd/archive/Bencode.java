package org.herd.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3): integers {@code i<n>e}, byte strings {@code <length>:<bytes>}, lists
 * {@code l...e} and dictionaries {@code d...e} whose keys are byte strings sorted as raw bytes. A
 * torrent's info hash is the SHA-1 of its bencoded {@code info} dictionary, so the encoding must
 * be exactly the canonical one: keys sorted and unique, integers without leading zeros.
 *
 * <p>Values: {@link Long} or {@link Integer}, {@code byte[]}, {@link String} (its UTF-8 bytes),
 * {@link List}, and {@link Map} with {@link String} keys.
 */
public final class Bencode {

    private Bencode() {
    }

    /** The bencoding of {@code value}. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value instanceof Long || value instanceof Integer) {
            out.writeBytes(("i" + ((Number) value).longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof byte[] bytes) {
            string(bytes, out);
        } else if (value instanceof String s) {
            string(s.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(v -> write(v, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            // Sorted as raw bytes, which for UTF-8 is the order of code points; a String's natural
            // order (UTF-16 units) differs above U+FFFF.
            TreeMap<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("a bencoded dictionary's keys are strings, found " + k);
                }
                if (sorted.put(key.getBytes(StandardCharsets.UTF_8), v) != null) {
                    throw new IllegalArgumentException("key " + key + " twice in one dictionary");
                }
            });
            out.write('d');
            sorted.forEach((k, v) -> {
                string(k, out);
                write(v, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void string(byte[] bytes, ByteArrayOutputStream out) {
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }
}
