package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.MirrorArguments;
import org.herd.testkit.SidecarArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operational endpoints of a running sidecar and mirror, scraped over HTTP as Prometheus and a
 * load balancer would: health and readiness answer UP, and the named meters move as the snapshot
 * and then live changes pass through.
 */
class OperationalEndpointsIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String gazelleDb = "gazelle_ops_" + id;
    private final String origin = "ops-" + id;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stopApps() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void healthAndMetricsOfASidecarAndAMirrorMoveWithTheStream() throws Exception {
        stack.mariaDb().createDatabase(gazelleDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(11, 0.0003)).load(c, null);
        }
        List<String> sidecarProperties = SidecarArguments.embedded(origin, stack.mariaDb().host(),
                stack.mariaDb().port(), gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(),
                stack.kafka().bootstrapServers());
        sidecarProperties.add("herd.sidecar.source.server-id=" + (8000 + Math.abs(id.hashCode() % 100000)));
        sidecarProperties.add("herd.sidecar.management.port=0");
        ConfigurableApplicationContext sidecar = SidecarApplication.builder()
                .properties(sidecarProperties.toArray(String[]::new)).run();
        apps.add(sidecar);
        String mirrorDb = "mirror_ops_" + id;
        stack.postgres().createDatabase(mirrorDb);
        List<String> mirrorProperties = MirrorArguments.embedded(origin, stack.kafka().bootstrapServers(),
                stack.postgres(), mirrorDb);
        mirrorProperties.add("herd.mirror.management.port=0");
        ConfigurableApplicationContext mirror = ReplicatorApplication.builder()
                .properties(mirrorProperties.toArray(String[]::new)).run();
        apps.add(mirror);
        String sidecarBase = base(sidecar);
        String mirrorBase = base(mirror);

        for (String base : List.of(sidecarBase, mirrorBase)) {
            assertThat(get(base + "/actuator/health")).contains("\"status\":\"UP\"");
            assertThat(get(base + "/actuator/health/readiness")).contains("\"status\":\"UP\"");
            assertThat(get(base + "/actuator/health/liveness")).contains("\"status\":\"UP\"");
        }
        // Only what the properties expose: no environment, no beans.
        assertThat(status(sidecarBase + "/actuator/env")).isEqualTo(404);
        assertThat(status(mirrorBase + "/actuator/beans")).isEqualTo(404);

        await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            String s = get(sidecarBase + "/actuator/prometheus");
            assertThat(sum(s, "herd_sidecar_snapshot_rows_total")).isPositive();
            assertThat(sum(s, "herd_sidecar_published_total")).isPositive();
            // The test kit's sidecar signs: what it published took CPU time to sign.
            assertThat(sum(s, "herd_sidecar_sign_cpu_seconds_total")).isPositive();
            assertThat(sum(s, "herd_sidecar_snapshot_completed")).isEqualTo(1);
            assertThat(sum(s, "herd_sidecar_snapshot_rows_expected")).isPositive();
            String m = get(mirrorBase + "/actuator/prometheus");
            assertThat(sum(m, "herd_mirror_applied_total")).isPositive();
            // The test kit's mirror verifies: what it applied took CPU time to verify.
            assertThat(sum(m, "herd_mirror_verify_cpu_seconds_total")).isPositive();
        });
        String sidecarBefore = get(sidecarBase + "/actuator/prometheus");
        String mirrorBefore = get(mirrorBase + "/actuator/prometheus");
        assertThat(mirrorBefore).contains("herd_mirror_lag_seconds{origin=\"" + origin + "\"} NaN");

        // Live changes: published and applied move, and the lag is measured.
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleWorkload workload = new GazelleWorkload(c, 5);
            for (int i = 0; i < 20; i++) {
                workload.editRelease();
            }
        }
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            String s = get(sidecarBase + "/actuator/prometheus");
            String m = get(mirrorBase + "/actuator/prometheus");
            assertThat(sum(s, "herd_sidecar_published_total")).isGreaterThan(sum(sidecarBefore,
                    "herd_sidecar_published_total"));
            assertThat(sum(s, "herd_sidecar_row_changes_total")).isGreaterThan(sum(sidecarBefore,
                    "herd_sidecar_row_changes_total"));
            assertThat(sum(m, "herd_mirror_applied_total")).isGreaterThan(sum(mirrorBefore,
                    "herd_mirror_applied_total"));
            assertThat(sum(m, "herd_mirror_lag_seconds")).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(sum(m, "herd_mirror_position_time_seconds")).isGreaterThan(0);
        });
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The sum of every series of a metric in a Prometheus text exposition; NaN when one is NaN. */
    static double sum(String exposition, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{[^}]*})? (\\S+)$").matcher(exposition);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        assertThat(found).as(metric + " in the scrape").isTrue();
        return sum;
    }
}
