package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.UserPolicy;
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

    /** Under both variants; the sidecar detects the variant from the few columns the user may see. */
    @ParameterizedTest
    @EnumSource(GazelleVariant.class)
    void sidecarRunsAsTheLeastPrivilegedUserWhichCannotReadPrivateColumns(GazelleVariant variant) throws Exception {
        try (ReplicatedSite site = new ReplicatedSite("grants", variant)) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            String user = "herd_" + id;
            String password = "pw-" + id;
            site.generate(5, 0.0002);
            try (Connection c = site.gazelle(); Statement s = c.createStatement()) {
                for (String statement : Grants.sql(variant, UserPolicy.PSEUDONYMOUS, false, site.gazelleDb, user, "%")
                        .replace("choose-a-password", password).split(";\n")) {
                    String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + " " + b);
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }

            String url = site.stack.mariaDb().jdbcUrl(site.gazelleDb);
            try (Connection asHerd = DriverManager.getConnection(url, user, password);
                    Statement s = asHerd.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT ID, Media, FileList FROM torrents LIMIT 1")) {
                    assertThat(rs.next()).isTrue();
                }
                assertThatThrownBy(() -> s.executeQuery("SELECT info_hash FROM torrents"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM torrents"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
                assertThatThrownBy(() -> s.executeQuery("SELECT Email FROM users_main"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
                assertThatThrownBy(() -> s.executeQuery("SELECT Body FROM pm_messages"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            }

            // As the user herd grants created: these come after the site's own properties, and win.
            ConfigurableApplicationContext sidecar = site.startSidecar("herd.sidecar.source.user=" + user,
                    "herd.sidecar.source.password=" + password);
            assertThat(sidecar.getBean(SourceInspection.class).variant()).isEqualTo(variant);
            SidecarProgress progress = site.sidecarProgress();
            await().atMost(Duration.ofMinutes(2)).until(progress::isSnapshotCompleted);
            try (Connection c = site.gazelle(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE torrents SET Description = 'streamed as herd' ORDER BY ID LIMIT 1");
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> progress.publishedByEntity().getOrDefault("release", 0L)
                    > progress.publishedByEntity().getOrDefault("release_group", 0L));
            assertThat(progress.publishedByEntity()).containsKeys("artist", "release_group", "release", "tag");
            assertThat(progress.quarantined()).isZero();
        }
    }
}
