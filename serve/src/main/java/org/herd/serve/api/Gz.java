package org.herd.serve.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gazelle's JSON values. What the origin did not publish, or published as "none", is Gazelle's
 * empty value of the field's type: 0, "", false, [] (or null where Gazelle itself gives null).
 * Times are Gazelle's {@code yyyy-MM-dd HH:mm:ss}; a time the origin has not (Gazelle's zero date)
 * is "", as Gazelle's own ajax pages print a zero date where they notice one.
 */
final class Gz {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Gz() {
    }

    /** An object with its members in order: {@code obj("id", 1, "name", "x")}. */
    static Map<String, Object> obj(Object... membersAndValues) {
        if (membersAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("members and values come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < membersAndValues.length; i += 2) {
            m.put((String) membersAndValues[i], membersAndValues[i + 1]);
        }
        return m;
    }

    static String str(String s) {
        return s == null ? "" : s;
    }

    static long num(Long n) {
        return n == null ? 0 : n;
    }

    static String time(LocalDateTime t) {
        return t == null ? "" : TIME.format(t);
    }
}
