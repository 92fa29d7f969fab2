package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract files are consistent: every member this server gives has WhatCD's or OPS's type, or
 * says why not; every member it leaves out says why; every file names the PHP it was read from.
 */
class ContractFilesTest {

    private static List<String> actions() throws IOException, URISyntaxException {
        Path dir = Path.of(ContractFilesTest.class.getResource("/contract").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }

    private static Set<String> types(String union) {
        return union == null ? Set.of() : new HashSet<>(Arrays.asList(union.split("\\|")));
    }

    @Test
    void everyMemberIsGazellesOrExplained() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String action : actions()) {
            Contract c = Contract.load(action);
            assertThat(c.source.path("whatcd").asString()).as(action).startsWith("WhatCD/Gazelle sections/ajax/");
            assertThat(c.source.path("ops").asString()).as(action).startsWith("OPSnet/Gazelle sections/ajax/");
            for (Contract.Field f : c.fields.values()) {
                String where = action + " " + f.path();
                if (f.herd() == null) {
                    if (f.note() == null || (f.whatcd() == null && f.ops() == null)) {
                        problems.add(where + ": left out without a reason, or names nothing of Gazelle's");
                    }
                    continue;
                }
                if (f.whatcd() == null && f.ops() == null) {
                    if (f.note() == null || !f.note().startsWith("Herd")) {
                        problems.add(where + ": neither WhatCD nor OPS has it, and no note says it is Herd's");
                    }
                    continue;
                }
                Set<String> gazelle = new HashSet<>(types(f.whatcd()));
                gazelle.addAll(types(f.ops()));
                for (String t : types(f.herd())) {
                    if (!gazelle.contains(t) && !(t.equals("integer") && gazelle.contains("number"))) {
                        problems.add(where + ": type " + t + " is neither WhatCD's (" + f.whatcd() + ") nor OPS's ("
                                + f.ops() + ")");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** docs/api.md lists every member of every contract, under the contract's own marker. */
    @Test
    void apiDocListsEveryMember() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "api.md"));
        List<String> missing = new ArrayList<>();
        for (String action : actions()) {
            String marker = "<!-- members of contract/" + action + ".json -->";
            int at = doc.indexOf(marker);
            if (at < 0) {
                missing.add(action + ": no member table in docs/api.md");
                continue;
            }
            int end = doc.indexOf("<!-- members of", at + marker.length());
            String section = doc.substring(at, end < 0 ? doc.length() : end);
            for (Contract.Field f : Contract.load(action).fields.values()) {
                String type = f.herd() == null ? "(absent)" : f.herd().replace("|", "\\|");
                if (!section.contains("| `" + f.path() + "` | " + type + " |")) {
                    missing.add(action + " " + f.path() + " (" + type + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyActionHasAContract() throws Exception {
        assertThat(actions()).contains("index", "artist", "torrentgroup", "torrent", "browse", "top10", "request",
                "requests", "collage", "similar_artists", "tcomments", "wiki", "forum-main", "forum-viewforum",
                "forum-viewthread");
    }
}
