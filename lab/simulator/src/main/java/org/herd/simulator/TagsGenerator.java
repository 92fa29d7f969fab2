package org.herd.simulator;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** tags: the genres first, then qualifiers and genre blends, each with the uses the groups gave it. */
final class TagsGenerator {

    private final SitePlan plan;

    TagsGenerator(SitePlan plan) {
        this.plan = plan;
    }

    /** Tag names by TagID - 1: the genres first, then qualifiers and genre blends. */
    String[] names() {
        String[] names = new String[plan.tags];
        Set<String> taken = new HashSet<>();
        SplittableRandom r = plan.rng(SitePlan.S_TAG, 0);
        int i = 0;
        for (String genre : Words.GENRE_TAGS) {
            if (i == plan.tags) {
                break;
            }
            names[i++] = genre;
            taken.add(genre);
        }
        int misses = 0;
        while (i < plan.tags) {
            String candidate = switch (r.nextInt(6)) {
                case 0 -> Words.pick(r, Words.TAG_QUALIFIERS);
                case 1 -> Words.pick(r, Words.TAG_PREFIXES) + "." + Words.pick(r, Words.GENRE_TAGS);
                case 2 -> Words.pick(r, Words.GENRE_TAGS) + "." + Words.pick(r, Words.TAG_QUALIFIERS);
                case 3 -> (1950 + 10 * r.nextInt(7)) + "s";
                case 4 -> Words.pick(r, Words.TAG_PREFIXES) + "." + Words.pick(r, Words.TAG_PREFIXES) + "."
                        + Words.pick(r, Words.GENRE_TAGS);
                default -> Words.pick(r, Words.NOUNS).toLowerCase(Locale.ROOT) + "." + Words.pick(r, Words.GENRE_TAGS);
            };
            if (misses > 50) {
                candidate = Words.pick(r, Words.TAG_QUALIFIERS) + "." + i;
            }
            if (candidate.length() <= 30 && taken.add(candidate)) {
                names[i++] = candidate;
                misses = 0;
            } else {
                misses++;
            }
        }
        return names;
    }

    /** The tags table, after the groups have counted each tag's uses (by TagID - 1). */
    void emit(RowSink sink, String[] names, int[] uses) {
        int genres = Words.GENRE_TAGS.size();
        for (int i = 0; i < plan.tags; i++) {
            SplittableRandom r = plan.rng(SitePlan.S_TAG, i + 1);
            sink.row("tags", new Object[] {i + 1, names[i], i < genres ? "genre" : "other", uses[i], plan.userId(r)});
        }
    }
}
