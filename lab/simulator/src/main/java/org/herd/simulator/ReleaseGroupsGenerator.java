package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * torrents_group, wiki_torrents, torrents_artists, torrents_tags: release groups with their wiki
 * revisions, artist credits and tags, and the denormalised copies Gazelle keeps on the group
 * (TagList, WikiBody, WikiImage, RevisionID, Time of the latest upload) consistent with the rows
 * they copy. A group's kind, core and tracks are drawn from its own streams, so that its torrents
 * and the search queue can recompute them.
 */
final class ReleaseGroupsGenerator {

    private final SitePlan plan;

    ReleaseGroupsGenerator(SitePlan plan) {
        this.plan = plan;
    }

    /**
     * What kind of release a group is: the first draws of the group's stream, cheap enough to plan
     * the torrents by before any row is made.
     *
     * @param mainArtist the ArtistID credited first, 0 for a group outside music
     * @param year       the release year, 0 where the category has none
     */
    record GroupKind(int id, int category, int releaseType, int mainArtist, int year) {
        boolean music() {
            return category == 1;
        }
    }

    /** What a release group is, drawn from the group's own stream so that its torrents can recompute it. */
    record GroupCore(GroupKind kind, String name, String recordLabel, String catalogueNumber, int uploader,
                     int vanityHouse, long firstUpload) {
        int id() {
            return kind.id();
        }

        int category() {
            return kind.category();
        }

        int releaseType() {
            return kind.releaseType();
        }

        int mainArtist() {
            return kind.mainArtist();
        }

        int year() {
            return kind.year();
        }

        boolean music() {
            return kind.music();
        }
    }

    GroupKind kind(int g) {
        return kind(g, plan.rng(SitePlan.S_GROUP, g + 1));
    }

    /** The kind from the first draws of {@code r}, the group's stream; {@link #core} draws on from there. */
    private GroupKind kind(int g, SplittableRandom r) {
        int category = category(r);
        int releaseType = category == 1 ? releaseType(r) : 0;
        int introduced = plan.introducedArtist(g);
        int mainArtist;
        if (category != 1) {
            mainArtist = 0;
        } else if (introduced > 0) {
            mainArtist = introduced;
        } else {
            int known = Math.max(1, (int) ((long) g * plan.artists / plan.groups));
            mainArtist = 1 + (r.nextBoolean() ? (int) (known * Math.pow(r.nextDouble(), 2)) : r.nextInt(known));
        }
        int year = category == 1 || category == 4 || category == 6 ? 1950 + (int) (67 * Math.pow(r.nextDouble(), 0.6)) : 0;
        return new GroupKind(g + 1, category, releaseType, mainArtist, year);
    }

    /** The group (0-based) in full; {@code artistNames} by ArtistID - 1 give music titles their artist. */
    GroupCore core(int g, String[] artistNames) {
        SplittableRandom r = plan.rng(SitePlan.S_GROUP, g + 1);
        GroupKind kind = kind(g, r);
        int category = kind.category();
        String artistName = kind.mainArtist() > 0 ? artistNames[kind.mainArtist() - 1] : "";
        String name = switch (category) {
            case 1 -> albumTitle(r, kind.releaseType(), artistName);
            case 2 -> Words.pick(r, Words.NOUNS) + " " + Words.pick(r, Words.SOFTWARE) + " " + (1 + r.nextInt(12))
                    + "." + r.nextInt(10) + "." + r.nextInt(10) + Words.pick(r, List.of("", " [Mac]", " x64", " Portable"));
            case 3 -> Words.pick(r, Words.FIRST_NAMES) + " " + Words.pick(r, Words.LAST_NAMES) + " - " + Words.title(r)
                    + Words.pick(r, List.of(" (ePub)", " (PDF)", " (Mobi)"));
            case 4 -> Words.pick(r, Words.FIRST_NAMES) + " " + Words.pick(r, Words.LAST_NAMES) + " - " + Words.title(r)
                    + " (Unabridged)";
            case 5 -> "Mastering " + Words.pick(r, Words.NOUNS) + " " + Words.pick(r, Words.SOFTWARE) + " - Video Course";
            case 6 -> Words.pick(r, Words.FIRST_NAMES) + " " + Words.pick(r, Words.LAST_NAMES) + " - Live at "
                    + Words.pick(r, Words.PLACES);
            default -> Words.title(r) + " #" + (1 + r.nextInt(60));
        };
        int labelRoll = r.nextInt(100);
        String label = category == 1 && labelRoll < 70 ? Words.pick(r, Words.LABELS) : "";
        String catno = category == 1 && labelRoll < 55 ? catalogueNumber(r) : "";
        return new GroupCore(kind, Words.cut(name, 300), label, catno, plan.userId(r), r.nextInt(1000) < 5 ? 1 : 0,
                plan.groupFirstUpload(g));
    }

    /**
     * Emits the groups with their wiki revisions, credits and tags; counts each tag's uses in
     * {@code uses} (by TagID - 1) for the tags table, which follows.
     */
    void emit(RowSink sink, String[] artistNames, BitSet performingAliases, String[] tagNames, int[] uses) {
        int revision = 0;
        int maxTags = Math.min(SitePlan.MAX_TAGS_PER_GROUP, plan.tags);
        int genreTags = Math.min(plan.tags, Words.GENRE_TAGS.size());
        for (int g = 0; g < plan.groups; g++) {
            GroupCore core = core(g, artistNames);
            int id = core.id();

            // Wiki revisions: the group's first upload wrote the first one; later edits follow.
            SplittableRandom wr = plan.rng(SitePlan.S_GROUP_WIKI, id);
            SitePlan.revisionCount(wr, 60);
            Object[] latest = null;
            long t = core.firstUpload();
            for (int v = 0; v < plan.groupRevisions(g); v++) {
                revision++;
                t = v == 0 ? t : Math.min(SITE_END, t + 60 + wr.nextLong(86_400L * 300));
                Object[] row = {
                    revision, id, groupWiki(wr, core, artistNames), v == 0 ? core.uploader() : plan.userId(wr),
                    v == 0 ? "Uploaded new torrent" : Words.pick(wr, List.of("", "Added tracklist", "Fixed typo",
                            "Better cover", "Added label info", "Description from the label")),
                    wr.nextInt(100) < 2 ? ZERO_DATE : datetime(t),
                    wr.nextInt(100) < 85 ? Words.imageUrl(wr) : "",
                };
                sink.row("wiki_torrents", row);
                latest = row;
            }

            // Tags: the first is a genre; the rest skew towards the popular ones.
            SplittableRandom tr = plan.rng(SitePlan.S_GROUP_TAGS, id);
            SitePlan.poisson(tr, 4);
            int count = Math.min(plan.groupTags(g), maxTags);
            int[] chosen = new int[count];
            for (int i = 0; i < count; i++) {
                int tag;
                do {
                    tag = i == 0 ? (int) (genreTags * Math.pow(tr.nextDouble(), 2)) : (int) (plan.tags * Math.pow(tr.nextDouble(), 3));
                } while (contains(chosen, i, tag));
                chosen[i] = tag;
            }
            String tagList = tagList(chosen, tagNames);

            long last = plan.groupLastUpload(g);
            sink.row("torrents_group", new Object[] {
                id, 0, core.category(), core.name(), core.year(), core.catalogueNumber(), core.recordLabel(),
                core.releaseType(), tagList,
                plan.rng(SitePlan.S_GROUP, -id).nextInt(100) < 2 ? ZERO_DATE : datetime(last),
                latest == null ? null : latest[0],
                latest == null ? "" : latest[2],
                latest == null ? "" : latest[6],
                core.vanityHouse(),
            });

            emitCredits(sink, g, core, performingAliases);

            for (int i = 0; i < count; i++) {
                uses[chosen[i]]++;
                boolean atUpload = i < 3;
                int up = (int) (Math.pow(tr.nextDouble(), 4) * 12);
                int down = tr.nextInt(100) < 90 ? 0 : 1 + tr.nextInt(4);
                sink.row("torrents_tags", new Object[] {
                    chosen[i] + 1, id, (atUpload ? 10 : 1) + 2 * up, 1 + down, atUpload ? core.uploader() : plan.userId(tr),
                });
            }
        }
    }

    private void emitCredits(RowSink sink, int g, GroupCore core, BitSet performingAliases) {
        int n = plan.groupCredits(g);
        if (n == 0) {
            return;
        }
        SplittableRandom r = plan.rng(SitePlan.S_CREDITS, core.id());
        creditCount(r, core.releaseType());
        int known = Math.max(1, (int) ((long) (g + 1) * plan.artists / plan.groups));
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int artist;
            int importance;
            int attempts = 0;
            do {
                if (i == 0) {
                    artist = core.mainArtist();
                    importance = core.releaseType() == 7 && r.nextInt(100) < 30 ? 6 : 1;
                } else {
                    artist = 1 + r.nextInt(known);
                    importance = core.releaseType() == 7 ? (r.nextInt(100) < 85 ? 1 : 2)
                            : core.releaseType() == 13 && r.nextInt(100) < 60 ? 3
                            : GazelleDataGenerator.pickWeighted(r, new int[] {1, 2, 3, 4, 5, 6, 7}, new int[] {20, 45, 10, 6, 3, 4, 12});
                }
                if (++attempts > 50) {
                    artist = 1 + (artist + attempts) % plan.artists;
                }
            } while (!used.add((long) artist * 8 + importance));
            // Credited under the main name, or under another name the artist performs as. The upload
            // form resolves a redirecting spelling to its target, so redirects are never credited.
            int alias = plan.mainAliasOf(artist);
            if (performingAliases.get(artist - 1) && r.nextInt(100) < 25) {
                alias++;
            }
            sink.row("torrents_artists", new Object[] {core.id(), artist, alias, core.uploader(), String.valueOf(importance)});
        }
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gazelle's TagList: the group's tag names joined by spaces, with '.' shown as '_' (the search
     * index treats '.' as a separator). Ordered by name here, as the tag table's name index returns
     * them.
     */
    static String tagList(int[] tagIndexes, String[] tagNames) {
        String[] names = new String[tagIndexes.length];
        for (int i = 0; i < tagIndexes.length; i++) {
            names[i] = tagNames[tagIndexes[i]];
        }
        return tagList(Arrays.asList(names));
    }

    /** TagList of the given tag names (see {@link #tagList(int[], String[])}). */
    static String tagList(List<String> tagNames) {
        return tagNames.stream().sorted().map(n -> n.replace('.', '_')).reduce((a, b) -> a + " " + b).orElse("");
    }

    static String albumTitle(SplittableRandom r, int releaseType, String artistName) {
        String base = Words.title(r);
        return switch (releaseType) {
            case 3 -> base + " (Original Motion Picture Soundtrack)";
            case 5 -> r.nextBoolean() ? base + " EP" : base;
            case 6 -> r.nextBoolean() ? "The Best of " + artistName : base + ": " + (1960 + r.nextInt(40)) + "-" + (2000 + r.nextInt(16));
            case 7 -> r.nextBoolean() ? base + ", Volume " + (1 + r.nextInt(9)) : "Now That's What I Call " + Words.pick(r, Words.NOUNS);
            case 11 -> "Live at " + Words.pick(r, Words.PLACES);
            case 13 -> base + " (Remixes)";
            case 14 -> (1965 + r.nextInt(50)) + "-" + String.format(Locale.ROOT, "%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
                    + ": " + Words.pick(r, Words.PLACES);
            case 15 -> "Interview with " + artistName;
            case 16 -> base + " Mixtape";
            default -> base;
        };
    }

    static String catalogueNumber(SplittableRandom r) {
        String letters = Words.letters(r, 2 + r.nextInt(3));
        return switch (r.nextInt(4)) {
            case 0 -> letters + " " + (100 + r.nextInt(900));
            case 1 -> letters + "-" + (1000 + r.nextInt(9000));
            case 2 -> letters + (10 + r.nextInt(990)) + "CD";
            default -> (100000 + r.nextInt(900000)) + "-" + (1 + r.nextInt(9));
        };
    }

    private String groupWiki(SplittableRandom r, GroupCore core, String[] artistNames) {
        StringBuilder b = new StringBuilder();
        if (core.music() && core.mainArtist() > 0) {
            b.append("[b]").append(core.name()).append("[/b] by [artist]").append(artistNames[core.mainArtist() - 1])
                    .append("[/artist] (").append(core.year()).append(")\n\n");
        }
        b.append(Words.paragraph(r, 1 + r.nextInt(4)));
        if (core.music() && r.nextInt(100) < 60) {
            List<String> tracks = tracks(core.kind()).titles();
            b.append("\n\n[size=4][b]Tracklist[/b][/size]\n");
            for (int i = 0; i < tracks.size(); i++) {
                b.append(i + 1).append(". ").append(tracks.get(i)).append('\n');
            }
        }
        if (r.nextInt(100) < 30) {
            b.append("\n[url=https://www.discogs.com/master/").append(10_000 + r.nextInt(2_000_000)).append("]More information[/url]");
        }
        return b.toString();
    }

    record Tracks(List<String> titles, int[] seconds) {
    }

    /** A group's tracks, the same for every edition and format of it. */
    Tracks tracks(GroupKind kind) {
        SplittableRandom r = plan.rng(SitePlan.S_TRACKS, kind.id());
        int n = switch (kind.releaseType()) {
            case 9 -> 1 + r.nextInt(4);
            case 5 -> 4 + r.nextInt(4);
            case 6, 7 -> 15 + r.nextInt(26);
            case 11, 14 -> 10 + r.nextInt(12);
            case 16 -> 12 + r.nextInt(14);
            case 15 -> 1 + r.nextInt(3);
            default -> kind.music() ? 8 + r.nextInt(9) : 1 + r.nextInt(12);
        };
        List<String> titles = new ArrayList<>(n);
        int[] seconds = new int[n];
        for (int i = 0; i < n; i++) {
            titles.add(Words.trackTitle(r));
            seconds[i] = 90 + r.nextInt(330) + (r.nextInt(20) == 0 ? r.nextInt(900) : 0);
        }
        return new Tracks(titles, seconds);
    }

    /** Music dominates; the other categories are small. */
    static int category(SplittableRandom r) {
        return 1 + GazelleDataGenerator.pickIndex(r, new int[] {920, 20, 25, 10, 5, 10, 10});
    }

    private static final int[] RELEASE_TYPES = {1, 3, 5, 6, 7, 9, 11, 13, 14, 15, 16, 21};
    private static final int[] RELEASE_TYPE_WEIGHTS = {550, 30, 120, 20, 50, 100, 40, 20, 15, 5, 20, 30};

    static int releaseType(SplittableRandom r) {
        return RELEASE_TYPES[GazelleDataGenerator.pickIndex(r, RELEASE_TYPE_WEIGHTS)];
    }

    /** About 1.3 credits per group: compilations credit many artists, most albums one. */
    static int creditCount(SplittableRandom r, int releaseType) {
        if (releaseType == 7) {
            return 3 + r.nextInt(6);
        }
        int roll = r.nextInt(100);
        return roll < 82 ? 1 : roll < 96 ? 2 : 3;
    }
}
