package org.herd.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical limit of the mirror's apply path: the mirror's own rows, COPYed from memory into
 * empty tables of the same definition (keys and indexes included) in the same database, in the
 * two ways PostgreSQL can be filled: into the tables with every index maintained row by row
 * ({@code indexed}), and into the tables with their keys only, the other indexes created after
 * the rows are in ({@code deferred}, as pg_restore does). The ceiling is the faster of the two.
 * Only the COPY and the index builds are timed; reading the rows out is not.
 */
final class CopyCeiling {

    private static final String SCHEMA = "bench_copy";

    private CopyCeiling() {
    }

    /**
     * @param seconds         the faster of the two ways
     * @param indexedSeconds  COPY into tables with every index
     * @param deferredSeconds COPY into tables with their keys only, then CREATE INDEX for the rest
     */
    record Result(long rows, long bytes, double seconds, double indexedSeconds, double deferredSeconds,
            Map<String, Long> rowsPerTable) {
        double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    static Result run(Connection mirror, Iterable<String> entities) throws Exception {
        CopyManager copy = mirror.unwrap(PGConnection.class).getCopyAPI();
        Map<String, byte[]> data = new LinkedHashMap<>();
        try (Statement s = mirror.createStatement()) {
            for (String entity : entities) {
                ByteArrayOutputStream rows = new ByteArrayOutputStream();
                copy.copyOut("COPY herd.\"" + entity + "\" TO STDOUT (FORMAT binary)", rows);
                data.put(entity, rows.toByteArray());
            }
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        double indexed = fill(mirror, copy, data, false, perTable);
        double deferred = fill(mirror, copy, data, true, perTable);
        long rows = perTable.values().stream().mapToLong(Long::longValue).sum();
        long bytes = data.values().stream().mapToLong(b -> b.length).sum();
        return new Result(rows, bytes, Math.min(indexed, deferred), indexed, deferred, perTable);
    }

    /** Seconds to fill fresh copies of the tables in one transaction, indexes deferred or not. */
    private static double fill(Connection mirror, CopyManager copy, Map<String, byte[]> data, boolean deferIndexes,
            Map<String, Long> perTable) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Statement s = mirror.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            for (String entity : data.keySet()) {
                String q = "\"" + entity + "\"";
                s.execute("CREATE TABLE " + SCHEMA + "." + q + " (LIKE herd." + q + " INCLUDING ALL)");
            }
            if (deferIndexes) {
                // Every index that does not back a primary key or unique constraint.
                try (ResultSet r = s.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE"
                        + " i.schemaname = '" + SCHEMA + "' AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                        + " WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)")) {
                    List<String> names = new ArrayList<>();
                    while (r.next()) {
                        names.add(r.getString(1));
                        indexes.add(r.getString(2));
                    }
                    for (String name : names) {
                        s.execute("DROP INDEX " + SCHEMA + ".\"" + name + "\"");
                    }
                }
            }
        }
        boolean autoCommit = mirror.getAutoCommit();
        mirror.setAutoCommit(false);
        long t = System.nanoTime();
        for (Map.Entry<String, byte[]> e : data.entrySet()) {
            long n = copy.copyIn("COPY " + SCHEMA + ".\"" + e.getKey() + "\" FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(e.getValue()));
            perTable.put(e.getKey(), n);
        }
        try (Statement s = mirror.createStatement()) {
            for (String index : indexes) {
                s.execute(index);
            }
        }
        mirror.commit();
        double seconds = (System.nanoTime() - t) / 1e9;
        mirror.setAutoCommit(autoCommit);
        try (Statement s = mirror.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
        return seconds;
    }
}
