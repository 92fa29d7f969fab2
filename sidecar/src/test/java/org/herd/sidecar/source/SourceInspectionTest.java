package org.herd.sidecar.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.source.SourceSchema;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.sidecar.config.VariantSetting;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserPolicy;
import org.junit.jupiter.api.Test;

class SourceInspectionTest {

    private static SidecarProperties properties(VariantSetting variant, SourceConnector connector,
            Map<String, String> debezium) {
        return new SidecarProperties("site", variant,
                new SidecarProperties.Source(connector, "db.example", 3306, "gazelle", "herd", "pw-12345", 7),
                new SidecarProperties.Kafka("k:9092", null, 3, (short) -1, Map.of()),
                new SidecarProperties.Privacy(UserPolicy.NONE, null, false, false), debezium, Duration.ofSeconds(1),
                java.util.List.of(), SidecarProperties.LostHistoryAction.RESNAPSHOT,
                new SidecarProperties.Trust(null, null, Duration.ofSeconds(5), 1024, true),
                SidecarProperties.InitialSnapshotReader.SIDECAR);
    }

    private static SidecarProperties properties(VariantSetting variant) {
        return properties(variant, SourceConnector.MARIADB, Map.of());
    }

    /** An OPS database as a wide user sees it: the mapped tables and two unknown. */
    private static SourceSchema opsSchema() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        GazelleVariant ops = GazelleVariant.OPS;
        new Translator(new TranslatorSettings("site", ops)).capturedColumns().forEach(tables::put);
        tables.put("xbt_files_users", List.of("uid", "fid", "announced"));
        tables.put("sphinx_delta", List.of("ID"));
        return new SourceSchema("gazelle", tables);
    }

    private static Map<String, List<String>> captured(GazelleVariant variant) {
        return new Translator(new TranslatorSettings("site", variant)).capturedColumns();
    }

    @Test
    void autoDetectsAndTheReportSaysWhyWhatIsReplicatedAndWhatIsLeftOut() {
        SourceInspection i = SourceInspection.settle(properties(VariantSetting.AUTO), opsSchema(), null);
        assertThat(i.variant()).isEqualTo(GazelleVariant.OPS);
        String report = i.report(properties(VariantSetting.AUTO), captured(GazelleVariant.OPS));
        assertThat(report)
                .contains("database 'gazelle' at db.example:3306: OPS, detected: artists_group.PrimaryAlias exists")
                .contains("replicated (22 tables): artists_alias, artists_group, collages, collages_artists, "
                        + "collages_torrents, comments, forums, forums_categories, forums_posts, forums_topics, requests")
                .doesNotContain("not mapped yet")
                .contains("left out (2, as far as user 'herd' can see): sphinx_delta, xbt_files_users")
                .doesNotContain("MISSING").doesNotContain("pw-12345");
        assertThat(i.hasWarnings(captured(GazelleVariant.OPS))).isFalse();
    }

    @Test
    void autoRefusesToStartWhenTheVariantCannotBeTold() {
        SourceSchema notGazelle = new SourceSchema("gazelle", Map.of("wp_posts", List.of("ID")));
        assertThatThrownBy(() -> SourceInspection.settle(properties(VariantSetting.AUTO), notGazelle, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("herd.sidecar.variant is AUTO")
                .hasMessageContaining("no table artists_group")
                .hasMessageContaining("Set herd.sidecar.variant to WHATCD or OPS");
        assertThatThrownBy(() -> SourceInspection.settle(properties(VariantSetting.AUTO), null,
                "reading information_schema of database 'gazelle' failed: Access denied"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void aNamedVariantWinsAndADisagreeingDetectionIsAWarning() {
        SidecarProperties whatcd = properties(VariantSetting.WHATCD);
        SourceInspection i = SourceInspection.settle(whatcd, opsSchema(), null);
        assertThat(i.variant()).isEqualTo(GazelleVariant.WHATCD);
        assertThat(i.hasWarnings(captured(GazelleVariant.WHATCD))).isTrue();
        String report = i.report(whatcd, captured(GazelleVariant.WHATCD));
        assertThat(report).contains("WHATCD, as herd.sidecar.variant says, although detection found OPS")
                .contains("MISSING replicated columns").contains("artists_group.Name");

        SourceInspection unread = SourceInspection.settle(properties(VariantSetting.OPS), null, "timeout");
        assertThat(unread.variant()).isEqualTo(GazelleVariant.OPS);
        assertThat(unread.report(properties(VariantSetting.OPS), captured(GazelleVariant.OPS)))
                .contains("detection gave no answer: timeout").contains("could not be compared");
    }

    @Test
    void theDetectionConnectionGetsDebeziumsDriverSettings() {
        SidecarProperties p = properties(VariantSetting.AUTO, SourceConnector.MYSQL, Map.of(
                "database.allowPublicKeyRetrieval", "true", "database.ssl.mode", "disabled",
                "database.hostname", "elsewhere", "snapshot.mode", "initial"));
        assertThat(SourceJdbc.url(p.source())).isEqualTo("jdbc:mysql://db.example:3306/gazelle");
        Properties driver = SourceJdbc.driverProperties(p);
        assertThat(driver).containsEntry("allowPublicKeyRetrieval", "true").containsEntry("sslMode", "DISABLED")
                .containsEntry("user", "herd").containsEntry("password", "pw-12345")
                .doesNotContainKey("hostname").doesNotContainKey("snapshot.mode").doesNotContainKey("ssl.mode");
        assertThat(SourceJdbc.sslMode(SourceConnector.MARIADB, "verify_identity")).isEqualTo("verify-full");
        assertThat(SourceJdbc.sslMode(SourceConnector.MARIADB, "disabled")).isEqualTo("disable");
        assertThat(SourceJdbc.sslMode(SourceConnector.MARIADB, "required")).isEqualTo("trust");
        assertThat(SourceJdbc.sslMode(SourceConnector.MYSQL, " verify_ca")).isEqualTo("VERIFY_CA");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceJdbc.sslMode(SourceConnector.MARIADB,
                "verify_identiy")).hasMessageContaining("herd.sidecar.debezium[database.ssl.mode] 'verify_identiy'");
        assertThat(SourceJdbc.url(properties(VariantSetting.AUTO).source()))
                .isEqualTo("jdbc:mariadb://db.example:3306/gazelle");
    }
}
