package org.herd.sidecar.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.translator.Translator;
import org.herd.translator.UserPolicy;
import org.herd.translator.UserReferences;
import org.herd.translator.scrub.ColumnTreatment;
import org.junit.jupiter.api.Test;

/** The translator the sidecar and verify share carries the operator's text-scrub policy. */
class SidecarTranslatorTest {

    private static SidecarProperties properties(Map<String, String> columns) {
        return new SidecarProperties("site", VariantSetting.AUTO,
                new SidecarProperties.Source(SourceConnector.MARIADB, "db", 3306, "gazelle", "herd", "", 1),
                new SidecarProperties.Kafka("kafka:9092", null, 3, (short) -1, Map.of()),
                new SidecarProperties.Privacy(UserPolicy.NONE, null, false, false,
                        new SidecarProperties.Text(columns, List.of("ipv6"), Map.of(), List.of(), Duration.ofMinutes(1))),
                Map.of(), Duration.ofSeconds(1), List.of(), SidecarProperties.LostHistoryAction.RESNAPSHOT,
                new SidecarProperties.Trust(null, null, Duration.ofSeconds(5), 1024, true),
                SidecarProperties.InitialSnapshotReader.SIDECAR);
    }

    @Test
    void theTranslatorScrubsAsTheOperatorSaid() {
        Translator t = SidecarTranslator.create(properties(Map.of("comments.Body", "drop")), GazelleVariant.WHATCD,
                UserReferences.none());
        assertThat(t.settings().scrub().treatment("comments", "Body")).isEqualTo(ColumnTreatment.DROP);
        assertThat(t.settings().scrub().describe()).contains("off: ipv6");
    }

    @Test
    void aColumnThatIsNotFreeTextInTheVariantIsNamedWithItsProperty() {
        assertThatThrownBy(() -> SidecarTranslator.create(properties(Map.of("torrents.Media", "keep")),
                GazelleVariant.WHATCD, UserReferences.none()))
                .hasMessageStartingWith("herd.sidecar.privacy.text.columns[torrents.Media]: not a free-text column "
                        + "of the WHATCD catalogue")
                .hasMessageContaining("torrents.Description");
        // OPS spells the artist summary in lower case.
        assertThatThrownBy(() -> SidecarTranslator.create(properties(Map.of("wiki_artists.Summary", "keep")),
                GazelleVariant.OPS, UserReferences.none()))
                .hasMessageContaining("herd.sidecar.privacy.text.columns[wiki_artists.Summary]");
        assertThat(SidecarTranslator.create(properties(Map.of("wiki_artists.summary", "keep")), GazelleVariant.OPS,
                UserReferences.none()).settings().scrub().treatment("wiki_artists", "summary"))
                .isEqualTo(ColumnTreatment.KEEP);
    }
}
