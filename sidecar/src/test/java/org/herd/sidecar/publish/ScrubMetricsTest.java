package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.scrub.ScrubCount;
import org.junit.jupiter.api.Test;

/**
 * What the scrub found reaches the herd.scrubbed counter and the periodic log line as counts per
 * table, column and rule; the secret itself reaches neither.
 */
class ScrubMetricsTest {

    private static final SourcePosition AT = new SourcePosition("mysql-bin.000007", 900, 3, 0, false, 1);
    private static final String EMAIL = "ripper.4471@mail.example";
    private static final String IP = "203.0.113.77";

    private final Translator translator = new Translator(new TranslatorSettings("unit", GazelleVariant.WHATCD));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener next = new RecordingListener();
    private final ScrubMetrics metrics = new ScrubMetrics(next, registry, "unit");
    private final MissingColumns missingColumns = new MissingColumns("herd.unit._quarantine");
    private final Quarantine quarantine = new Quarantine(ScriptedProducer.acknowledging(), "herd.unit",
            GazelleCatalogue.of(GazelleVariant.WHATCD), missingColumns, metrics);
    private final EnrichStage enrich = new EnrichStage(new InMemorySource(), quarantine);
    private final TranslateStage translate = new TranslateStage(translator, enrich, quarantine, missingColumns,
            metrics);
    private final List<TranslatedRecord> out = new ArrayList<>();

    private static Map<String, Object> forum(long id, String description) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", id);
        row.put("CategoryID", 1L);
        row.put("Sort", 10L);
        row.put("Name", "Music");
        row.put("Description", description);
        row.put("MinClassRead", 0L);
        row.put("NumTopics", 2L);
        return row;
    }

    @Test
    void findingsAreCountedPerTableColumnAndRuleAndTheSecretIsNowhere() {
        translate.translate(RowChange.insert("forums", forum(1, "mail " + EMAIL + " or ping " + IP + " and "
                + IP), AT), out::add);
        translate.translate(RowChange.insert("forums", forum(2, "seedbox at " + IP), AT), out::add);
        translate.translate(RowChange.insert("forums", forum(3, "nothing to see"), AT), out::add);

        assertThat(out).hasSize(3);
        assertThat(out.get(0).record().toString()).doesNotContain(EMAIL, IP);
        assertThat(next.scrubbed).containsExactly(new ScrubCount("forums", "Description", "email", 1),
                new ScrubCount("forums", "Description", "ipv4", 2), new ScrubCount("forums", "Description", "ipv4", 1));
        assertThat(registry.get(ScrubMetrics.NAME).tags("origin", "unit", "table", "forums", "column", "Description",
                "rule", "ipv4").counter().count()).isEqualTo(3.0);
        assertThat(registry.get(ScrubMetrics.NAME).tag("rule", "email").counter().count()).isEqualTo(1.0);
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().toString()).doesNotContain(EMAIL, IP, "4471", "203.0");
        }

        String line = metrics.drainLine();
        assertThat(line).isEqualTo("4 findings: forums.Description email 1, forums.Description ipv4 3");
        assertThat(metrics.drainLine()).as("nothing found since the last line").isNull();
        translate.translate(RowChange.insert("forums", forum(4, "again " + EMAIL), AT), out::add);
        assertThat(metrics.drainLine()).isEqualTo("1 findings: forums.Description email 1");
        assertThat(registry.get(ScrubMetrics.NAME).tag("rule", "email").counter().count()).isEqualTo(2.0);
    }
}
