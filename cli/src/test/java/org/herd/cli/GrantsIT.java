package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.herd.testkit.SidecarArguments;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.UserPolicy;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.source.SourceInspection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The replication user that {@code herd grants} creates is enough for the sidecar, and the
 * database itself refuses it every private column and table.
 */
class GrantsIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();

    /** Under both variants; the sidecar detects the variant from the few columns the user may see. */
    @ParameterizedTest
    @EnumSource(GazelleVariant.class)
    void sidecarRunsAsTheLeastPrivilegedUserWhichCannotReadPrivateColumns(GazelleVariant variant) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String db = "gazelle_grants_" + id;
        String user = "herd_" + id;
        String password = "pw-" + id;
        stack.mariaDb().createDatabase(db);
        try (Connection c = stack.mariaDb().connect(db); Statement s = c.createStatement()) {
            GazelleSchema.load(c, variant);
            new GazelleDataGenerator(new GeneratorSettings(5, 0.0002)).load(c, variant, null);
            for (String statement : Grants.sql(variant, UserPolicy.PSEUDONYMOUS, false, db, user, "%")
                    .replace("choose-a-password", password).split(";\n")) {
                String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + " " + b);
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }

        String url = stack.mariaDb().jdbcUrl(db);
        try (Connection asHerd = DriverManager.getConnection(url, user, password); Statement s = asHerd.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT ID, Media, FileList FROM torrents LIMIT 1")) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT info_hash FROM torrents")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM torrents")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT Email FROM users_main")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT Body FROM pm_messages")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }

        List<String> properties = SidecarArguments.embedded("grants-" + id, stack.mariaDb().host(),
                stack.mariaDb().port(), db, user, password, stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (7000 + Math.abs(id.hashCode() % 100000)));
        try (ConfigurableApplicationContext sidecar = SidecarApplication.builder()
                .properties(properties.toArray(String[]::new)).run()) {
            assertThat(sidecar.getBean(SourceInspection.class).variant()).isEqualTo(variant);
            SidecarProgress progress = sidecar.getBean(SidecarProgress.class);
            await().atMost(Duration.ofMinutes(2)).until(progress::isSnapshotCompleted);
            try (Connection c = stack.mariaDb().connect(db); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE torrents SET Description = 'streamed as herd' ORDER BY ID LIMIT 1");
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> progress.publishedByEntity().getOrDefault("release", 0L)
                    > progress.publishedByEntity().getOrDefault("release_group", 0L));
            assertThat(progress.publishedByEntity()).containsKeys("artist", "release_group", "release", "tag");
            assertThat(progress.quarantined()).isZero();
        }
    }
}
