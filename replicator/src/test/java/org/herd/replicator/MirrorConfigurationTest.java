package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

class MirrorConfigurationTest {

    @Test
    void driverKeepsRowContentsOutOfErrors() {
        try (HikariDataSource ds = new HikariDataSource()) {
            MirrorConfiguration.herdMirrorQuietDriver().postProcessBeforeInitialization(ds, "dataSource");
            assertThat(ds.getDataSourceProperties()).containsEntry("logServerErrorDetail", "false");
        }
    }

    @Test
    void flywayKeepsEverythingInTheHerdSchema() {
        FluentConfiguration flyway = Flyway.configure();
        new MirrorConfiguration().herdMirrorFlywaySchema().customize(flyway);
        assertThat(flyway.getSchemas()).containsExactly("herd");
        assertThat(flyway.getDefaultSchema()).isEqualTo("herd");
        assertThat(flyway.isCreateSchemas()).isTrue();
    }
}
