package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.simulator.GeneratedCounts;
import org.herd.translator.Translator;
import org.herd.verify.OriginSource;
import org.herd.verify.Verification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replication of a generated site of each variant at a larger scale than the other tests use
 * (0.005 of what.cd by default, {@code -Dherd.it.scale} to change it): every entity the variant
 * publishes arrives, and the mirror equals the origin's public state entity by entity.
 */
class ScaleReplicationIT {

    private static final double SCALE = Double.parseDouble(System.getProperty("herd.it.scale", "0.005"));

    @ParameterizedTest
    @EnumSource(GazelleVariant.class)
    void everyEntityArrivesAndTheMirrorEqualsTheOrigin(GazelleVariant variant) throws Exception {
        try (ReplicatedSite site = new ReplicatedSite("scale", variant)) {
            GeneratedCounts counts = site.generate(11, SCALE);
            long started = System.nanoTime();
            site.startSidecar();
            site.startMirror("mirror");
            Verification.Result equal = site.awaitMirrorEqualsOrigin("mirror", Duration.ofMinutes(10));
            long rows = equal.entities().values().stream().mapToLong(Verification.EntityResult::originRows).sum();
            System.out.printf("%s at scale %s: %,d Gazelle rows generated, %,d neutral rows equal in the mirror "
                    + "%.1f s after the sidecar started%n", variant, SCALE, counts.total(), rows,
                    (System.nanoTime() - started) / 1e9);
            // Every entity the variant's translator can publish holds rows; user holds none under
            // the pseudonymous policy, by design.
            Translator translator = site.convergence().origin().translator();
            OriginSource.mappings(translator, translator.capturedColumns().keySet()).keySet()
                    .forEach(entity -> assertThat(equal.entities().get(entity).originRows())
                            .as("%s rows of %s", entity, variant).isPositive());
        }
    }
}
