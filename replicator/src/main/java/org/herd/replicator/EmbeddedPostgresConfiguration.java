package org.herd.replicator;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code herd.mirror.embedded-postgres.enabled=true}, the mirror's DataSource is a
 * PostgreSQL server the mirror starts itself ({@link MirrorDatabaseServer}) instead of
 * {@code spring.datasource.*}; Spring Boot's own DataSource steps back because this one exists,
 * and Flyway migrates it like any other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("herd.mirror.embedded-postgres.enabled")
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    MirrorDatabaseServer mirrorDatabaseServer(MirrorProperties properties) {
        return MirrorDatabaseServer.launcher().start(properties.embeddedPostgres().directory());
    }

    /** Closed before the server it points to, as it depends on it. */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(MirrorDatabaseServer database, MirrorProperties properties) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("herd-mirror-" + properties.origin());
        ds.setJdbcUrl(database.jdbcUrl());
        ds.setUsername(database.user());
        ds.setPassword(database.password());
        ds.setMaximumPoolSize(4);
        return ds;
    }
}
