package org.herd.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical limit of the mirror's apply path: the mirror's own rows, COPYed from memory into
 * empty tables of the same definition (keys and indexes included) in the same database. Only
 * the COPY into the new tables is timed; reading the rows out is not.
 */
final class CopyCeiling {

    private static final String SCHEMA = "bench_copy";

    private CopyCeiling() {
    }

    record Result(long rows, long bytes, double seconds, Map<String, Long> rowsPerTable) {
        double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    static Result run(Connection mirror, Iterable<String> entities) throws Exception {
        CopyManager copy = mirror.unwrap(PGConnection.class).getCopyAPI();
        Map<String, byte[]> data = new LinkedHashMap<>();
        try (Statement s = mirror.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            for (String entity : entities) {
                String q = "\"" + entity + "\"";
                s.execute("CREATE TABLE " + SCHEMA + "." + q + " (LIKE herd." + q + " INCLUDING ALL)");
                ByteArrayOutputStream rows = new ByteArrayOutputStream();
                copy.copyOut("COPY herd." + q + " TO STDOUT (FORMAT binary)", rows);
                data.put(entity, rows.toByteArray());
            }
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        long rows = 0;
        long bytes = 0;
        boolean autoCommit = mirror.getAutoCommit();
        mirror.setAutoCommit(false);
        long t = System.nanoTime();
        for (Map.Entry<String, byte[]> e : data.entrySet()) {
            long n = copy.copyIn("COPY " + SCHEMA + ".\"" + e.getKey() + "\" FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(e.getValue()));
            perTable.put(e.getKey(), n);
            rows += n;
            bytes += e.getValue().length;
        }
        mirror.commit();
        double seconds = (System.nanoTime() - t) / 1e9;
        mirror.setAutoCommit(autoCommit);
        try (Statement s = mirror.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
        return new Result(rows, bytes, seconds, perTable);
    }
}
