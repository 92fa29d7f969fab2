package org.herd.replicator;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.herd.translator.schema.NeutralSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of one mirror. Everything is per application context: several mirrors can share a JVM. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MirrorProperties.class, MirrorManagementProperties.class, MirrorBootstrapProperties.class,
    MirrorFirstCopyProperties.class})
public class MirrorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MirrorConfiguration.class);

    /** Flyway keeps the mirror's schema, history table included, in the schema {@value MirrorSql#SCHEMA}. */
    @Bean
    FlywayConfigurationCustomizer herdMirrorFlywaySchema() {
        return configuration -> configuration
                .schemas(MirrorSql.SCHEMA)
                .defaultSchema(MirrorSql.SCHEMA)
                .createSchemas(true);
    }

    /**
     * Keeps row contents out of exceptions and logs: by default the PostgreSQL driver quotes a
     * failed batch entry with its parameters and the server's DETAIL lines with row values, and the
     * connection pool logs such exceptions in full when a connection breaks.
     */
    @Bean
    static BeanPostProcessor herdMirrorQuietDriver() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource ds) {
                    ds.addDataSourceProperty("logServerErrorDetail", "false");
                }
                return bean;
            }
        };
    }

    /**
     * Flyway as Spring Boot runs it, except that indexes the first copy deferred are built before a
     * pending migration is applied: a migration may alter or drop an index by name, and would fail
     * (or, with IF EXISTS, leave the mirror without it) while that index is only a row of
     * herd.deferred_index.
     */
    @Bean
    org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy herdMirrorMigration() {
        return flyway -> {
            if (flyway.info().pending().length > 0) {
                DeferredIndexes.buildBeforeMigrating(flyway.getConfiguration().getDataSource());
            }
            flyway.migrate();
        };
    }

    /**
     * The first copy's deferred indexes (herd.mirror.first-copy.defer-indexes): dropped here, after
     * Flyway and before the archive bootstrap and the apply loop, when the mirror is empty.
     */
    @Bean
    @DependsOnDatabaseInitialization
    DeferredIndexes deferredIndexes(DataSource dataSource, MirrorProperties properties,
            MirrorFirstCopyProperties firstCopy, MirrorTrust trust) {
        return DeferredIndexes.start(dataSource, properties.origin(), MirrorApplier.name(properties),
                firstCopy.deferIndexes() && trust.verifying(), firstCopy.indexBuilders());
    }

    @Bean
    MirrorSql mirrorSql() {
        return MirrorSql.forEntities(NeutralSchema.entities());
    }

    /**
     * Progress, whose quarantined and refused records also count in the {@value QuarantineMetrics#NAME}
     * and {@value RejectMetrics#NAME} metrics.
     */
    @Bean
    MirrorProgress mirrorProgress(MirrorProperties properties,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        io.micrometer.core.instrument.MeterRegistry meters = registry.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new MirrorProgress(java.time.Clock.systemUTC(), new QuarantineMetrics(meters, properties.origin()),
                new RejectMetrics(meters, properties.origin()));
    }

    /**
     * What this mirror trusts, decided at start-up: with herd.mirror.trust.verify=false nothing (a
     * warning says so); else the newer of herd.mirror.trust.root-file and the roots in
     * herd.trust_root, after checking both. A file that cannot be read, is not a valid root, is the
     * root of another origin or contradicts the stored roots stops the mirror, naming the property.
     */
    @Bean
    @DependsOnDatabaseInitialization
    MirrorTrust mirrorTrust(MirrorProperties properties, DataSource dataSource) {
        return startTrust(properties, dataSource);
    }

    /** {@link #mirrorTrust}'s decision for one origin: the first, or one of herd.mirror.other-origins. */
    static MirrorTrust startTrust(MirrorProperties properties, DataSource dataSource) {
        TrustRootStore roots = new TrustRootStore(dataSource, properties.origin());
        MirrorProperties.Trust trust = properties.trust();
        if (!trust.verify()) {
            log.warn("mirror of {}: verification OFF (herd.mirror.trust.verify=false): records are applied without "
                    + "checking the origin's signatures, and no checkpoint is compared; herd mirror status says so",
                    properties.origin());
            roots.recordStart(properties.topicPrefix(), false);
            return MirrorTrust.off(properties.origin());
        }
        Path file = trust.rootFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("herd.mirror.trust.root-file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "): give the origin's trust root file, obtained out of band", e);
        }
        MirrorTrust.Start start = MirrorTrust.start(properties.origin(), bytes, file.toString(), roots.load(),
                Instant.now(), trust.expiryWarning());
        if (start.toStore() != null) {
            roots.insert(start.toStore());
        }
        start.info().forEach(m -> log.info("mirror of {}: {}", properties.origin(), m));
        start.warnings().forEach(m -> log.warn("mirror of {}: {}", properties.origin(), m));
        roots.recordStart(properties.topicPrefix(), true);
        return start.trust();
    }

    /** The progress as meters, which the actuator's registry binds (Prometheus: /actuator/prometheus). */
    @Bean
    MirrorMetrics mirrorMetrics(MirrorProgress progress, MirrorProperties properties, DeferredIndexes deferredIndexes) {
        return new MirrorMetrics(progress, properties.origin(), deferredIndexes);
    }

    /**
     * The consumer group this mirror uses: the configured one, or one derived from the identity
     * its database was given by the V2 migration (read after Flyway has run).
     */
    @Bean
    @DependsOnDatabaseInitialization
    MirrorGroup mirrorGroup(DataSource dataSource, MirrorProperties properties) throws SQLException {
        if (properties.kafka().groupId() != null) {
            return new MirrorGroup(properties.kafka().groupId());
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM " + MirrorSql.SCHEMA + ".mirror_identity")) {
            if (!rs.next()) {
                throw new IllegalStateException(MirrorSql.SCHEMA + ".mirror_identity is empty: set "
                        + "herd.mirror.kafka.group-id, or restore the row the V2 migration inserted");
            }
            return new MirrorGroup("herd-mirror-" + rs.getString(1).substring(0, 13));
        }
    }

    /** The resolved consumer group id. */
    public record MirrorGroup(String id) {
    }

    /**
     * {@code herd.mirror.bootstrap.archive}: the mirror loaded from an archive, after Flyway and
     * before the apply loop starts; refuses to start (naming the property) when the archive does
     * not verify or the mirror already holds rows of the origin.
     */
    @Bean
    @DependsOnDatabaseInitialization
    Bootstrapped archiveBootstrap(DataSource dataSource, MirrorSql sql, MirrorProperties properties,
            MirrorBootstrapProperties bootstrap, MirrorTrust trust, DeferredIndexes deferredIndexes)
            throws SQLException {
        // deferredIndexes first: an archive loads into the empty mirror without its secondary indexes too.
        if (bootstrap.archive() == null) {
            return new Bootstrapped(java.util.Optional.empty());
        }
        // The archive is checked against the root the mirror trusts; without verification, against
        // the archive's own first root (ArchiveBootstrap logs which).
        ArchiveBootstrap.Result loaded = ArchiveBootstrap.load(dataSource, sql, properties.origin(),
                bootstrap.archive(), trust.verifying() ? trust.state().current() : null);
        // The archive holds the origin's whole public state at its cut: the bulk of the first copy
        // is in, and the indexes are built now rather than at a checkpoint, which a mirror born from
        // the archive of an origin that is gone never receives.
        deferredIndexes.buildNow("the mirror was loaded from " + bootstrap.archive());
        return new Bootstrapped(java.util.Optional.of(loaded));
    }

    /** What {@code herd.mirror.bootstrap.archive} loaded, if set; the apply loop starts after it. */
    public record Bootstrapped(java.util.Optional<ArchiveBootstrap.Result> result) {
    }

    @Bean
    JdbcMirrorStore mirrorStore(DataSource dataSource, MirrorSql sql, MirrorGroup group, MirrorProperties properties,
            Bootstrapped bootstrapped) {
        return new JdbcMirrorStore(dataSource, sql, group.id(), properties.origin());
    }

    /**
     * The apply loop. As a lifecycle bean it starts only once every singleton is ready, Flyway's
     * migration included, and stops before the DataSource closes.
     */
    /** The loops of herd.mirror.other-origins, if any, beside the first origin's. */
    @Bean
    @DependsOnDatabaseInitialization
    OtherOrigins otherOrigins(MirrorProperties properties, MirrorGroup group, DataSource dataSource, MirrorSql sql,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        return new OtherOrigins(properties, group.id(), dataSource, sql, registry.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    MirrorApplier mirrorApplier(MirrorProperties properties, MirrorGroup group, JdbcMirrorStore store,
            MirrorProgress progress, MirrorTrust trust, DataSource dataSource, DeferredIndexes deferredIndexes) {
        MirrorProperties mirror = properties.withGroupId(group.id());
        return new MirrorApplier(mirror, store, progress,
                verification(mirror, group.id(), store, progress, trust, dataSource), deferredIndexes);
    }

    /**
     * What checks one origin's records before they are applied: nothing for a mirror that does not
     * verify; else the triage under its trust root, the roots it follows, its checkpoints and the
     * re-triage of records refused under an older root.
     */
    static MirrorVerification verification(MirrorProperties mirror, String groupId, JdbcMirrorStore store,
            MirrorProgress progress, MirrorTrust trust, DataSource dataSource) {
        MirrorVerification verification = MirrorVerification.off(mirror.origin());
        if (trust.verifying()) {
            String name = MirrorApplier.name(mirror);
            MirrorTopics topics = new MirrorTopics(mirror.topicPrefix());
            Clock clock = Clock.systemUTC();
            RejectRetriage retriage = new RejectRetriage(dataSource, mirror.origin(), trust,
                    new RecordTriage(mirror.origin(), topics, trust), store, progress, name);
            verification = new MirrorVerification(trust,
                    new TrustRootFollower(trust, new TrustRootStore(dataSource, mirror.origin()), retriage, progress,
                            clock, groupId, name),
                    new CheckpointWatch(dataSource, mirror.origin(), topics, trust, store, progress, clock,
                            mirror.trust().checkpointInterval(), groupId, name),
                    retriage);
        }
        return verification;
    }
}
