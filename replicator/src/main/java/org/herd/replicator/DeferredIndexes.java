package org.herd.replicator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.trust.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first copy builds the entity tables' secondary indexes once, after the rows are in, as
 * pg_restore does, instead of maintaining them row by row: the GIN full-text and trigram indexes of
 * V11 and the covering b-trees of V16 cost PostgreSQL most of its CPU while a mirror copies.
 *
 * <p><b>Deferring.</b> At start-up, when every entity table is empty (no row, not even a
 * tombstone) and nothing is deferred yet, the definition of each secondary index of the entity
 * tables is recorded in {@code herd.deferred_index} (V17) and the index dropped, and autovacuum is
 * turned off for the entity tables (recorded in {@code herd.paused_autovacuum}, V20), all in one
 * transaction: PostgreSQL's DDL is transactional, so a crash leaves all of them or none. Autovacuum
 * would otherwise analyse each growing table again for every tenth it grew by, sampling the same
 * wide rows over and over, while the copy wants the CPU; the tables are analysed once at the end
 * instead, as PostgreSQL's own advice for bulk loads has it. Indexes
 * that back a constraint, primary keys and unique indexes stay: the upsert's ON CONFLICT, COPY's
 * unique violation ({@link CopyLoad}) and every lookup of the apply path use the primary keys only.
 *
 * <p><b>Building.</b> Once the mirror has passed a verified checkpoint the origin issued once its
 * snapshot was complete ({@link CheckpointWatch#passed}; the one closing the snapshot says
 * {@code snapshot_complete}, later ones {@code supersedes_earlier_epochs}; a comparison with the
 * first or the retirement the second brings, both kept in the mirror, say so across restarts), each index is
 * created from its definition and its row deleted, one transaction per index, so that a crash
 * loses at most one index's work; once none is left, autovacuum is turned on again and the tables
 * are analysed, on a thread of their own that {@link #close} waits for. The apply loop waits between batches while {@code herd.mirror.first-copy.index-builders}
 * connections build them, the GIN indexes first and of each kind the largest table's first, so that
 * the longest builds start at once instead of after a table's quicker b-trees: CREATE INDEX blocks
 * writes to its table anyway.
 * Builders, and replicators sharing the mirror, take different indexes (SKIP LOCKED).
 *
 * <p>A mirror loaded from an archive ({@link ArchiveBootstrap}) builds them right after the load: the
 * archive holds the origin's whole public state at its cut, and an origin that is gone sends no
 * checkpoint. Before Flyway applies a pending migration the deferred indexes are built first
 * ({@link #buildBeforeMigrating}): a migration may refer to an index by name.
 */
public final class DeferredIndexes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);

    /** Memory each CREATE INDEX may sort in; PostgreSQL's default of 64MB spills large GIN builds to disk. */
    static final String MAINTENANCE_WORK_MEM = "256MB";
    /** Least time between two checks whether the first copy is complete, while indexes are deferred. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /**
     * Longest a stopping replicator waits for the statistics of the first copy's tables. At scale
     * 0.1 they took 9 s; a lock held on one of the tables could hold ANALYZE for ever, and a
     * replicator that never stops is worse than tables autovacuum analyses later.
     */
    static final Duration STATISTICS_WAIT = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private final String origin;
    private final String name;
    private final Clock clock;
    /** herd.mirror.first-copy.index-builders. */
    private final int builders;
    /** Indexes deferred, as this process last counted them; 0 means nothing is ever checked again. */
    private final AtomicInteger deferred;
    private Instant lastCheck = Instant.EPOCH;
    /** {@link CheckpointWatch#kept} at the last check. */
    private long keptAtLastCheck = -1;
    /** Whether the last check found the checkpoint that closes the snapshot kept, but not yet passed. */
    private boolean closingCheckpointAhead;
    /** The statistics being gathered after the first copy, if they ever were; {@link #close} waits for them. */
    private volatile Thread analysis;

    private DeferredIndexes(DataSource dataSource, String origin, String name, Clock clock, int deferred,
            int builders) {
        this.builders = builders;
        this.dataSource = dataSource;
        this.origin = origin;
        this.name = name;
        this.clock = clock;
        this.deferred = new AtomicInteger(deferred);
    }

    /** Nothing deferred and nothing ever built: a mirror that does not verify, or tests without a database. */
    static DeferredIndexes none() {
        return new DeferredIndexes(null, null, null, Clock.systemUTC(), 0, 1);
    }

    /**
     * At start-up: defers the indexes if {@code allowed} and the mirror is empty, and counts those
     * deferred, by this start or an earlier one.
     *
     * @param allowed herd.mirror.first-copy.defer-indexes, and whether the mirror verifies (the
     *                signal to build them again is a signed checkpoint)
     * @param builders herd.mirror.first-copy.index-builders: indexes built at the same time
     */
    static DeferredIndexes start(DataSource dataSource, String origin, String name, boolean allowed, int builders) {
        int count;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Replicators sharing the mirror start one after the other here.
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE herd.deferred_index IN EXCLUSIVE MODE");
                }
                count = count(c);
                if (count == 0 && allowed && empty(c)) {
                    count = defer(c);
                    if (count > 0) {
                        log.info("mirror {}: first copy into an empty mirror: {} secondary indexes of the entity tables "
                                + "dropped, kept in herd.deferred_index; each is built once the mirror has passed a "
                                + "checkpoint taken after the origin's snapshot was complete "
                                + "(herd.mirror.first-copy.defer-indexes)", name, count);
                    }
                } else if (count > 0) {
                    log.info("mirror {}: {} indexes deferred since the first copy began; built once the mirror has "
                            + "passed a checkpoint taken after the origin's snapshot was complete", name, count);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot defer the secondary indexes of the empty mirror (herd.deferred_index;"
                    + " herd.mirror.first-copy.defer-indexes=false keeps them): " + SqlErrors.describe(e), e);
        }
        return new DeferredIndexes(dataSource, origin, name, Clock.systemUTC(), count, builders);
    }

    /** Indexes deferred and not built yet, as this process last counted them. */
    public int deferred() {
        return deferred.get();
    }

    /** Indexes deferred and not built yet, read from the mirror. */
    public static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM herd.deferred_index")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether no entity table holds a row: one EXISTS per table, each stopping at its first row. */
    private static boolean empty(Connection c) throws SQLException {
        String any = NeutralSchema.entities().stream()
                .map(e -> "EXISTS (SELECT 1 FROM " + table(e) + ")")
                .collect(Collectors.joining(" OR "));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + any)) {
            rs.next();
            return !rs.getBoolean(1);
        }
    }

    private static String table(EntityType e) {
        return MirrorSql.SCHEMA + "." + MirrorSql.quote(e.name());
    }

    /** A secondary index of an entity table. */
    record Index(String name, String table, String definition) {
    }

    /**
     * The entity tables' indexes that back no constraint and are neither primary nor unique
     * (nothing the apply path or ON CONFLICT relies on), by table and name.
     */
    static List<Index> secondary(Connection c) throws SQLException {
        List<Index> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.relname, t.relname, pg_get_indexdef(i.oid)"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname = ANY (?) AND NOT x.indisprimary AND NOT x.indisunique"
                + " AND NOT x.indisexclusion AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)"
                + " ORDER BY t.relname, i.relname")) {
            ps.setString(1, MirrorSql.SCHEMA);
            ps.setArray(2, c.createArrayOf("text",
                    NeutralSchema.entities().stream().map(EntityType::name).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Index(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static int defer(Connection c) throws SQLException {
        List<Index> indexes = secondary(c);
        if (indexes.isEmpty()) {
            // Nothing to build, so nothing would ever turn autovacuum on again.
            return 0;
        }
        pauseAutovacuum(c);
        try (PreparedStatement keep = c.prepareStatement(
                "INSERT INTO herd.deferred_index (name, table_name, definition) VALUES (?, ?, ?)");
                Statement drop = c.createStatement()) {
            for (Index i : indexes) {
                keep.setString(1, i.name());
                keep.setString(2, i.table());
                keep.setString(3, i.definition());
                keep.addBatch();
                drop.addBatch("DROP INDEX " + MirrorSql.SCHEMA + "." + MirrorSql.quote(i.name()));
            }
            keep.executeBatch();
            drop.executeBatch();
        }
        return indexes.size();
    }

    /**
     * Turns autovacuum off for the entity tables (and their TOAST tables), recording each in
     * {@code herd.paused_autovacuum}; a table whose autovacuum setting someone chose already is left
     * alone.
     */
    private static void pauseAutovacuum(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.relname FROM pg_class t"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ANY (?)"
                + " AND t.relkind = 'r' AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(t.reloptions, '{}')) o"
                + " WHERE o LIKE 'autovacuum_enabled=%') ORDER BY t.relname")) {
            ps.setString(1, MirrorSql.SCHEMA);
            ps.setArray(2, c.createArrayOf("text",
                    NeutralSchema.entities().stream().map(EntityType::name).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement keep = c.prepareStatement("INSERT INTO herd.paused_autovacuum (table_name) VALUES (?)");
                Statement alter = c.createStatement()) {
            for (String table : tables) {
                keep.setString(1, table);
                keep.addBatch();
                alter.addBatch("ALTER TABLE " + MirrorSql.SCHEMA + "." + MirrorSql.quote(table)
                        + " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
            }
            keep.executeBatch();
            alter.executeBatch();
        }
    }

    /**
     * Turns autovacuum on again for the tables the first copy paused it for, on the caller's
     * transaction, and returns them. Run by whichever replicator of the mirror finds no index left
     * to build; a second one finds no row.
     */
    private static Set<String> resumeAutovacuum(Connection c) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('" + MirrorSql.SCHEMA + ".paused_autovacuum')")) {
            rs.next();
            if (rs.getString(1) == null) {
                // Built before Flyway brings a mirror deferred by an earlier version to V20.
                return tables;
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("DELETE FROM herd.paused_autovacuum RETURNING table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + MirrorSql.SCHEMA + "." + MirrorSql.quote(table)
                        + " RESET (autovacuum_enabled, toast.autovacuum_enabled)");
            }
        }
        return tables;
    }

    /**
     * Builds the deferred indexes if the first copy is complete; called by the apply loop after
     * each poll, only while indexes are deferred. It checks at most every {@link #CHECK_INTERVAL},
     * and at once when the loop is idle and there is news: a checkpoint kept since the last check,
     * or the one closing the snapshot kept and not passed yet. The last rows of a first copy have
     * just been applied then, and waiting out the interval would leave the indexes unbuilt for up to
     * a second more. A poll finds nothing once after each batch applied at most, and otherwise once
     * per {@code herd.mirror.poll-timeout}, so there are never more such checks than that.
     *
     * @param idle whether the loop's last poll found nothing and every batch polled before is
     *             applied: the mirror holds what its topics held a moment ago
     * @return whether it built them
     */
    boolean buildIfFirstCopyComplete(CheckpointWatch checkpoints, Consumer<byte[], byte[]> consumer, boolean idle) {
        if (deferred.get() == 0) {
            return false;
        }
        Instant now = clock.instant();
        if (!checkDue(Duration.between(lastCheck, now), idle, checkpoints.kept() != keptAtLastCheck,
                closingCheckpointAhead)) {
            return false;
        }
        lastCheck = now;
        keptAtLastCheck = checkpoints.kept();
        String why = firstCopyComplete(checkpoints, consumer);
        if (why == null) {
            return false;
        }
        log.info("mirror {}: the first copy is complete ({}): building the {} deferred indexes", name, why,
                deferred.get());
        deferred.set(build(dataSource, name, builders, this::analyseInBackground));
        return true;
    }

    /**
     * Whether to check again: once {@link #CHECK_INTERVAL} has passed since the last check, or at
     * once when the loop is idle and there is news (a checkpoint kept since, or the one closing the
     * snapshot kept and not passed yet).
     */
    static boolean checkDue(Duration sinceLastCheck, boolean idle, boolean checkpointKeptSince,
            boolean closingCheckpointAhead) {
        return sinceLastCheck.compareTo(CHECK_INTERVAL) >= 0
                || idle && (checkpointKeptSince || closingCheckpointAhead);
    }

    /** Builds the deferred indexes now, if any, saying why in the log. */
    void buildNow(String why) {
        if (deferred.get() == 0) {
            return;
        }
        log.info("mirror {}: {}: building the {} deferred indexes", name, why, deferred.get());
        deferred.set(build(dataSource, name, builders, this::analyseInBackground));
    }

    /**
     * Why the first copy is complete, or null while it is not. Only the checkpoint that closes the
     * origin's snapshot says {@code snapshot_complete}; every later one of the same epoch says
     * {@code supersedes_earlier_epochs} instead, and a late mirror reading the compacted checkpoint
     * topic may only ever see those: either means every row the origin holds was published before it.
     */
    private String firstCopyComplete(CheckpointWatch checkpoints, Consumer<byte[], byte[]> consumer) {
        Checkpoint latest = null;
        try (Connection c = dataSource.getConnection()) {
            // Passed and recorded, by this process or before a restart: compared ...
            try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint_position FROM herd.checkpoint_result"
                    + " WHERE origin = ? AND snapshot_complete ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return "compared with the checkpoint at " + rs.getString(1) + ", which closed the snapshot";
                    }
                }
            }
            // ... or the rows of earlier epochs retired, once the mirror passed a superseding one.
            try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint_position FROM herd.epoch_retirement"
                    + " WHERE origin = ? AND retired_at IS NOT NULL ORDER BY epoch DESC LIMIT 1")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return "passed the checkpoint at " + rs.getString(1) + ", issued after the snapshot completed";
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint FROM herd.checkpoint WHERE origin = ?")) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        // Verified when it was kept.
                        latest = Checkpoint.decode(rs.getBytes(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot read herd.checkpoint to decide whether the first copy is complete: "
                    + SqlErrors.describe(e), e);
        }
        closingCheckpointAhead = latest != null && (latest.snapshotComplete() || latest.supersedesEarlierEpochs());
        if (closingCheckpointAhead && checkpoints.passed(consumer)) {
            closingCheckpointAhead = false;
            return "passed the checkpoint at " + CheckpointComparison.position(latest)
                    + ", issued after the snapshot completed";
        }
        return null;
    }

    /**
     * Builds every deferred index, one transaction each, {@code builders} at a time on as many
     * connections, and returns how many are left deferred (indexes another replicator of the mirror
     * is building at the same time). The builders take indexes as replicators sharing a mirror do
     * (SKIP LOCKED), GIN indexes first and largest table first, so that the longest builds do not
     * start last. The tables the first copy filled are then given to {@code analyser}.
     */
    static int build(DataSource dataSource, String name, int builders,
            java.util.function.Consumer<Set<String>> analyser) {
        long started = System.nanoTime();
        Set<String> tables = ConcurrentHashMap.newKeySet();
        int built;
        if (builders == 1) {
            built = buildAll(dataSource, name, tables);
        } else {
            AtomicInteger threads = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(builders, r -> {
                Thread t = new Thread(r, "herd-index-" + name + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Integer>> running = new ArrayList<>();
                for (int i = 0; i < builders; i++) {
                    running.add(pool.submit(() -> buildAll(dataSource, name, tables)));
                }
                built = 0;
                RuntimeException failed = null;
                // Every builder is waited for, so that none is still running when this returns or throws.
                for (Future<Integer> f : running) {
                    try {
                        built += f.get();
                    } catch (ExecutionException e) {
                        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                                : new MirrorStoreException("cannot build the deferred indexes: " + e.getCause(),
                                        e.getCause());
                        if (failed == null) {
                            failed = cause;
                        } else {
                            failed.addSuppressed(cause);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MirrorStoreException("interrupted while building the deferred indexes", e);
                    }
                }
                if (failed != null) {
                    throw failed;
                }
            } finally {
                pool.shutdown();
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int left = count(c);
            Set<String> resumed = left == 0 ? resumeAutovacuum(c) : Set.of();
            c.commit();
            if (!resumed.isEmpty()) {
                log.info("mirror {}: autovacuum on again for the {} tables of the first copy", name, resumed.size());
            }
            log.info("mirror {}: {} deferred indexes built in {} s{}", name, built,
                    seconds(System.nanoTime() - started),
                    left == 0 ? "" : "; " + left + " being built by another replicator of this mirror");
            Set<String> analysed = new TreeSet<>(tables);
            analysed.addAll(resumed);
            analyser.accept(analysed);
            return left;
        } catch (SQLException e) {
            throw new MirrorStoreException("cannot build the deferred indexes (herd.deferred_index): "
                    + SqlErrors.describe(e), e);
        }
    }

    /** One builder: takes and builds deferred indexes until none is left to take; returns how many it built. */
    private static int buildAll(DataSource dataSource, String name, Set<String> tables) {
        int built = 0;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Index index;
                try {
                    index = buildOne(c, name);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
                if (index == null) {
                    return built;
                }
                tables.add(index.table());
            } catch (SQLException e) {
                throw new MirrorStoreException("cannot build the deferred indexes (herd.deferred_index): "
                        + SqlErrors.describe(e), e);
            }
            built++;
        }
    }

    /**
     * {@link #analyse} on a thread of its own, so that the apply loop goes on meanwhile: ANALYZE
     * does not block writes, and at scale 0.1 it took 9 s, a pause in applying the stream right
     * after the first copy. Should it fail, autovacuum, on again, analyses the tables later.
     */
    private void analyseInBackground(Set<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        inBackground(() -> {
            try (Connection c = dataSource.getConnection()) {
                analyse(c, name, tables);
            } catch (SQLException | RuntimeException e) {
                log.warn("mirror {}: could not gather the statistics of the {} tables the first copy filled, left to "
                        + "autovacuum: {}", name, tables.size(), e instanceof SQLException q ? SqlErrors.describe(q) : e);
            }
        });
    }

    /** Runs {@code work} (the analysis) on the thread {@link #close} waits for. */
    void inBackground(Runnable work) {
        Thread t = new Thread(work, "herd-analyse-" + name);
        t.setDaemon(true);
        analysis = t;
        t.start();
    }

    /**
     * Waits for the statistics being gathered after the first copy, if they are, for at most
     * {@link #STATISTICS_WAIT}: a replicator stopped right after its first copy would otherwise
     * leave the tables without them until autovacuum's turn, and the mirror's searches planned
     * blind meanwhile (at scale 0.02, browse searches ran into the statement timeout for a minute).
     */
    @Override
    public void close() {
        close(STATISTICS_WAIT);
    }

    /** {@link #close()}, waiting at most {@code limit}; true when no statistics are being gathered any more. */
    boolean close(Duration limit) {
        Thread t = analysis;
        if (t == null || !t.isAlive()) {
            return true;
        }
        log.info("mirror {}: waiting for the statistics of the tables the first copy filled (at most {} s)", name,
                limit.toSeconds());
        try {
            t.join(Math.max(1, limit.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("mirror {}: stopping while the statistics of the tables the first copy filled are still being "
                    + "gathered ({} s waited); the tables analysed so far keep theirs, autovacuum analyses the others "
                    + "later", name, limit.toSeconds());
            return false;
        }
        return true;
    }

    /**
     * Gathers the planner's statistics of the tables a first copy filled, one transaction each, so
     * that a process stopped meanwhile keeps those done. Autovacuum would, some time later; until
     * then searches are planned without them (no row counts, no statistics of the indexes'
     * expressions), and one browse search on a mirror just copied at scale 0.02 ran into the
     * statement timeout.
     */
    private static void analyse(Connection c, String name, Set<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ANALYZE " + MirrorSql.SCHEMA + "." + MirrorSql.quote(table));
            }
        }
        log.info("mirror {}: statistics of the {} tables gathered in {} s", name, tables.size(),
                seconds(System.nanoTime() - started));
    }

    /** Builds the first deferred index no other transaction is building, on the caller's transaction. */
    private static Index buildOne(Connection c, String name) throws SQLException {
        Index index;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DELETE FROM herd.deferred_index"
                + " WHERE name = (SELECT name FROM herd.deferred_index"
                + " ORDER BY definition LIKE '% USING gin %' DESC,"
                + " pg_total_relation_size(to_regclass(format('%I.%I', '" + MirrorSql.SCHEMA + "', table_name)))"
                + " DESC NULLS LAST, name LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING name, table_name, definition")) {
            if (!rs.next()) {
                return null;
            }
            index = new Index(rs.getString(1), rs.getString(2), rs.getString(3));
        }
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'");
            try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, MirrorSql.SCHEMA + "." + MirrorSql.quote(index.name()));
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        // Created by hand meanwhile: the row only has to go.
                        log.info("mirror {}: deferred index {} on {} exists already", name, index.name(), index.table());
                        return index;
                    }
                }
            }
            s.execute(index.definition());
        } catch (SQLException e) {
            throw new SQLException("index " + index.name() + " on table " + index.table() + ": " + e.getMessage(),
                    e.getSQLState(), e);
        }
        log.info("mirror {}: index {} on {} built in {} s", name, index.name(), index.table(),
                seconds(System.nanoTime() - started));
        return index;
    }

    /**
     * Before Flyway migrates: builds whatever is deferred, so that a pending migration finds every
     * index it may refer to. Nothing on a database Flyway has not brought to V17 yet.
     */
    static void buildBeforeMigrating(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('" + MirrorSql.SCHEMA + ".deferred_index')")) {
            rs.next();
            if (rs.getString(1) == null || count(c) == 0) {
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read herd.deferred_index before migrating: "
                    + SqlErrors.describe(e), e);
        }
        log.info("mirror: migrations are pending while indexes are deferred; building them first");
        // Before the application's properties are bound: one at a time.
        build(dataSource, "(before migrating)", 1, tables -> {
            try (Connection c = dataSource.getConnection()) {
                analyse(c, "(before migrating)", tables);
            } catch (SQLException e) {
                throw new MirrorStoreException("cannot gather the statistics of the tables the first copy filled: "
                        + SqlErrors.describe(e), e);
            }
        });
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
