package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.testkit.SidecarArguments;
import org.herd.translator.Translator;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.testkit.MirrorConvergence;
import org.herd.verify.OriginSource;
import org.herd.verify.Verification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replication of a generated site of each variant at a larger scale than the other tests use
 * (0.005 of what.cd by default, {@code -Dherd.it.scale} to change it): every entity the variant
 * publishes arrives, and the mirror equals the origin's public state entity by entity.
 */
class ScaleReplicationIT {

    private static final double SCALE = Double.parseDouble(System.getProperty("herd.it.scale", "0.005"));

    private final EmbeddedStack stack = EmbeddedStack.shared();

    @ParameterizedTest
    @EnumSource(GazelleVariant.class)
    void everyEntityArrivesAndTheMirrorEqualsTheOrigin(GazelleVariant variant) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String gazelleDb = "scale_" + id;
        String mirrorDb = "mirror_scale_" + id;
        String origin = "scale-" + id;
        stack.mariaDb().createDatabase(gazelleDb);
        stack.postgres().createDatabase(mirrorDb);
        GeneratedCounts counts;
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleSchema.load(c, variant);
            counts = new GazelleDataGenerator(new GeneratorSettings(11, SCALE)).load(c, variant, null);
        }
        List<String> sidecarProperties = SidecarArguments.embedded(origin, stack.mariaDb().host(),
                stack.mariaDb().port(), gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(),
                stack.kafka().bootstrapServers());
        sidecarProperties.add("herd.sidecar.source.server-id=" + (8000 + Math.abs(id.hashCode() % 100000)));
        long started = System.nanoTime();
        try (ConfigurableApplicationContext sidecar = SidecarApplication.builder()
                .properties(sidecarProperties.toArray(String[]::new)).run();
                ConfigurableApplicationContext mirror = ReplicatorApplication.builder().properties(
                        "herd.mirror.origin=" + origin,
                        "herd.mirror.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                        "herd.mirror.kafka.group-id=scale-" + id,
                        // The sidecar publishes unsigned records: the mirror must be told not to verify.
                        "herd.mirror.trust.verify=false",
                        "spring.datasource.url=" + stack.postgres().jdbcUrl(mirrorDb),
                        "spring.datasource.username=" + stack.postgres().user(),
                        "spring.datasource.password=" + stack.postgres().password()).run()) {
            Translator translator = new Translator(SidecarArguments.embeddedSettings(origin, variant));
            Verification.Result equal = new MirrorConvergence(Verification.Origin.of(translator,
                    () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                    () -> stack.mariaDb().connect(gazelleDb))
                    .awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection, Duration.ofMinutes(10));
            long rows = equal.entities().values().stream().mapToLong(Verification.EntityResult::originRows).sum();
            System.out.printf("%s at scale %s: %,d Gazelle rows generated, %,d neutral rows equal in the mirror "
                    + "%.1f s after the sidecar started%n", variant, SCALE, counts.total(), rows,
                    (System.nanoTime() - started) / 1e9);
            // Every entity the variant's translator can publish holds rows; user holds none under
            // the pseudonymous policy, by design.
            OriginSource.mappings(translator, translator.capturedColumns().keySet()).keySet()
                    .forEach(entity -> assertThat(equal.entities().get(entity).originRows())
                            .as("%s rows of %s", entity, variant).isPositive());
        }
    }
}
