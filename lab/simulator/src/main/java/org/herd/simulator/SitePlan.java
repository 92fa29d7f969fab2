package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.SITE_START;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shape of a generated site's core, fixed before any row is made so that the counts are known
 * before loading: how many rows of each kind, how many aliases, revisions, credits and tags each
 * artist and group has, which group each later upload goes to and when, and the draws every area of
 * the site shares (the random stream of a row, uploaders, upload and sign-up times).
 *
 * <p>Every row draws from its own random stream keyed by (seed, what, id), so a row does not depend
 * on how many rows came before it or on the order of any hash table. Ids are dense from 1 in every
 * table, as on a site that never deleted anything.
 */
final class SitePlan {

    static final double SPAN = SITE_END - SITE_START;

    // what.cd at scale 1.
    private static final double ARTISTS = 400_000;
    private static final double GROUPS = 1_000_000;
    private static final double TORRENTS = 2_500_000;
    private static final double TAGS = 20_000;
    private static final double USERS = 100_000;
    private static final double CONVERSATIONS = 100_000;
    private static final double MESSAGES = 200_000;
    static final int TAGS_PER_GROUP = 5;
    static final int MAX_TAGS_PER_GROUP = 15;

    // Salts that separate the random streams of different kinds of rows.
    static final long S_ARTIST = 1;
    static final long S_ARTIST_WIKI = 2;
    static final long S_GROUP = 3;
    static final long S_CREDITS = 4;
    static final long S_GROUP_TAGS = 5;
    static final long S_GROUP_WIKI = 6;
    static final long S_TRACKS = 7;
    static final long S_EXTRA = 8;
    static final long S_TORRENT = 9;
    static final long S_EDITION = 10;
    static final long S_TAG = 11;
    static final long S_USER = 12;
    static final long S_CONVERSATION = 13;
    static final long S_MESSAGE = 14;
    static final long S_PLAN = 15;

    final long seed;
    final double scale;

    // Planned sizes.
    final int artists;
    final int groups;
    final int torrents;
    final int tags;
    final int users;
    final int conversations;
    final int messages;
    /** Uploads after a group's first: torrents - groups. */
    final int extras;

    // Per-entity shape.
    private final int[] aliasStart;          // artist a (0-based) owns alias ids aliasStart[a]+1 .. aliasStart[a+1]
    private final byte[] artistRevisions;    // wiki_artists revisions per artist
    private final byte[] groupCredits;       // torrents_artists rows per group
    private final byte[] groupTags;          // torrents_tags rows per group
    private final byte[] groupRevisions;     // wiki_torrents revisions per group
    private final int[] extraGroup;          // group (0-based) of each later upload
    private final int[] groupLastUpload;     // seconds after SITE_START of the group's latest upload
    private final int[] messagesPerConversation;
    private final long artistWiki;
    private final long groupWiki;
    private final long credits;

    SitePlan(GeneratorSettings settings) {
        seed = settings.seed();
        scale = settings.scale();
        artists = scaled(ARTISTS, scale, 40);
        groups = Math.max(scaled(GROUPS, scale, 100), artists + 1);
        torrents = Math.max(scaled(TORRENTS, scale, 250), groups);
        tags = scaled(TAGS, scale, 20);
        users = scaled(USERS, scale, 20);
        conversations = scaled(CONVERSATIONS, scale, 10);
        messages = Math.max(scaled(MESSAGES, scale, 20), conversations);
        extras = torrents - groups;

        aliasStart = new int[artists + 1];
        artistRevisions = new byte[artists];
        long wikiOfArtists = 0;
        for (int a = 0; a < artists; a++) {
            SplittableRandom r = rng(S_ARTIST, a + 1);
            aliasStart[a + 1] = aliasStart[a] + 1 + (r.nextInt(100) < 10 ? 1 : 0);
            artistRevisions[a] = (byte) revisionCount(rng(S_ARTIST_WIKI, a + 1), 50);
            wikiOfArtists += artistRevisions[a];
        }
        artistWiki = wikiOfArtists;

        groupCredits = new byte[groups];
        groupTags = new byte[groups];
        groupRevisions = new byte[groups];
        long creditRows = 0;
        long wikiOfGroups = 0;
        for (int g = 0; g < groups; g++) {
            SplittableRandom kindRng = rng(S_GROUP, g + 1);
            int category = ReleaseGroupsGenerator.category(kindRng);
            int releaseType = category == 1 ? ReleaseGroupsGenerator.releaseType(kindRng) : 0;
            groupCredits[g] = (byte) (category == 1
                    ? ReleaseGroupsGenerator.creditCount(rng(S_CREDITS, g + 1), releaseType) : 0);
            creditRows += groupCredits[g];
            groupTags[g] = (byte) Math.min(Math.min(MAX_TAGS_PER_GROUP, tags), 1 + poisson(rng(S_GROUP_TAGS, g + 1), 4));
            groupRevisions[g] = (byte) revisionCount(rng(S_GROUP_WIKI, g + 1), 60);
            wikiOfGroups += groupRevisions[g];
        }
        credits = creditRows;
        groupWiki = wikiOfGroups;
        adjustTotal(groupTags, (long) TAGS_PER_GROUP * groups, 1, Math.min(MAX_TAGS_PER_GROUP, tags),
                rng(S_PLAN, 1));

        // Later uploads: each goes to a group created before it, preferring groups that just came
        // out (transcodes and other editions follow an upload within days) and old favourites.
        extraGroup = new int[extras];
        groupLastUpload = new int[groups];
        for (int g = 0; g < groups; g++) {
            groupLastUpload[g] = (int) (groupFirstUpload(g) - SITE_START);
        }
        for (int k = 0; k < extras; k++) {
            SplittableRandom r = rng(S_EXTRA, k + 1);
            double f = (k + 0.5) / extras;
            int eligible = (int) Math.max(1, Math.min(groups, Math.floor(f * groups + 0.5)));
            int roll = r.nextInt(100);
            int g;
            if (roll < 35) {
                int window = Math.max(1, eligible / 50);
                g = eligible - 1 - r.nextInt(window);
            } else if (roll < 60) {
                g = (int) (eligible * Math.pow(r.nextDouble(), 3));
            } else {
                g = r.nextInt(eligible);
            }
            extraGroup[k] = g;
            long t = extraUploadTime(k);
            groupLastUpload[g] = (int) Math.max(groupLastUpload[g], t - SITE_START);
        }

        messagesPerConversation = new int[conversations];
        Arrays.fill(messagesPerConversation, 1);
        SplittableRandom mr = rng(S_PLAN, 2);
        for (int m = conversations; m < messages; m++) {
            messagesPerConversation[(int) (conversations * Math.pow(mr.nextDouble(), 1.5))]++;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // planned rows

    long artistWikiRows() {
        return artistWiki;
    }

    long groupWikiRows() {
        return groupWiki;
    }

    long creditRows() {
        return credits;
    }

    long aliasRows() {
        return aliasStart[artists];
    }

    /** The first (main) alias id of an artist. */
    int mainAliasOf(int artistId) {
        return aliasStart[artistId - 1] + 1;
    }

    /** Whether an artist (0-based) has a second alias. */
    boolean hasSecondAlias(int a) {
        return aliasStart[a + 1] - aliasStart[a] > 1;
    }

    int artistRevisions(int a) {
        return artistRevisions[a];
    }

    int groupCredits(int g) {
        return groupCredits[g];
    }

    int groupTags(int g) {
        return groupTags[g];
    }

    int groupRevisions(int g) {
        return groupRevisions[g];
    }

    /** The group (0-based) the k-th later upload goes to. */
    int extraGroup(int k) {
        return extraGroup[k];
    }

    /** When a group's latest upload was: its Time. */
    long groupLastUpload(int g) {
        return SITE_START + groupLastUpload[g];
    }

    int messagesIn(int conversation) {
        return messagesPerConversation[conversation];
    }

    // ---------------------------------------------------------------------------------------------
    // shared draws

    /** The random stream of one row: (seed, what, id). */
    SplittableRandom rng(long salt, long id) {
        return new SplittableRandom(GazelleDataGenerator.mix64(GazelleDataGenerator.mix64(seed
                + salt * 0x9E3779B97F4A7C15L) ^ id));
    }

    /** Uploads by few users dominate: the uploader is drawn with a strong skew to low ids. */
    int userId(SplittableRandom r) {
        return 1 + Math.min(users - 1, (int) (users * Math.pow(r.nextDouble(), 3)));
    }

    /** When a user joined: sign-ups spread over the site's life, a little faster early on. */
    long joinedAt(int id) {
        return SITE_START + (long) (SPAN * Math.pow((id - 0.5) / users, 0.9));
    }

    long groupFirstUpload(int g) {
        long jitter = Math.floorMod(GazelleDataGenerator.mix64(seed ^ (g * 31L + 7)), 60L);
        return SITE_START + (long) (SPAN * Math.pow((g + 0.5) / groups, 0.8)) + jitter;
    }

    long extraUploadTime(int k) {
        long jitter = Math.floorMod(GazelleDataGenerator.mix64(seed ^ (k * 37L + 11)), 60L);
        long t = SITE_START + (long) (SPAN * Math.pow((k + 0.5) / extras, 0.8)) + jitter;
        return Math.min(SITE_END, Math.max(t, groupFirstUpload(extraGroup[k]) + 60));
    }

    /** The first group that credits an artist: artists are created by uploads, spread evenly over the groups. */
    int firstGroupOf(int artistId) {
        // Group g introduces artist floor((g+1)*A/G) when that value grows; invert it.
        long g = ((long) artistId * groups + artists - 1) / artists - 1;
        return (int) Math.max(0, Math.min(groups - 1, g));
    }

    /** The artist a group introduces, or 0 when it credits only existing artists. */
    int introducedArtist(int g) {
        long before = (long) g * artists / groups;
        long after = (long) (g + 1) * artists / groups;
        return after > before ? (int) after : 0;
    }

    private static int scaled(double base, double scale, int floor) {
        return (int) Math.max(floor, Math.round(base * scale));
    }

    /** Revisions of a wiki page: none for (100 - percentWithWiki)%, else mostly one (mean about 1.2). */
    static int revisionCount(SplittableRandom r, int percentWithWiki) {
        if (r.nextInt(100) >= percentWithWiki) {
            return 0;
        }
        int roll = r.nextInt(100);
        return roll < 83 ? 1 : roll < 98 ? 2 : 3;
    }

    static int poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Nudges per-entity counts, within [min, max], until they add up to exactly {@code target}. */
    private static void adjustTotal(byte[] counts, long target, int min, int max, SplittableRandom r) {
        long sum = 0;
        for (byte c : counts) {
            sum += c;
        }
        int n = counts.length;
        if (target < (long) min * n || target > (long) max * n) {
            throw new IllegalStateException("cannot spread " + target + " over " + n + " rows in [" + min + ", " + max + "]");
        }
        while (sum != target) {
            int i = r.nextInt(n);
            if (sum < target && counts[i] < max) {
                counts[i]++;
                sum++;
            } else if (sum > target && counts[i] > min) {
                counts[i]--;
                sum--;
            }
        }
    }
}
