package org.herd.replicator;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.herd.translator.schema.NeutralSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of one mirror. Everything is per application context: several mirrors can share a JVM. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MirrorProperties.class, MirrorBootstrapProperties.class})
public class MirrorConfiguration {

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

    @Bean
    MirrorSql mirrorSql() {
        return MirrorSql.forEntities(NeutralSchema.entities());
    }

    /** Progress, whose quarantined records also count in the {@value QuarantineMetrics#NAME} metric. */
    @Bean
    MirrorProgress mirrorProgress(MirrorProperties properties,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        io.micrometer.core.instrument.MeterRegistry meters = registry.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new MirrorProgress(java.time.Clock.systemUTC(), new QuarantineMetrics(meters, properties.origin()));
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
            MirrorBootstrapProperties bootstrap) throws SQLException {
        if (bootstrap.archive() == null) {
            return new Bootstrapped(java.util.Optional.empty());
        }
        org.herd.trust.SignedRoot root = null;
        if (bootstrap.trustRoot() != null) {
            try {
                root = org.herd.trust.SignedRoot.parse(java.nio.file.Files.readAllBytes(bootstrap.trustRoot()));
            } catch (java.io.IOException | org.herd.trust.TrustFormatException e) {
                throw new IllegalStateException("herd.mirror.bootstrap.trust-root: " + bootstrap.trustRoot()
                        + " cannot be read as a trust root: " + e.getMessage(), e);
            }
        }
        return new Bootstrapped(java.util.Optional.of(ArchiveBootstrap.load(dataSource, sql, properties.origin(),
                bootstrap.archive(), root)));
    }

    /** What {@code herd.mirror.bootstrap.archive} loaded, if set; the apply loop starts after it. */
    public record Bootstrapped(java.util.Optional<ArchiveBootstrap.Result> result) {
    }

    @Bean
    MirrorStore mirrorStore(DataSource dataSource, MirrorSql sql, MirrorGroup group, Bootstrapped bootstrapped) {
        return new JdbcMirrorStore(dataSource, sql, group.id());
    }

    /**
     * The apply loop. As a lifecycle bean it starts only once every singleton is ready, Flyway's
     * migration included, and stops before the DataSource closes.
     */
    @Bean
    MirrorApplier mirrorApplier(MirrorProperties properties, MirrorGroup group, MirrorStore store,
            MirrorProgress progress) {
        return new MirrorApplier(properties.withGroupId(group.id()), store, progress);
    }
}
