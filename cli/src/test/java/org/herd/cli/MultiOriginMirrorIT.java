package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.TestTrust;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.translator.Translator;
import org.herd.verify.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One mirror following two origins, as {@code herd mirror --serve} runs it: both sites' sidecars
 * publish, the one replicator applies both into one database, each origin equals its site, and the
 * web server searches across both with the origin as a facet, and shows both on its status page.
 */
class MultiOriginMirrorIT {

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aMirrorFollowingTwoOriginsServesBothWithTheOriginAsAFacet() throws Exception {
        String first = "first-" + id;
        String second = "second-" + id;
        startOrigin(first, 31);
        startOrigin(second, 32);
        String mirrorDb = "mirror_two_" + id;
        stack.postgres().createDatabase(mirrorDb);
        ServedMirror.Running served = ServedMirror.start(new String[] {
                "--herd.mirror.origin=" + first,
                "--herd.mirror.trust.root-file=" + TestTrust.rootFile(first, 1),
                "--herd.mirror.other-origins[0].origin=" + second,
                "--herd.mirror.other-origins[0].trust-root-file=" + TestTrust.rootFile(second, 1),
                "--herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "--spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                "--spring.datasource.username=" + stack.postgres().user(),
                "--spring.datasource.password=" + stack.postgres().password(),
                "--herd.serve.port=0",
                "--herd.serve.rate-limit.enabled=false",
                "--herd.serve.site-rate-limit.enabled=false"});
        running.add(served);

        for (String origin : List.of(first, second)) {
            awaitEqual(origin, mirrorDb);
        }
        JdbcTemplate db = new JdbcTemplate(stack.postgres().dataSource(mirrorDb));
        Map<String, Long> groups = new HashMap<>();
        for (String origin : List.of(first, second)) {
            groups.put(origin, db.queryForObject("SELECT count(*) FROM herd.release_group_live WHERE origin = ?",
                    Long.class, origin));
            assertThat(groups.get(origin)).as(origin).isPositive();
        }
        // Each origin keeps its own position, in a consumer group of its own.
        assertThat(db.queryForList("SELECT DISTINCT origin FROM herd.mirror_status ORDER BY 1", String.class))
                .containsExactly(first, second);
        assertThat(db.queryForList("SELECT DISTINCT group_id FROM herd.consumer_offset", String.class)).hasSize(2);

        String base = "http://127.0.0.1:" + served.web().getEnvironment().getProperty("local.server.port") + "/";
        JsonNode browse = new ObjectMapper().readTree(get(base + "ajax.php?action=browse&facets=1"));
        assertThat(browse.path("status").asText()).isEqualTo("success");
        Map<String, Long> facet = new HashMap<>();
        browse.path("response").path("facets").path("origin").forEach(v -> facet.put(v.path("value").asText(),
                v.path("count").asLong()));
        assertThat(facet).isEqualTo(groups);
        JsonNode onlySecond = new ObjectMapper().readTree(get(base + "ajax.php?action=browse&origin=" + second));
        onlySecond.path("response").path("results").forEach(r -> assertThat(r.path("origin").asText())
                .isEqualTo(second));
        assertThat(onlySecond.path("response").path("results").size()).isPositive();

        String site = get(base + "index.php");
        assertThat(site).contains("data-facet=\"origin\"", ">" + first + "<", ">" + second + "<");
        String status = get(base + "status.php");
        assertThat(status).contains("id=\"origin-" + first + "\"", "id=\"origin-" + second + "\"");
    }

    private void startOrigin(String origin, long seed) throws Exception {
        String gazelleDb = "gazelle_" + origin.replace('-', '_');
        stack.mariaDb().createDatabase(gazelleDb);
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, GazelleVariant.WHATCD);
            new GazelleDataGenerator(new GeneratorSettings(seed, 0.0003)).load(c, null);
        }
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), stack.kafka().bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (9000 + seed * 100 + Math.abs(id.hashCode() % 97)));
        ConfigurableApplicationContext sidecar = SidecarApplication.builder()
                .properties(properties.toArray(String[]::new)).run();
        running.add(sidecar);
    }

    private void awaitEqual(String origin, String mirrorDb) throws Exception {
        String gazelleDb = "gazelle_" + origin.replace('-', '_');
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        MirrorConvergence convergence = new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb));
        Verification.Result result = convergence.awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection,
                Duration.ofMinutes(4));
        assertThat(result.untranslatable()).isEmpty();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
