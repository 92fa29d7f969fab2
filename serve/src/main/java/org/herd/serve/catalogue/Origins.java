package org.herd.serve.catalogue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The origins the mirror holds. One mirror database may follow several Gazelle sites; every row
 * carries its origin first in its key. Read with a loose index scan of the release group keys
 * (one index probe per origin), and remembered for a short while.
 */
public final class Origins {

    private static final long TTL_NANOS = 30_000_000_000L;

    private record Cached(List<String> names, long at) {
    }

    private final JdbcTemplate jdbc;
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    public Origins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> all() {
        Cached c = cached.get();
        long now = System.nanoTime();
        if (c != null && now - c.at() < TTL_NANOS) {
            return c.names();
        }
        List<String> names = jdbc.query("WITH RECURSIVE o(origin) AS ("
                + " (SELECT origin FROM herd.release_group ORDER BY origin LIMIT 1)"
                + " UNION ALL SELECT (SELECT g.origin FROM herd.release_group g WHERE g.origin > o.origin"
                + " ORDER BY g.origin LIMIT 1) FROM o WHERE o.origin IS NOT NULL)"
                + " SELECT origin FROM o WHERE origin IS NOT NULL"
                + " UNION SELECT DISTINCT origin FROM herd.forum_category"
                + " ORDER BY 1", (rs, n) -> rs.getString(1));
        cached.set(new Cached(List.copyOf(names), now));
        return names;
    }
}
