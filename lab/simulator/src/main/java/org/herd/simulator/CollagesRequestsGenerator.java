package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.SITE_START;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;
import static org.herd.simulator.GazelleDataGenerator.mix64;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.function.IntUnaryOperator;

/**
 * Generates the collages and requests of a WhatCD database: collages (some deleted, some lists of
 * artists) with their entries in Gazelle's sort order, and requests (some hidden, some filled) with
 * their artists, tags and the votes that carry their bounties.
 *
 * <p>Follows the conventions of {@link GazelleDataGenerator}: every row draws from its own random
 * stream keyed by (seed, what, id), ids are dense from 1, and the number of rows of every table is
 * known before a row is generated. At scale 1 a site has about 300,000 collage entries.
 */
final class CollagesRequestsGenerator {

    /** Load order of the tables this class fills. */
    static final List<String> TABLES = List.of("collages", "collages_torrents", "collages_artists", "requests",
            "requests_artists", "requests_tags", "requests_votes");

    /** Collage categories: 0 personal .. 7 artists (a list of artists rather than release groups). */
    static final int ARTISTS_CATEGORY = 7;
    private static final int[] CATEGORY_WEIGHTS = {35, 28, 6, 8, 7, 2, 9, 5};
    /** Gazelle deletes a personal collage outright; any other is flagged Deleted = '1'. */
    private static final int DELETED_PERCENT = 6;
    private static final int HIDDEN_PERCENT = 2;
    private static final int FILLED_PERCENT = 55;
    /** what.cd's smallest bounty: 100 MiB of upload credit. */
    static final long MIN_BOUNTY = 100L << 20;

    // At scale 1.
    private static final double COLLAGES = 25_000;
    private static final double REQUESTS = 100_000;

    // Salts of the random streams, apart from GazelleDataGenerator's.
    private static final long S_COLLAGE = 101;
    private static final long S_COLLAGE_ENTRIES = 102;
    private static final long S_REQUEST = 103;
    private static final long S_REQUEST_ROWS = 104;

    private final long seed;
    private final int users;
    private final int artists;
    private final int groups;
    private final int torrents;
    private final int tags;
    private final IntUnaryOperator mainAlias;

    final int collages;
    final int requests;
    private final byte[] collageCategory;
    private final boolean[] collageDeleted;
    private final int[] collageEntries;
    private final boolean[] requestMusic;
    private final boolean[] requestHidden;
    private final boolean[] requestFilled;
    private final byte[] requestArtists;
    private final byte[] requestTags;
    private final byte[] requestVotes;
    private final Map<String, Long> planned = new LinkedHashMap<>();

    /**
     * @param mainAlias the AliasID of an artist's own name (which redirects nowhere), by ArtistID
     */
    CollagesRequestsGenerator(long seed, double scale, int users, int artists, int groups, int torrents, int tags,
                              IntUnaryOperator mainAlias) {
        this.seed = seed;
        this.users = users;
        this.artists = artists;
        this.groups = groups;
        this.torrents = torrents;
        this.tags = tags;
        this.mainAlias = mainAlias;
        collages = (int) Math.max(10, Math.round(COLLAGES * scale));
        requests = (int) Math.max(20, Math.round(REQUESTS * scale));

        collageCategory = new byte[collages];
        collageDeleted = new boolean[collages];
        collageEntries = new int[collages];
        long groupEntries = 0;
        long artistEntries = 0;
        for (int c = 0; c < collages; c++) {
            int id = c + 1;
            SplittableRandom r = rng(S_COLLAGE, id);
            // Collage 2 lists artists and collage 3 is deleted at every scale, so that even the
            // smallest database has both.
            int drawn = GazelleDataGenerator.pickIndex(r, CATEGORY_WEIGHTS);
            int category = id == 2 ? ARTISTS_CATEGORY : id == 3 ? 1 : drawn;
            collageCategory[c] = (byte) category;
            collageDeleted[c] = category != 0 && (id == 3 || r.nextInt(100) < DELETED_PERCENT);
            collageEntries[c] = entryCount(r, category);
            if (category == ARTISTS_CATEGORY) {
                artistEntries += collageEntries[c];
            } else {
                groupEntries += collageEntries[c];
            }
        }

        requestMusic = new boolean[requests];
        requestHidden = new boolean[requests];
        requestFilled = new boolean[requests];
        requestArtists = new byte[requests];
        requestTags = new byte[requests];
        requestVotes = new byte[requests];
        long credits = 0;
        long tagged = 0;
        long votes = 0;
        for (int q = 0; q < requests; q++) {
            int id = q + 1;
            SplittableRandom r = rng(S_REQUEST, id);
            // Request 1 is a filled music request and request 2 a hidden one at every scale.
            requestMusic[q] = r.nextInt(100) < 90 || id <= 2;
            requestHidden[q] = r.nextInt(100) < HIDDEN_PERCENT || id == 2;
            requestFilled[q] = r.nextInt(100) < FILLED_PERCENT || id == 1;
            int roll = r.nextInt(100);
            requestArtists[q] = (byte) (requestMusic[q] ? Math.min(artists, roll < 80 ? 1 : roll < 95 ? 2 : 3) : 0);
            requestTags[q] = (byte) Math.min(tags, 1 + r.nextInt(4));
            requestVotes[q] = (byte) Math.min(users, 1 + (int) (8 * Math.pow(r.nextDouble(), 3)));
            credits += requestArtists[q];
            tagged += requestTags[q];
            votes += requestVotes[q];
        }

        planned.put("collages", (long) collages);
        planned.put("collages_torrents", groupEntries);
        planned.put("collages_artists", artistEntries);
        planned.put("requests", (long) requests);
        planned.put("requests_artists", credits);
        planned.put("requests_tags", tagged);
        planned.put("requests_votes", votes);
    }

    /** Rows per table, in load order. */
    Map<String, Long> plannedCounts() {
        return planned;
    }

    /** About a dozen entries on average; charts hold a round number; a list never holds half the catalogue. */
    private int entryCount(SplittableRandom r, int category) {
        if (category == ARTISTS_CATEGORY) {
            return Math.max(1, Math.min(artists / 2, 3 + (int) (30 * Math.pow(r.nextDouble(), 2))));
        }
        int n = category == 6 ? new int[] {10, 25, 50, 100}[r.nextInt(4)]
                : 1 + (int) (28 * Math.pow(r.nextDouble(), 2.5));
        return Math.max(1, Math.min(groups / 2, n));
    }

    void generate(RowSink sink, String[] artistNames) {
        emitCollages(sink, artistNames);
        emitRequests(sink, artistNames);
    }

    // ---------------------------------------------------------------------------------------------
    // collages, collages_torrents, collages_artists

    private void emitCollages(RowSink sink, String[] artistNames) {
        Set<String> names = new HashSet<>();
        for (int c = 0; c < collages; c++) {
            int id = c + 1;
            int category = collageCategory[c];
            SplittableRandom r = rng(S_COLLAGE_ENTRIES, id);
            int owner = userId(r);
            long created = SITE_START + (long) ((SITE_END - SITE_START) * Math.pow((c + 0.5) / collages, 0.8));
            String name = uniqueName(r, names, category, id, artistNames);
            int n = collageEntries[c];
            boolean artistList = category == ARTISTS_CATEGORY;
            String table = artistList ? "collages_artists" : "collages_torrents";
            int pool = artistList ? artists : groups;
            Set<Integer> members = new HashSet<>();
            long t = created;
            long step = Math.max(60, (SITE_END - created) / (n + 1));
            String updated = ZERO_DATE;
            // Entries added before Gazelle recorded AddedOn carry the zero date.
            boolean undated = created < SITE_START + 86_400L * 365 && r.nextInt(100) < 40;
            for (int i = 0; i < n; i++) {
                int member;
                do {
                    member = 1 + (int) (pool * Math.pow(r.nextDouble(), 1.5));
                } while (!members.add(member));
                t = Math.min(SITE_END, t + 60 + r.nextLong(step));
                String added = undated ? ZERO_DATE : datetime(t);
                if (!undated) {
                    updated = added;
                }
                // The PHP code appends at MAX(Sort) + 10; personal collages are mostly the owner's own.
                int adder = category == 0 || r.nextInt(100) < 50 ? owner : userId(r);
                sink.row(table, new Object[] {id, member, adder, 10 * (i + 1), added});
            }
            int maxGroups = category == 6 ? n : 0;
            sink.row("collages", new Object[] {
                id, name, description(r, category, name), owner, n,
                collageDeleted[c] ? "1" : "0",
                r.nextInt(100) < 5 ? "1" : "0",
                category,
                collageTags(r),
                maxGroups,
                category != 0 && r.nextInt(100) < 10 ? 5 + r.nextInt(6) : 0,
                category == 0 && r.nextInt(100) < 10 ? 1 : 0,
                (int) (300 * Math.pow(r.nextDouble(), 4)),
                updated,
            });
        }
    }

    private String uniqueName(SplittableRandom r, Set<String> taken, int category, int id, String[] artistNames) {
        for (int attempt = 0; ; attempt++) {
            String genre = Words.pick(r, Words.GENRE_TAGS).replace('.', ' ');
            String name = switch (category) {
                case 0 -> Words.pick(r, Words.FIRST_NAMES) + "'s " + Words.pick(r, List.of("favourites", "vinyl shelf",
                        "desert island discs", "road trip", "guilty pleasures", "rainy days"));
                case 1 -> Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS) + " music";
                case 2 -> "Introduction to " + genre;
                case 3 -> artistNames[r.nextInt(artistNames.length)] + " discography";
                case 4 -> Words.pick(r, Words.LABELS) + " catalogue";
                case 5 -> "Staff picks " + (2008 + r.nextInt(9));
                case 6 -> Words.pick(r, List.of("Pitchfork", "The Wire", "Rate Your Music", "Resident Advisor",
                        "Mojo", "Uncut")) + " top " + (1 + r.nextInt(4)) * 25 + " of " + (1990 + r.nextInt(27));
                default -> "Essential " + genre + " artists";
            };
            if (attempt >= 3) {
                name = name + " " + (attempt < 6 ? Words.pick(r, List.of("II", "redux", "(extended)", "vol. 2")) : "#" + id);
            }
            name = Words.cut(name, 100);
            // The Name key is unique under the table's case-insensitive collation.
            if (taken.add(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }

    private static String description(SplittableRandom r, int category, String name) {
        return switch (category) {
            case 0 -> r.nextInt(100) < 30 ? "" : Words.sentence(r);
            case 6 -> "[b]" + name + "[/b]\n[url=https://example.org/charts/" + (1000 + r.nextInt(9000)) + "]Source[/url]";
            default -> "[b]" + name + "[/b]\n\n" + Words.paragraph(r, 1 + r.nextInt(3));
        };
    }

    /** The creator's tags, as new_handle.php stores them: sanitised names joined by a space. */
    private static String collageTags(SplittableRandom r) {
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            chosen.add(Words.pick(r, Words.GENRE_TAGS));
        }
        return String.join(" ", chosen);
    }

    // ---------------------------------------------------------------------------------------------
    // requests, requests_artists, requests_tags, requests_votes

    private static final String[] ENCODINGS = {"Lossless", "24bit Lossless", "V0 (VBR)", "V2 (VBR)", "320"};
    private static final String[] FORMATS = {"FLAC", "MP3", "AAC"};
    private static final String[] MEDIA = {"CD", "WEB", "Vinyl", "Cassette", "SACD"};
    private static final int[] OTHER_CATEGORIES = {2, 3, 4, 5, 6, 7};

    private void emitRequests(RowSink sink, String[] artistNames) {
        for (int q = 0; q < requests; q++) {
            int id = q + 1;
            SplittableRandom r = rng(S_REQUEST_ROWS, id);
            boolean music = requestMusic[q];
            int category = music ? 1 : OTHER_CATEGORIES[r.nextInt(OTHER_CATEGORIES.length)];
            int requester = userId(r);
            long added = SITE_START + (long) ((SITE_END - SITE_START) * ((q + r.nextDouble()) / requests));
            int releaseType = music ? ReleaseGroupsGenerator.releaseType(r) : 0;

            List<Integer> credited = new ArrayList<>();
            while (credited.size() < requestArtists[q]) {
                int artist = 1 + (int) (artists * Math.pow(r.nextDouble(), 2));
                if (!credited.contains(artist)) {
                    credited.add(artist);
                }
            }
            String title = music
                    ? ReleaseGroupsGenerator.albumTitle(r, releaseType, artistNames[credited.get(0) - 1])
                    : Words.title(r);

            // The requester's own vote carries the first bounty; others join later.
            long lastVote = added;
            List<Object[]> votes = new ArrayList<>();
            Set<Integer> voters = new HashSet<>();
            voters.add(requester);
            votes.add(new Object[] {id, requester, bounty(r)});
            while (votes.size() < requestVotes[q]) {
                int voter = userId(r);
                if (voters.add(voter)) {
                    lastVote = Math.min(SITE_END, lastVote + r.nextLong(86_400L * 30));
                    votes.add(new Object[] {id, voter, bounty(r)});
                }
            }

            boolean filled = requestFilled[q];
            long filledAt = Math.min(SITE_END, lastVote + 3600 + r.nextLong(86_400L * 60));
            boolean lossless = r.nextBoolean();
            sink.row("requests", new Object[] {
                id, requester, datetime(added), datetime(lastVote), category, Words.cut(title, 255),
                music || category == 3 || category == 4 ? 1950 + (int) (67 * Math.pow(r.nextDouble(), 0.6)) : null,
                r.nextInt(100) < 60 ? Words.imageUrl(r) : "",
                Words.paragraph(r, 1 + r.nextInt(3)),
                music ? releaseType : null,
                music && r.nextInt(100) < 40 ? ReleaseGroupsGenerator.catalogueNumber(r) : "",
                music ? list(r, ENCODINGS, lossless ? 2 : 5, 25) : null,
                music ? list(r, FORMATS, lossless ? 1 : 3, 30) : null,
                music ? list(r, MEDIA, MEDIA.length, 40) : null,
                music ? (lossless ? Words.pick(r, List.of("Log (100%) + Cue", "Log + Cue", "Log (>= 95%)", "Cue", ""))
                        : "") : null,
                filled ? userId(r) : 0,
                filled ? 1 + r.nextInt(torrents) : 0,
                filled ? datetime(filledAt) : ZERO_DATE,
                requestHidden[q] ? "0" : "1",
                music && r.nextInt(100) < 50 ? Words.pick(r, Words.LABELS) : null,
                music && r.nextInt(100) < 10 ? 1 + r.nextInt(groups) : null,
                category == 3 && r.nextInt(100) < 30 ? String.valueOf(10_000_000 + r.nextInt(900_000_000)) : "",
            });
            for (int i = 0; i < credited.size(); i++) {
                int artist = credited.get(i);
                sink.row("requests_artists", new Object[] {
                    id, artist, mainAlias.applyAsInt(artist), i == 0 ? "1" : r.nextBoolean() ? "2" : "1",
                });
            }
            Set<Integer> tagIds = new LinkedHashSet<>();
            while (tagIds.size() < requestTags[q]) {
                tagIds.add(1 + (int) (tags * Math.pow(r.nextDouble(), 2)));
            }
            for (int tag : tagIds) {
                sink.row("requests_tags", new Object[] {tag, id});
            }
            votes.forEach(v -> sink.row("requests_votes", v));
        }
    }

    /** Mostly the minimum; a few voters put up gigabytes. */
    private static long bounty(SplittableRandom r) {
        return MIN_BOUNTY * (1 + (long) (40 * Math.pow(r.nextDouble(), 4)));
    }

    /** One of Gazelle's request lists: Any, or the chosen names in form order joined by '|'. */
    private static String list(SplittableRandom r, String[] names, int from, int anyPercent) {
        if (r.nextInt(100) < anyPercent) {
            return "Any";
        }
        StringJoiner joined = new StringJoiner("|");
        boolean any = false;
        for (int i = 0; i < from; i++) {
            if (r.nextInt(100) < 45 || (i == from - 1 && !any)) {
                joined.add(names[i]);
                any = true;
            }
        }
        return joined.toString();
    }

    // ---------------------------------------------------------------------------------------------

    private SplittableRandom rng(long salt, long id) {
        return new SplittableRandom(mix64(mix64(seed + salt * 0x9E3779B97F4A7C15L) ^ id));
    }

    /** Collages and requests come mostly from the site's most active users. */
    private int userId(SplittableRandom r) {
        return 1 + Math.min(users - 1, (int) (users * Math.pow(r.nextDouble(), 2)));
    }
}
