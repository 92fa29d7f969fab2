package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A request storm above the rate limit gets HTTP 429 with Gazelle's failure envelope and a
 * Retry-After, and the client is answered again once its window is over; action=index is never
 * limited, as on Gazelle.
 */
class RateLimitIT {

    private static ServeHarness serve;

    @BeforeAll
    static void start() {
        serve = ServeHarness.start("herd.serve.rate-limit.requests=5", "herd.serve.rate-limit.window=2s",
                "herd.serve.site-rate-limit.requests=3", "herd.serve.site-rate-limit.window=3s");
    }

    @AfterAll
    static void stop() {
        serve.close();
    }

    @Test
    void aStormIsRefusedAndTheClientRecovers() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = serve.get("ajax.php?action=browse&searchstr=storm" + i);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses).contains(429);
        JsonNode body = Contract.JSON.readTree(refused.body());
        assertThat(body.path("status").asString()).isEqualTo("failure");
        assertThat(body.path("error").asString()).isEqualTo("rate limit exceeded");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        // Gazelle never limits action=index.
        assertThat(serve.get("ajax.php?action=index").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> serve.get("ajax.php?action=browse").statusCode() == 200);
    }

    @Test
    void siteStormIsRefusedToo() {
        // A page that answers at once (a refused id), so that the storm fits in one window.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(serve.get("artist.php?id=x").statusCode());
        }
        assertThat(statuses.subList(0, 3)).containsOnly(400);
        assertThat(statuses).contains(429);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> serve.get("artist.php?id=x").statusCode() == 400);
    }
}
