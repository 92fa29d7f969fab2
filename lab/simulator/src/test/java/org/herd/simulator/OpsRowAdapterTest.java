package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpsRowAdapterTest {

    private static GazelleDataGenerator generator;
    private static Generated whatcd;
    private static final Map<String, List<Object[]>> ops = new LinkedHashMap<>();

    @BeforeAll
    static void generate() {
        generator = new GazelleDataGenerator(new GeneratorSettings(42, 0.001));
        whatcd = Generated.of(generator);
        OpsRowAdapter adapter = new OpsRowAdapter(
                (table, values) -> ops.computeIfAbsent(table, t -> new ArrayList<>()).add(values));
        generator.generate(adapter);
        adapter.finish();
    }

    private static Object value(String table, Object[] row, String column) {
        int i = OpsRowAdapter.columns(table).indexOf(column);
        assertThat(i).as("%s.%s", table, column).isNotNegative();
        return row[i];
    }

    private static List<Object[]> rows(String table) {
        return ops.getOrDefault(table, List.of());
    }

    @Test
    void plannedCountsMatchWhatIsHandedOnAndEveryRowFitsItsTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ops.forEach((t, r) -> counts.put(t, (long) r.size()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                OpsRowAdapter.plannedCounts(generator.plannedCounts()).rows());
        ops.forEach((table, list) -> assertThat(list).allSatisfy(row ->
                assertThat(row).as(table).hasSize(OpsRowAdapter.columns(table).size())));
        assertThat(counts.get("torrents_leech_stats")).isEqualTo(2500L);
        assertThat(counts.get("torrent_has_attr")).isEqualTo(2500L / OpsRowAdapter.FLAGGED_EVERY);
        assertThat(counts).doesNotContainKey("deleted_torrents");
    }

    @Test
    void everyArtistIsNamedByItsFirstAliasWhichCarriesWhatcdsName() {
        Map<Object, Object[]> aliases = new HashMap<>();
        rows("artists_alias").forEach(a -> aliases.put(value("artists_alias", a, "AliasID"), a));
        Map<Object, String> whatcdNames = new HashMap<>();
        whatcd.table("artists_group").forEach(a -> whatcdNames.put(whatcd.value("artists_group", a, "ArtistID"),
                whatcd.string("artists_group", a, "Name")));
        assertThat(rows("artists_group")).hasSize(whatcdNames.size()).allSatisfy(a -> {
            Object[] alias = aliases.get(value("artists_group", a, "PrimaryAlias"));
            assertThat(alias).isNotNull();
            assertThat(value("artists_alias", alias, "ArtistID")).isEqualTo(value("artists_group", a, "ArtistID"));
            assertThat(value("artists_alias", alias, "Name")).isEqualTo(whatcdNames.get(value("artists_group", a,
                    "ArtistID")));
            assertThat(value("artists_alias", alias, "Redirect")).isEqualTo(0);
        });
    }

    @Test
    void opsOnlyCodesAppearAndTheirListsAreLoaded() {
        Set<Object> types = rows("torrents_group").stream().map(g -> value("torrents_group", g, "ReleaseType"))
                .collect(Collectors.toSet());
        assertThat(types).contains(8, 17);
        Set<Object> roles = rows("torrents_artists").stream().map(c -> value("torrents_artists", c, "Importance"))
                .collect(Collectors.toSet());
        assertThat(roles).contains("8");
        assertThat(rows("torrents_artists")).allSatisfy(c -> assertThat(value("torrents_artists", c,
                "artist_role_id")).isEqualTo(Integer.parseInt((String) value("torrents_artists", c, "Importance"))));
        assertThat(rows("release_type")).extracting(r -> r[0]).contains(1, 8, 10, 12, 17, 18, 21).hasSize(17);
        assertThat(rows("artist_role")).hasSize(8);
        assertThat(rows("torrent_attr")).hasSize(8);
    }

    @Test
    void noZeroDateAndNoWhatcdOnlyColumnSurvives() {
        ops.forEach((table, list) -> assertThat(list).allSatisfy(row -> assertThat(row).as(table)
                .doesNotContain(GazelleDataGenerator.ZERO_DATE)));
        assertThat(OpsRowAdapter.columns("torrents")).doesNotContain("Seeders", "TranscodedFrom", "balance");
        assertThat(rows("torrents")).allSatisfy(t ->
                assertThat(value("torrents", t, "Time")).isNotNull());
        // The statistics moved, value for value.
        Map<Object, Object> seeders = new HashMap<>();
        whatcd.table("torrents").forEach(t -> seeders.put(whatcd.value("torrents", t, "ID"),
                whatcd.value("torrents", t, "Seeders")));
        assertThat(rows("torrents_leech_stats")).allSatisfy(s ->
                assertThat(value("torrents_leech_stats", s, "Seeders"))
                        .isEqualTo(seeders.get(value("torrents_leech_stats", s, "TorrentID"))));
    }

    @Test
    void requestVotesGetASurrogateKey() {
        List<Object> ids = rows("requests_votes").stream().map(v -> value("requests_votes", v, "requests_votes_id"))
                .toList();
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        assertThat(rows("requests_artists")).allSatisfy(r ->
                assertThat(value("requests_artists", r, "Importance")).isNotNull());
    }
}
