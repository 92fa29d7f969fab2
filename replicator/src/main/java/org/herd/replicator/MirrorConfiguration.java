package org.herd.replicator;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.herd.translator.schema.NeutralSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of one mirror. Everything is per application context: several mirrors can share a JVM. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MirrorProperties.class)
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

    @Bean
    MirrorProgress mirrorProgress() {
        return new MirrorProgress();
    }

    @Bean
    MirrorStore mirrorStore(DataSource dataSource, MirrorSql sql, MirrorProperties properties) {
        return new JdbcMirrorStore(dataSource, sql, properties.kafka().groupId());
    }

    /**
     * The apply loop. As a lifecycle bean it starts only once every singleton is ready, Flyway's
     * migration included, and stops before the DataSource closes.
     */
    @Bean
    MirrorApplier mirrorApplier(MirrorProperties properties, MirrorStore store, MirrorProgress progress) {
        return new MirrorApplier(properties, store, progress);
    }
}
