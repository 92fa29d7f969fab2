package org.herd.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical limit of the mirror's apply path: the mirror's own rows, COPYed from memory into
 * empty tables of the same definition (keys and indexes included) in the same database, in the
 * two ways PostgreSQL can be filled: into the tables with every index maintained row by row
 * ({@code indexed}), and into the tables with their keys only, the other indexes created after
 * the rows are in ({@code deferred}, as pg_restore does), built as a mirror's first copy builds
 * them: two at a time on two connections, largest table first, with the same
 * {@code maintenance_work_mem}. The ceiling is the faster of the two. Only the COPY and the index
 * builds are timed; reading the rows out is not.
 */
final class CopyCeiling {

    private static final String SCHEMA = "bench_copy";
    /** As herd.mirror.first-copy.index-builders' default and DeferredIndexes' memory. */
    private static final int INDEX_BUILDERS = 2;
    private static final String MAINTENANCE_WORK_MEM = "256MB";

    private CopyCeiling() {
    }

    /**
     * @param seconds         the faster of the two ways
     * @param indexedSeconds  COPY into tables with every index
     * @param deferredSeconds COPY into tables with their keys only, committed, then CREATE INDEX for
     *                        the rest
     * @param postgresCpuSeconds PostgreSQL's CPU seconds in the faster of the two: what writing the
     *                        mirror's rows costs PostgreSQL with nothing else in the way
     */
    record Result(long rows, long bytes, double seconds, double indexedSeconds, double deferredSeconds,
            double postgresCpuSeconds, Map<String, Long> rowsPerTable) {
        double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    static Result run(DataSource dataSource, Iterable<String> entities) throws Exception {
        try (Connection mirror = dataSource.getConnection()) {
            return run(dataSource, mirror, entities);
        }
    }

    private static Result run(DataSource dataSource, Connection mirror, Iterable<String> entities) throws Exception {
        CopyManager copy = mirror.unwrap(PGConnection.class).getCopyAPI();
        Map<String, ChunkedBytes> data = new LinkedHashMap<>();
        for (String entity : entities) {
            ChunkedBytes rows = new ChunkedBytes();
            copy.copyOut("COPY herd.\"" + entity + "\" TO STDOUT (FORMAT binary)", rows);
            data.put(entity, rows);
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        CpuTimes t0 = CpuTimes.read(null, null);
        double indexed = fill(dataSource, mirror, copy, data, false, perTable);
        CpuTimes t1 = CpuTimes.read(null, null);
        double deferred = fill(dataSource, mirror, copy, data, true, perTable);
        CpuTimes t2 = CpuTimes.read(null, null);
        long rows = perTable.values().stream().mapToLong(Long::longValue).sum();
        long bytes = data.values().stream().mapToLong(ChunkedBytes::length).sum();
        // Dropping the copies is not timed, but ends up in the CPU seconds; a small part of them.
        double cpu = indexed < deferred ? postgresSeconds(t1.since(t0)) : postgresSeconds(t2.since(t1));
        return new Result(rows, bytes, Math.min(indexed, deferred), indexed, deferred, cpu, perTable);
    }

    private static double postgresSeconds(Map<String, Double> cpu) {
        return cpu.getOrDefault("PostgreSQL", 0.0);
    }

    /** Seconds to fill fresh copies of the tables in one transaction, indexes deferred (and built after) or not. */
    private static double fill(DataSource dataSource, Connection mirror, CopyManager copy,
            Map<String, ChunkedBytes> data, boolean deferIndexes, Map<String, Long> perTable) throws Exception {
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
                // Largest table first, by the size of the mirror's own table.
                try (ResultSet r = s.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE"
                        + " i.schemaname = '" + SCHEMA + "' AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                        + " WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)"
                        + " ORDER BY pg_total_relation_size(format('herd.%I', i.tablename)::regclass) DESC,"
                        + " i.indexname")) {
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
        for (Map.Entry<String, ChunkedBytes> e : data.entrySet()) {
            long n = copy.copyIn("COPY " + SCHEMA + ".\"" + e.getKey() + "\" FROM STDIN (FORMAT binary)",
                    e.getValue().stream());
            perTable.put(e.getKey(), n);
        }
        mirror.commit();
        buildIndexes(dataSource, indexes);
        double seconds = (System.nanoTime() - t) / 1e9;
        mirror.setAutoCommit(autoCommit);
        try (Statement s = mirror.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
        return seconds;
    }

    /** Runs the CREATE INDEX statements, {@value #INDEX_BUILDERS} at a time in the order given. */
    private static void buildIndexes(DataSource dataSource, List<String> indexes) throws Exception {
        if (indexes.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(indexes);
        ExecutorService pool = Executors.newFixedThreadPool(INDEX_BUILDERS);
        try {
            List<Future<Void>> builders = new ArrayList<>();
            for (int i = 0; i < INDEX_BUILDERS; i++) {
                builders.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SET maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'");
                        for (String index = queue.poll(); index != null; index = queue.poll()) {
                            s.execute(index);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : builders) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
