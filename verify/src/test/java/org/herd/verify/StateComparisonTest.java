package org.herd.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.Test;

class StateComparisonTest {

    private static Map<String, Object> tag(String name, long uses) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("tag_type", "genre");
        payload.put("uses", uses);
        return payload;
    }

    private static EntityRows tags(Map<Map<String, Object>, Map<String, Object>> rows) {
        return new EntityRows(Map.of("tag", rows));
    }

    @Test
    void equalStatesCompareEqual() {
        Map<Map<String, Object>, Map<String, Object>> rows = Map.of(Map.of("tag_id", 1L), tag("idm", 3));
        StateComparison result = StateComparison.compare(tags(rows), tags(new HashMap<>(rows)));
        assertThat(result.equal()).isTrue();
        assertThat(result.entities().get("tag").origin()).isEqualTo(1);
        assertThat(result.describe("mirror")).contains("tag", "equal").doesNotContain("DIFFERENT");
    }

    @Test
    void reportsMissingExtraAndDifferingRowsWithTheFieldsThatDiffer() {
        EntityRows origin = tags(Map.of(
                Map.of("tag_id", 1L), tag("idm", 3),
                Map.of("tag_id", 2L), tag("ambient", 5)));
        EntityRows mirror = tags(Map.of(
                Map.of("tag_id", 1L), tag("idm", 4),
                Map.of("tag_id", 9L), tag("stale", 1)));

        StateComparison result = StateComparison.compare(origin, mirror);
        StateComparison.EntityDiff tag = result.entities().get("tag");

        assertThat(result.equal()).isFalse();
        assertThat(tag.missingCount()).isEqualTo(1);
        assertThat(tag.missing()).containsExactly(Map.of("tag_id", 2L));
        assertThat(tag.extraCount()).isEqualTo(1);
        assertThat(tag.extra()).containsExactly(Map.of("tag_id", 9L));
        assertThat(tag.differingCount()).isEqualTo(1);
        assertThat(tag.differing()).singleElement().asString().contains("{tag_id=1}", "uses: origin '3', mirror '4'")
                .doesNotContain("name");
        assertThat(result.describe("mirror-a")).contains("DIFFERENT", "missing {tag_id=2}", "extra {tag_id=9}");
        // Entities present on neither side compare equal and empty.
        assertThat(result.entities().get("release").equal()).isTrue();
    }

    @Test
    void fileListsCompareByTheirFilesInOrder() {
        List<FileEntry> files = List.of(
                new FileEntry("01 - Intro.flac", 31_457_280L),
                new FileEntry("rip.log", 4096L));
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("files", files);
        Map<String, Object> sameFiles = new LinkedHashMap<>();
        // As the mirror reader decodes the jsonb PostgreSQL returns.
        sameFiles.put("files", WireFormat.decodeFileList(
                "[{\"path\": \"01 - Intro.flac\", \"size_bytes\": 31457280}, {\"path\": \"rip.log\", \"size_bytes\": 4096}]"));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("files", List.of(files.get(1), files.get(0)));
        Map<String, Object> key = Map.of("release_id", 1L);

        assertThat(StateComparison.compare(new EntityRows(Map.of("release", Map.of(key, origin))),
                new EntityRows(Map.of("release", Map.of(key, sameFiles)))).equal()).isTrue();
        StateComparison differs = StateComparison.compare(new EntityRows(Map.of("release", Map.of(key, origin))),
                new EntityRows(Map.of("release", Map.of(key, reordered))));
        assertThat(differs.equal()).isFalse();
        assertThat(differs.entities().get("release").differing()).singleElement().asString().contains("files: origin");
    }
}
