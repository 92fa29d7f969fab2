package org.herd.testkit.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.embedded.EmbeddedPostgres;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.IncomingRecord;
import org.herd.replicator.JdbcMirrorStore;
import org.herd.replicator.MirrorBatch;
import org.herd.replicator.MirrorSql;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.verify.OriginSource;

/**
 * A generated Gazelle site copied into a mirror: each origin's site is generated into an embedded
 * MariaDB, read back through the translator exactly as {@code herd verify} reads an origin (the
 * sidecar's translator and origin lookup), and applied to an embedded PostgreSQL migrated by the
 * replicator's Flyway migrations with the replicator's own {@link JdbcMirrorStore}. No Kafka: the
 * records a snapshot would publish go straight to the store, at one snapshot position.
 *
 * <p>This is the read side's fixture. The full path (sidecar, Kafka, replicator) is exercised by
 * the cli's end-to-end tests, which check that it yields exactly what this fixture writes: the
 * origin's state as {@link OriginReader} translates it.
 *
 * <p>The mirror also gets a role {@value #READER} that may only read schema {@code herd}, as a
 * read-only application on a mirror host would use.
 */
public final class GeneratedMirror implements AutoCloseable {

    /** A role that may read the mirror and nothing else. */
    public static final String READER = "herd_reader";
    private static final String READER_PASSWORD = "reader";
    private static final String DATABASE = "mirror";
    private static final int BATCH = 5_000;
    /** The snapshot position every copied record carries, as a snapshot's records do. */
    private static final SourcePosition SNAPSHOT = new SourcePosition("mysql-bin.000001", 4, 0, 0, true, 0);

    /**
     * One origin to generate and copy.
     *
     * @param name     the origin's name in the mirror
     * @param variant  the Gazelle variant generated
     * @param seed     the generator's seed
     * @param scale    the generator's scale (1 is what.cd; 0.0005 to 0.001 suits tests)
     * @param users    the user policy the origin publishes under
     * @param infoHash whether the origin publishes info hashes
     */
    public record Origin(String name, GazelleVariant variant, long seed, double scale, UserReferences users,
            boolean infoHash) {

        public Origin {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(users, "users");
        }

        TranslatorSettings settings() {
            return new TranslatorSettings(name, variant, users, infoHash);
        }
    }

    /** What was copied from one origin: the number of neutral rows per entity. */
    public record Copied(Origin origin, Map<String, Long> rows) {
        public Copied {
            rows = Map.copyOf(rows);
        }
    }

    /** The file in a kept mirror's directory that names the origins it holds. */
    public static final String KEPT_MARKER = "generated-mirror-origins.txt";

    private static GeneratedMirror shared;

    /** Where sites are generated; none for a kept mirror reused as it is. */
    private EmbeddedMariaDb mariaDb;
    private final EmbeddedPostgres postgres;
    private final Map<String, Copied> copied = new LinkedHashMap<>();

    private GeneratedMirror(EmbeddedMariaDb mariaDb, EmbeddedPostgres postgres) {
        this.mariaDb = mariaDb;
        this.postgres = postgres;
    }

    /**
     * The two-origin mirror most read-side tests share, made once per JVM: {@code whatcd} (a WhatCD
     * site with public user names and info hashes) and {@code ops} (an OPS site with pseudonymous
     * users), both at scale 0.0005. The embedded servers stop when the JVM exits.
     */
    public static synchronized GeneratedMirror shared() {
        if (shared == null) {
            byte[] key = "generated-mirror-only:this-key-is-public-and-protects-nothing".getBytes(StandardCharsets.UTF_8);
            shared = start(List.of(
                    new Origin("whatcd", GazelleVariant.WHATCD, 11, 0.0005, UserReferences.publicIds(), true),
                    new Origin("ops", GazelleVariant.OPS, 12, 0.0005, UserReferences.pseudonymous(key), false)));
        }
        return shared;
    }

    /** Generates each origin's site and copies it into a new mirror. */
    public static GeneratedMirror start(List<Origin> origins) {
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(null);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.start(null);
        } catch (RuntimeException e) {
            mariaDb.close();
            throw e;
        }
        GeneratedMirror mirror = new GeneratedMirror(mariaDb, postgres);
        try {
            mirror.migrate();
            for (Origin origin : origins) {
                mirror.copy(origin);
            }
            mirror.grantReader();
        } catch (SQLException | RuntimeException e) {
            mirror.close();
            throw new IllegalStateException("could not make the generated mirror: " + e.getMessage(), e);
        }
        return mirror;
    }

    /**
     * A mirror kept in {@code dir} between runs, for measurements on sites too large to generate
     * each time (scale 0.1 takes many minutes): generated, copied, vacuumed and analysed on the first
     * run, as {@link #start}; on later runs with the same origins only PostgreSQL starts, on the kept
     * data, and the replicator's migrations added since are applied. The origins are written to
     * {@value #KEPT_MARKER} once the copy is complete, so a copy cut short is made again from the
     * start. {@link #copied()} is empty for a reused mirror.
     */
    public static GeneratedMirror kept(Path dir, List<Origin> origins) {
        String wanted = origins.toString();
        Path marker = dir.resolve(KEPT_MARKER);
        boolean reuse;
        try {
            reuse = Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + marker, e);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"));
        GeneratedMirror mirror = new GeneratedMirror(null, postgres);
        try {
            if (reuse) {
                mirror.migrate();
                mirror.grantReader();
                return mirror;
            }
            Files.deleteIfExists(marker);
            mirror.dropDatabase();
            mirror.migrate();
            mirror.mariaDb = EmbeddedMariaDb.start(null);
            for (Origin origin : origins) {
                mirror.copy(origin);
            }
            mirror.mariaDb.close();
            mirror.mariaDb = null;
            try (Connection c = mirror.admin().getConnection(); Statement st = c.createStatement()) {
                st.execute("VACUUM (ANALYZE)");
            }
            mirror.grantReader();
            Files.writeString(marker, wanted, StandardCharsets.UTF_8);
        } catch (SQLException | IOException | RuntimeException e) {
            mirror.close();
            throw new IllegalStateException("could not make the generated mirror in " + dir + ": " + e.getMessage(), e);
        }
        return mirror;
    }

    private void dropDatabase() throws SQLException {
        try (Connection c = postgres.dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private void migrate() {
        postgres.createDatabase(DATABASE);
        // The replicator's own Flyway settings (MirrorConfiguration): schema herd, history in it.
        Flyway.configure().dataSource(admin()).schemas(MirrorSql.SCHEMA).defaultSchema(MirrorSql.SCHEMA)
                .createSchemas(true).load().migrate();
    }

    private void copy(Origin origin) throws SQLException {
        String database = "gazelle_" + origin.name().replace('-', '_');
        mariaDb.createDatabase(database);
        Translator translator = new Translator(origin.settings());
        JdbcMirrorStore store = new JdbcMirrorStore(admin(), MirrorSql.forEntities(NeutralSchema.entities()),
                "generated-mirror", origin.name());
        List<IncomingRecord> batch = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long[] offset = {0};
        try (Connection c = mariaDb.connect(database); Connection lookups = mariaDb.connect(database)) {
            GazelleSchema.load(c, origin.variant());
            new GazelleDataGenerator(new GeneratorSettings(origin.seed(), origin.scale())).load(c, origin.variant(), null);
            // Read back as herd verify reads an origin: every replicated table through the translator.
            try (OriginSource source = new OriginSource(translator, translator.capturedColumns().keySet(), c,
                    () -> SourceLookups.over(translator, lookups))) {
                for (var entity : NeutralSchema.entities()) {
                    source.rows(entity, null, (key, payload) -> {
                        NeutralRecord r = NeutralRecord.upsert(entity.name(), origin.name(), key, SNAPSHOT, payload);
                        // Copied, not received: there is no signature to keep.
                        batch.add(IncomingRecord.unverified("herd." + origin.name() + "." + entity.name(), 0,
                                offset[0]++, WireFormat.encodeKey(r), WireFormat.encode(r), r));
                        counts.merge(entity.name(), 1L, Long::sum);
                        if (batch.size() == BATCH) {
                            apply(store, batch);
                        }
                    });
                }
            }
        }
        apply(store, batch);
        copied.put(origin.name(), new Copied(origin, counts));
    }

    private static void apply(JdbcMirrorStore store, List<IncomingRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var result = store.apply(new MirrorBatch(batch, List.of(), List.of(), Map.of()));
        if (!result.quarantined().isEmpty()) {
            throw new IllegalStateException("the mirror refused " + result.quarantined().size()
                    + " generated records, the first: " + result.quarantined().get(0).reason());
        }
        batch.clear();
    }

    private void grantReader() throws SQLException {
        try (Connection c = admin().getConnection(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + READER + "') THEN "
                    + "CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER_PASSWORD + "'; END IF; END $$");
            st.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + READER);
            st.execute("GRANT USAGE ON SCHEMA herd TO " + READER);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA herd TO " + READER);
        }
    }

    /** The origins copied, by name, with the rows each holds. */
    public Map<String, Copied> copied() {
        return Map.copyOf(copied);
    }

    /** JDBC URL of the mirror database. */
    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** The read-only role's user name. */
    public String readerUser() {
        return READER;
    }

    /** The read-only role's password (a test secret). */
    public String readerPassword() {
        return READER_PASSWORD;
    }

    /** A data source with the server's superuser, for a test's own checks. */
    public DataSource admin() {
        return postgres.dataSource(DATABASE);
    }

    /** The PostgreSQL server holding the mirror. */
    public EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            if (mariaDb != null) {
                mariaDb.close();
            }
        }
    }
}
