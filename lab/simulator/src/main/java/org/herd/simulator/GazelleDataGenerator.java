package org.herd.simulator;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;

/**
 * Generates a WhatCD Gazelle database of any size: realistic rows for every catalogued table,
 * with the denormalised copies Gazelle keeps (TagList, WikiBody, RevisionID, tags.Uses) consistent
 * with the rows they copy.
 *
 * <p>Everything follows from the seed: each row draws from its own random stream keyed by
 * (seed, what, id), so a row does not depend on how many rows came before it or on the order of
 * any hash table. Ids are dense from 1 in every table, as on a site that never deleted anything.
 *
 * <p>The shape of the data follows what.cd: torrents (editions and formats) hang off release
 * groups, a group's first upload created it, later uploads of other editions and formats follow
 * over the years and move the group's Time forward (upload_handle does that); artists are created
 * by the first group that credits them; tags and artists are heavily skewed towards a few popular
 * ones.
 */
public final class GazelleDataGenerator {

    static final GazelleCatalogue CATALOGUE = GazelleCatalogue.of(GazelleVariant.WHATCD);

    /** Load order. */
    static final List<String> TABLES = concat(List.of(
            "users_main", "wiki_artists", "artists_group", "artists_alias", "wiki_torrents", "torrents_group",
            "torrents_artists", "torrents_tags", "torrents", "tags", "pm_conversations", "pm_messages",
            "collages", "collages_torrents", "collages_artists", "requests", "requests_artists", "requests_tags",
            "requests_votes",
            "forums_categories", "forums", "forums_topics", "forums_posts", "comments"),
            CatalogueExtrasGenerator.TABLES);

    static final String ZERO_DATE = "0000-00-00 00:00:00";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** what.cd opened in October 2007 and was raided in November 2016. */
    static final long SITE_START = LocalDateTime.of(2007, 10, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    static final long SITE_END = LocalDateTime.of(2016, 11, 16, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final double SPAN = SITE_END - SITE_START;

    // what.cd at scale 1.
    private static final double ARTISTS = 400_000;
    private static final double GROUPS = 1_000_000;
    private static final double TORRENTS = 2_500_000;
    private static final double TAGS = 20_000;
    private static final double USERS = 100_000;
    private static final double CONVERSATIONS = 100_000;
    private static final double MESSAGES = 200_000;
    private static final int TAGS_PER_GROUP = 5;
    private static final int MAX_TAGS_PER_GROUP = 15;

    // Salts that separate the random streams of different kinds of rows.
    private static final long S_ARTIST = 1;
    private static final long S_ARTIST_WIKI = 2;
    private static final long S_GROUP = 3;
    private static final long S_CREDITS = 4;
    private static final long S_GROUP_TAGS = 5;
    private static final long S_GROUP_WIKI = 6;
    private static final long S_TRACKS = 7;
    private static final long S_EXTRA = 8;
    private static final long S_TORRENT = 9;
    private static final long S_EDITION = 10;
    private static final long S_TAG = 11;
    private static final long S_USER = 12;
    private static final long S_CONVERSATION = 13;
    private static final long S_MESSAGE = 14;
    private static final long S_PLAN = 15;

    private final GeneratorSettings settings;
    private final long seed;

    // Planned sizes.
    final int artists;
    final int groups;
    final int torrents;
    final int tags;
    final int users;
    final int conversations;
    final int messages;
    private final int extras;

    // Per-entity shape, fixed at construction so that the counts are known before loading.
    private final int[] aliasStart;          // artist a (0-based) owns alias ids aliasStart[a]+1 .. aliasStart[a+1]
    private final byte[] artistRevisions;    // wiki_artists revisions per artist
    private final byte[] groupCredits;       // torrents_artists rows per group
    private final byte[] groupTags;          // torrents_tags rows per group
    private final byte[] groupRevisions;     // wiki_torrents revisions per group
    private final int[] extraGroup;          // group (0-based) of each later upload
    private final int[] groupLastUpload;     // seconds after SITE_START of the group's latest upload
    private final int[] messagesPerConversation;
    private final CollagesRequestsGenerator collagesRequests;
    private final ForumsGenerator forums;
    private final CatalogueExtrasGenerator catalogueExtras;
    private final GeneratedCounts planned;

    public GazelleDataGenerator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.seed = settings.seed();
        double s = settings.scale();
        artists = scaled(ARTISTS, s, 40);
        groups = Math.max(scaled(GROUPS, s, 100), artists + 1);
        torrents = Math.max(scaled(TORRENTS, s, 250), groups);
        tags = scaled(TAGS, s, 20);
        users = scaled(USERS, s, 20);
        conversations = scaled(CONVERSATIONS, s, 10);
        messages = Math.max(scaled(MESSAGES, s, 20), conversations);
        extras = torrents - groups;

        aliasStart = new int[artists + 1];
        artistRevisions = new byte[artists];
        long artistWiki = 0;
        for (int a = 0; a < artists; a++) {
            SplittableRandom r = rng(S_ARTIST, a + 1);
            aliasStart[a + 1] = aliasStart[a] + 1 + (r.nextInt(100) < 10 ? 1 : 0);
            artistRevisions[a] = (byte) revisionCount(rng(S_ARTIST_WIKI, a + 1), 50);
            artistWiki += artistRevisions[a];
        }

        groupCredits = new byte[groups];
        groupTags = new byte[groups];
        groupRevisions = new byte[groups];
        long credits = 0;
        long groupWiki = 0;
        for (int g = 0; g < groups; g++) {
            SplittableRandom kindRng = rng(S_GROUP, g + 1);
            int category = category(kindRng);
            int releaseType = category == 1 ? releaseType(kindRng) : 0;
            groupCredits[g] = (byte) (category == 1 ? creditCount(rng(S_CREDITS, g + 1), releaseType) : 0);
            credits += groupCredits[g];
            groupTags[g] = (byte) Math.min(Math.min(MAX_TAGS_PER_GROUP, tags), 1 + poisson(rng(S_GROUP_TAGS, g + 1), 4));
            groupRevisions[g] = (byte) revisionCount(rng(S_GROUP_WIKI, g + 1), 60);
            groupWiki += groupRevisions[g];
        }
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

        forums = new ForumsGenerator(seed, s, users, groups, artists, id -> groupFirstUpload(id - 1),
                id -> groupFirstUpload(firstGroupOf(id)));

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users_main", (long) users);
        counts.put("wiki_artists", artistWiki);
        counts.put("artists_group", (long) artists);
        counts.put("artists_alias", (long) aliasStart[artists]);
        counts.put("wiki_torrents", groupWiki);
        counts.put("torrents_group", (long) groups);
        counts.put("torrents_artists", credits);
        counts.put("torrents_tags", (long) TAGS_PER_GROUP * groups);
        counts.put("torrents", (long) torrents);
        counts.put("tags", (long) tags);
        counts.put("pm_conversations", (long) conversations);
        counts.put("pm_messages", (long) messages);
        collagesRequests = new CollagesRequestsGenerator(seed, s, users, artists, groups, torrents, tags,
                artistId -> aliasStart[artistId - 1] + 1);
        counts.putAll(collagesRequests.plannedCounts());
        counts.putAll(forums.plannedCounts());
        catalogueExtras = new CatalogueExtrasGenerator(this, seed);
        counts.putAll(catalogueExtras.plannedCounts().rows());
        planned = new GeneratedCounts(counts);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Rows per table that {@link #load} and {@link #generate} produce. */
    public GeneratedCounts plannedCounts() {
        return planned;
    }

    /** The columns of a generated table, in the order of the values handed to a {@link RowSink}. */
    public static List<String> columns(String table) {
        TableDef def = CATALOGUE.table(table).orElseThrow(
                () -> new IllegalArgumentException("table " + table + " is not in the WhatCD catalogue"));
        return def.columns().stream().map(ColumnDef::name).toList();
    }

    /**
     * Inserts the generated rows into the WhatCD tables of the connection's current database, which
     * must exist ({@code GazelleSchema.load}) and be empty. Sets the session sql_mode to Gazelle's
     * non-strict mode, writes multi-row INSERTs and commits after each; restores the connection's
     * auto-commit setting at the end.
     *
     * @param listener told after every committed batch; may be null
     * @return rows written per table (equal to {@link #plannedCounts()})
     */
    public GeneratedCounts load(Connection connection, ProgressListener listener) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        boolean autoCommit = connection.getAutoCommit();
        try (var st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            // Batches of different tables commit in no particular order; the rows are consistent.
            st.execute("SET SESSION foreign_key_checks = 0");
        }
        connection.setAutoCommit(false);
        try {
            try (JdbcRowWriter writer = new JdbcRowWriter(connection, listener, planned)) {
                try {
                    generate(writer);
                } catch (JdbcRowWriter.WriteFailure e) {
                    throw e.getCause();
                }
                writer.finish();
                return writer.written();
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            try (var st = connection.createStatement()) {
                st.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }

    /**
     * Inserts the generated rows into the tables of {@code variant}: WhatCD's as {@link #load} does,
     * or OPS's through {@link OpsRowAdapter}. OPS rows are loaded under OPS's strict sql_mode with
     * foreign key checks off, as a dump is restored (its tables reference each other in a circle).
     *
     * @return rows written per table
     */
    public GeneratedCounts load(Connection connection, GazelleVariant variant, ProgressListener listener)
            throws SQLException {
        Objects.requireNonNull(variant, "variant");
        if (variant == GazelleVariant.WHATCD) {
            return load(connection, listener);
        }
        Objects.requireNonNull(connection, "connection");
        GeneratedCounts opsPlanned = OpsRowAdapter.plannedCounts(planned);
        boolean autoCommit = connection.getAutoCommit();
        try (var st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = '" + GazelleSchema.sqlMode(variant) + "'");
            st.execute("SET SESSION foreign_key_checks = 0");
        }
        connection.setAutoCommit(false);
        try {
            try (JdbcRowWriter writer = new JdbcRowWriter(connection, listener, opsPlanned, OpsRowAdapter::columns)) {
                OpsRowAdapter adapter = new OpsRowAdapter(writer);
                try {
                    generate(adapter);
                } catch (JdbcRowWriter.WriteFailure e) {
                    throw e.getCause();
                }
                adapter.finish();
                writer.finish();
                return writer.written();
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            try (var st = connection.createStatement()) {
                st.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }

    /** Hands every generated row to {@code target}, table by table in load order (tags after their uses). */
    public void generate(RowSink target) {
        Objects.requireNonNull(target, "sink");
        CatalogueExtrasGenerator.Run sink = catalogueExtras.run(target);
        emitUsers(sink);
        BitSet performingAliases = new BitSet(artists);
        String[] artistNames = emitArtists(sink, performingAliases);
        String[] tagNames = tagNames();
        int[] uses = new int[tags];
        emitGroups(sink, artistNames, performingAliases, tagNames, uses);
        emitTorrents(sink, artistNames);
        emitTags(sink, tagNames, uses);
        emitMessages(sink);
        collagesRequests.generate(sink, artistNames);
        forums.generate(sink);
        sink.finish();
    }

    // ---------------------------------------------------------------------------------------------
    // users_main

    private void emitUsers(RowSink sink) {
        Set<String> taken = new HashSet<>();
        for (int id = 1; id <= users; id++) {
            SplittableRandom r = rng(S_USER, id);
            String name = uniqueUsername(r, taken, id);
            long joined = joinedAt(id);
            int enabledRoll = r.nextInt(100);
            String enabled = enabledRoll < 84 ? "1" : enabledRoll < 95 ? "2" : "0";
            long lastAccess = enabled.equals("1") ? SITE_END - r.nextLong(86_400L * 120) : joined + r.nextLong(86_400L * 400);
            lastAccess = Math.min(lastAccess, SITE_END);
            boolean neverLoggedIn = r.nextInt(100) < 2;
            int permission = pickWeighted(r, new int[] {2, 3, 4, 5, 25, 11, 15}, new int[] {25, 35, 20, 12, 5, 2, 1});
            long downloaded = (long) (Math.pow(r.nextDouble(), 2) * 2e12);
            long uploaded = (long) (downloaded * (0.3 + 3 * r.nextDouble())) + r.nextLong(1L << 30);
            sink.row("users_main", new Object[] {
                id, name,
                emailOf(r, name),
                Words.bcrypt(r),
                Words.alnum(r, 32),
                r.nextInt(100) < 20 ? Words.alnum(r, 32) : null,
                neverLoggedIn ? ZERO_DATE : datetime(lastAccess - r.nextLong(3600)),
                neverLoggedIn ? ZERO_DATE : datetime(lastAccess),
                ipv4(r),
                permission, // Class mirrors the permission level
                uploaded, downloaded,
                r.nextInt(100) < 3 ? Words.pick(r, Words.ADJECTIVES) + " " + Words.pick(r, Words.NOUNS) : "",
                enabled,
                r.nextInt(100) < 30 ? "a:2:{i:0;s:9:\"snatched+\";i:1;s:10:\"uploaded+\";}" : "a:0:{}",
                r.nextInt(100) < 98 ? "1" : "0",
                r.nextInt(100) < 70 ? 0 : r.nextInt(6),
                permission,
                r.nextInt(100) < 95 ? null : "a:1:{s:12:\"site_upload\";i:1;}",
                enabled.equals("1") && r.nextInt(100) < 98 ? 1 : 0,
                Words.alnum(r, 32),
                r.nextInt(100) < 60 ? 0.0 : Math.round(r.nextDouble() * 60) / 100.0,
                r.nextInt(100) < 60 ? 0.0 : Math.round(r.nextDouble() * 60) / 100.0,
                r.nextInt(100) < 70 ? "" : Words.pick(r, List.of("US", "GB", "DE", "FR", "NL", "SE", "CA", "AU", "JP", "BR")),
                r.nextInt(100) < 80 ? 0 : r.nextInt(20),
            });
        }
    }

    /** When a user joined: sign-ups spread over the site's life, a little faster early on. */
    long joinedAt(int id) {
        return SITE_START + (long) (SPAN * Math.pow((id - 0.5) / users, 0.9));
    }

    private static String uniqueUsername(SplittableRandom r, Set<String> taken, int id) {
        for (int attempt = 0; ; attempt++) {
            String base = switch (r.nextInt(4)) {
                case 0 -> Words.pick(r, Words.ADJECTIVES) + Words.pick(r, Words.NOUNS);
                case 1 -> Words.pick(r, Words.NOUNS).toLowerCase(Locale.ROOT) + r.nextInt(1000);
                case 2 -> asciiOnly(Words.pick(r, Words.FIRST_NAMES)).toLowerCase(Locale.ROOT) + "_"
                        + Words.pick(r, Words.PLURALS).toLowerCase(Locale.ROOT);
                default -> Words.pick(r, Words.PLURALS) + r.nextInt(100);
            };
            if (attempt >= 5) {
                base = Words.cut(base, 12) + id;
            }
            base = Words.cut(base, 20);
            if (taken.add(base.toLowerCase(Locale.ROOT))) {
                return base;
            }
        }
    }

    private static String emailOf(SplittableRandom r, String name) {
        StringBuilder local = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                local.append(c);
            }
        }
        if (r.nextInt(100) < 40) {
            local.append(r.nextInt(100));
        }
        return local + "@" + Words.pick(r, List.of("gmail.com", "hotmail.com", "yahoo.com", "gmx.de",
                "mail.ru", "outlook.com", "riseup.net", "protonmail.com", "web.de", "yandex.ru"));
    }

    static String ipv4(SplittableRandom r) {
        return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    // ---------------------------------------------------------------------------------------------
    // artists_group, artists_alias, wiki_artists

    /**
     * Emits the artists with their aliases and biographies; returns their names by ArtistID - 1 and
     * marks in {@code performingAliases} the artists whose second alias is a name of its own (not a
     * redirect), which releases may credit.
     */
    private String[] emitArtists(RowSink sink, BitSet performingAliases) {
        String[] names = new String[artists];
        Set<String> taken = new HashSet<>();
        int revision = 0;
        for (int a = 0; a < artists; a++) {
            int artistId = a + 1;
            SplittableRandom r = rng(S_ARTIST, artistId);
            r.nextInt(100); // the extra-alias decision, drawn when planning
            String name = uniqueName(r, taken, artistId);
            names[a] = name;
            long created = groupFirstUpload(firstGroupOf(artistId));

            SplittableRandom wr = rng(S_ARTIST_WIKI, artistId);
            revisionCount(wr, 50);
            Integer latest = null;
            long t = created;
            for (int v = 0; v < artistRevisions[a]; v++) {
                revision++;
                t = Math.min(SITE_END, t + 60 + wr.nextLong(86_400L * 200));
                String image = wr.nextInt(100) < 75 ? Words.imageUrl(wr) : "";
                sink.row("wiki_artists", new Object[] {
                    revision, artistId, artistBio(wr, name), userId(wr),
                    v == 0 ? Words.pick(wr, List.of("", "Created biography", "Added bio from the label's site"))
                            : Words.pick(wr, List.of("", "Fixed typos", "Updated biography", "Added image",
                                    "Discography links")),
                    wr.nextInt(100) < 2 ? ZERO_DATE : datetime(t),
                    image,
                });
                latest = revision;
            }

            sink.row("artists_group", new Object[] {
                artistId, name, latest, r.nextInt(1000) < 8 ? 1 : 0, r.nextInt(100) < 85 ? 0 : 1 + r.nextInt(1_000_000),
            });

            int mainAlias = aliasStart[a] + 1;
            sink.row("artists_alias", new Object[] {mainAlias, artistId, name, 0, userId(r)});
            if (aliasStart[a + 1] - aliasStart[a] > 1) {
                // A second name: either a spelling that redirects to the main one, or another name
                // the artist performs under, which releases may credit directly.
                String variant = r.nextInt(100) < 60 ? spellingVariant(name, r) : null;
                int redirect = mainAlias;
                if (variant == null || !taken.add(variant.toLowerCase(Locale.ROOT))) {
                    variant = uniqueName(r, taken, artistId);
                    redirect = 0;
                }
                if (redirect == 0) {
                    performingAliases.set(a);
                }
                sink.row("artists_alias", new Object[] {mainAlias + 1, artistId, variant, redirect, userId(r)});
            }
        }
        return names;
    }

    private static String uniqueName(SplittableRandom r, Set<String> taken, int id) {
        for (int attempt = 0; ; attempt++) {
            String name = Words.artistName(r);
            if (attempt >= 4) {
                name = name + " " + (attempt < 8 ? Words.pick(r, List.of("II", "III", "Band", "Trio", "Collective"))
                        : String.valueOf(id));
            }
            name = Words.cut(name, 200);
            if (taken.add(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }

    static String spellingVariant(String name, SplittableRandom r) {
        if (name.startsWith("The ")) {
            return name.substring(4);
        }
        if (name.contains(" & ")) {
            return name.replace(" & ", " and ");
        }
        String plain = asciiOnly(name);
        if (!plain.equals(name) && !plain.isBlank()) {
            return plain;
        }
        return r.nextBoolean() ? name.toLowerCase(Locale.ROOT) + "." : name.toUpperCase(Locale.ROOT) + "!";
    }

    static String asciiOnly(String s) {
        String decomposed = Normalizer.normalize(s.replace("Ł", "L").replace("ł", "l").replace("ø", "o"), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= 0x20 && c <= 0x7E) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    private static String artistBio(SplittableRandom r, String name) {
        return "[b]" + name + "[/b] is a " + Words.pick(r, Words.GENRE_TAGS).replace('.', ' ') + " act formed in "
                + (1950 + r.nextInt(60)) + ".\n\n" + Words.paragraph(r, 2 + r.nextInt(4))
                + (r.nextInt(100) < 40 ? "\n\n[url=https://www.discogs.com/artist/" + (1000 + r.nextInt(5_000_000))
                        + "]Discogs[/url]" : "");
    }

    /** The first group that credits an artist: artists are created by uploads, spread evenly over the groups. */
    private int firstGroupOf(int artistId) {
        // Group g introduces artist floor((g+1)*A/G) when that value grows; invert it.
        long g = ((long) artistId * groups + artists - 1) / artists - 1;
        return (int) Math.max(0, Math.min(groups - 1, g));
    }

    /** The artist a group introduces, or 0 when it credits only existing artists. */
    private int introducedArtist(int g) {
        long before = (long) g * artists / groups;
        long after = (long) (g + 1) * artists / groups;
        return after > before ? (int) after : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // torrents_group, torrents_artists, torrents_tags, wiki_torrents

    /** What a release group is, drawn from the group's own stream so that torrents can recompute it. */
    record GroupCore(int id, int category, int releaseType, String name, int year, String recordLabel,
                     String catalogueNumber, int mainArtist, int uploader, int vanityHouse, long firstUpload) {
        boolean music() {
            return category == 1;
        }
    }

    GroupCore groupCore(int g, String[] artistNames) {
        int id = g + 1;
        SplittableRandom r = rng(S_GROUP, id);
        int category = category(r);
        int releaseType = category == 1 ? releaseType(r) : 0;
        int introduced = introducedArtist(g);
        int mainArtist;
        if (category != 1) {
            mainArtist = 0;
        } else if (introduced > 0) {
            mainArtist = introduced;
        } else {
            int known = Math.max(1, (int) ((long) g * artists / groups));
            mainArtist = 1 + (r.nextBoolean() ? (int) (known * Math.pow(r.nextDouble(), 2)) : r.nextInt(known));
        }
        String artistName = mainArtist > 0 ? artistNames[mainArtist - 1] : "";
        int year = category == 1 || category == 4 || category == 6 ? 1950 + (int) (67 * Math.pow(r.nextDouble(), 0.6)) : 0;
        String name = switch (category) {
            case 1 -> albumTitle(r, releaseType, artistName);
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
        return new GroupCore(id, category, releaseType, Words.cut(name, 300), year, label, catno, mainArtist,
                userId(r), r.nextInt(1000) < 5 ? 1 : 0, groupFirstUpload(g));
    }

    private void emitGroups(RowSink sink, String[] artistNames, BitSet performingAliases, String[] tagNames,
                            int[] uses) {
        int revision = 0;
        int maxTags = Math.min(MAX_TAGS_PER_GROUP, tags);
        int genreTags = Math.min(tags, Words.GENRE_TAGS.size());
        for (int g = 0; g < groups; g++) {
            GroupCore core = groupCore(g, artistNames);
            int id = core.id();

            // Wiki revisions: the group's first upload wrote the first one; later edits follow.
            SplittableRandom wr = rng(S_GROUP_WIKI, id);
            revisionCount(wr, 60);
            Object[] latest = null;
            long t = core.firstUpload();
            for (int v = 0; v < groupRevisions[g]; v++) {
                revision++;
                t = v == 0 ? t : Math.min(SITE_END, t + 60 + wr.nextLong(86_400L * 300));
                Object[] row = {
                    revision, id, groupWiki(wr, core, artistNames), v == 0 ? core.uploader() : userId(wr),
                    v == 0 ? "Uploaded new torrent" : Words.pick(wr, List.of("", "Added tracklist", "Fixed typo",
                            "Better cover", "Added label info", "Description from the label")),
                    wr.nextInt(100) < 2 ? ZERO_DATE : datetime(t),
                    wr.nextInt(100) < 85 ? Words.imageUrl(wr) : "",
                };
                sink.row("wiki_torrents", row);
                latest = row;
            }

            // Tags: the first is a genre; the rest skew towards the popular ones.
            SplittableRandom tr = rng(S_GROUP_TAGS, id);
            poisson(tr, 4);
            int count = Math.min(groupTags[g], maxTags);
            int[] chosen = new int[count];
            for (int i = 0; i < count; i++) {
                int tag;
                do {
                    tag = i == 0 ? (int) (genreTags * Math.pow(tr.nextDouble(), 2)) : (int) (tags * Math.pow(tr.nextDouble(), 3));
                } while (contains(chosen, i, tag));
                chosen[i] = tag;
            }
            String tagList = tagList(chosen, tagNames);

            long last = SITE_START + groupLastUpload[g];
            sink.row("torrents_group", new Object[] {
                id, 0, core.category(), core.name(), core.year(), core.catalogueNumber(), core.recordLabel(),
                core.releaseType(), tagList,
                rng(S_GROUP, -id).nextInt(100) < 2 ? ZERO_DATE : datetime(last),
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
                    chosen[i] + 1, id, (atUpload ? 10 : 1) + 2 * up, 1 + down, atUpload ? core.uploader() : userId(tr),
                });
            }
        }
    }

    private void emitCredits(RowSink sink, int g, GroupCore core, BitSet performingAliases) {
        int n = groupCredits[g];
        if (n == 0) {
            return;
        }
        SplittableRandom r = rng(S_CREDITS, core.id());
        creditCount(r, core.releaseType());
        int known = Math.max(1, (int) ((long) (g + 1) * artists / groups));
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
                            : pickWeighted(r, new int[] {1, 2, 3, 4, 5, 6, 7}, new int[] {20, 45, 10, 6, 3, 4, 12});
                }
                if (++attempts > 50) {
                    artist = 1 + (artist + attempts) % artists;
                }
            } while (!used.add((long) artist * 8 + importance));
            // Credited under the main name, or under another name the artist performs as. The upload
            // form resolves a redirecting spelling to its target, so redirects are never credited.
            int alias = aliasStart[artist - 1] + 1;
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
    public static String tagList(List<String> tagNames) {
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
            List<String> tracks = tracks(core).titles();
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

    // ---------------------------------------------------------------------------------------------
    // tracks and torrents

    record Tracks(List<String> titles, int[] seconds) {
    }

    /** A group's tracks, the same for every edition and format of it. */
    Tracks tracks(GroupCore core) {
        SplittableRandom r = rng(S_TRACKS, core.id());
        int n = switch (core.releaseType()) {
            case 9 -> 1 + r.nextInt(4);
            case 5 -> 4 + r.nextInt(4);
            case 6, 7 -> 15 + r.nextInt(26);
            case 11, 14 -> 10 + r.nextInt(12);
            case 16 -> 12 + r.nextInt(14);
            case 15 -> 1 + r.nextInt(3);
            default -> core.music() ? 8 + r.nextInt(9) : 1 + r.nextInt(12);
        };
        List<String> titles = new ArrayList<>(n);
        int[] seconds = new int[n];
        for (int i = 0; i < n; i++) {
            titles.add(Words.trackTitle(r));
            seconds[i] = 90 + r.nextInt(330) + (r.nextInt(20) == 0 ? r.nextInt(900) : 0);
        }
        return new Tracks(titles, seconds);
    }

    record Edition(String media, String remastered, Integer remasterYear, String remasterTitle,
                   String remasterLabel, String remasterCatalogueNumber) {
    }

    Edition edition(int torrentId, GroupCore core) {
        if (!core.music()) {
            return new Edition("", "0", 0, "", "", "");
        }
        SplittableRandom r = rng(S_EDITION, torrentId);
        String media = MEDIA[pickIndex(r, MEDIA_WEIGHTS)];
        int roll = r.nextInt(100);
        if (roll < 33) {
            int year = Math.min(2016, Math.max(core.year(), 1950) + (int) ((2017 - core.year()) * r.nextDouble()));
            return new Edition(media, "1", year,
                    r.nextInt(100) < 25 ? "" : Words.pick(r, Words.REMASTER_TITLES),
                    r.nextInt(100) < 20 ? "" : Words.pick(r, Words.LABELS),
                    r.nextInt(100) < 30 ? "" : catalogueNumber(r));
        } else if (roll < 35) {
            // "Unknown release": flagged as remastered, with every edition field left blank.
            return new Edition(media, "1", 0, "", "", "");
        }
        // Not remastered: the empty year field is stored as 0; the oldest rows predate the field.
        return new Edition(media, "0", torrentId <= torrents / 12 ? null : 0, "", "", "");
    }

    private static final int[] LOG_SCORES = {99, 95, 90, 85, 80, 79, 70, 60, 50, 30, 0};
    static final String[] MEDIA = {"CD", "WEB", "Vinyl", "DVD", "SACD", "Soundboard", "Cassette", "DAT", "BD"};
    static final int[] MEDIA_WEIGHTS = {550, 200, 140, 20, 20, 20, 30, 5, 15};
    private static final String[] MP3_ENCODINGS = {"320", "V0 (VBR)", "V2 (VBR)", "256", "192", "V1 (VBR)", "APS (VBR)", "APX (VBR)"};
    private static final int[] MP3_WEIGHTS = {35, 33, 15, 5, 7, 2, 2, 1};

    void emitTorrents(RowSink sink, String[] artistNames) {
        int[] lastFlac = new int[groups];
        int gi = 0;
        int k = 0;
        int id = 0;
        while (gi < groups || k < extras) {
            boolean first = k >= extras || (gi < groups && groupFirstUpload(gi) <= extraUploadTime(k));
            int g = first ? gi++ : extraGroup[k++];
            long time = first ? groupFirstUpload(g) : extraUploadTime(k - 1);
            id++;
            GroupCore core = groupCore(g, artistNames);
            Object[] row = torrentRow(id, core, first, time, lastFlac[g], artistNames);
            if ("FLAC".equals(row[4])) {
                lastFlac[g] = id;
            }
            sink.row("torrents", row);
        }
    }

    /** One row of torrents, in catalogue column order. */
    Object[] torrentRow(int id, GroupCore core, boolean firstOfGroup, long time, int flacSource, String[] artistNames) {
        SplittableRandom r = rng(S_TORRENT, id);
        Edition edition;
        String format;
        String encoding;
        int transcodedFrom = 0;
        if (!core.music()) {
            edition = edition(id, core);
            boolean audio = core.category() == 4 || core.category() == 6;
            format = audio ? (r.nextInt(100) < 80 ? "MP3" : "AAC") : "";
            encoding = audio ? ("MP3".equals(format) ? MP3_ENCODINGS[pickIndex(r, MP3_WEIGHTS)] : "256") : "";
        } else if (flacSource > 0 && r.nextInt(100) < 45) {
            // A transcode of the group's latest FLAC: same edition, lossy format.
            edition = edition(flacSource, core);
            format = "MP3";
            encoding = Words.pick(r, List.of("320", "V0 (VBR)", "V0 (VBR)", "V2 (VBR)"));
            transcodedFrom = r.nextInt(100) < 70 ? flacSource : 0;
        } else {
            edition = edition(id, core);
            String[] fe = formatFor(edition.media(), r);
            format = fe[0];
            encoding = fe[1];
        }
        boolean flac = "FLAC".equals(format);
        boolean scene = core.music() && r.nextInt(100) < (edition.media().equals("WEB") ? 15 : 6);
        boolean hasLog = flac && edition.media().equals("CD") && !scene && r.nextInt(100) < 85;
        boolean hasCue = hasLog ? r.nextInt(100) < 85 : flac && edition.media().equals("CD") && r.nextInt(100) < 15;
        // EAC log scores: most logs are perfect, the rest lose points for settings and read errors.
        int logScore = !hasLog ? 0 : r.nextInt(100) < 70 ? 100 : LOG_SCORES[r.nextInt(LOG_SCORES.length)];

        String artistName = core.mainArtist() > 0 ? artistNames[core.mainArtist() - 1] : "";
        FileSet files = files(core, format, encoding, hasLog, hasCue, scene, artistName, r);
        String folder = folderName(core, artistName, edition, format, encoding);
        boolean oldDelimiter = time < SITE_START + 86_400L * 240 && r.nextInt(100) < 50;

        int age = (int) Math.max(1, (SITE_END - time) / 86_400);
        int seeders = r.nextInt(100) < 15 ? 0 : (int) Math.exp(r.nextDouble() * (age > 2000 ? 3.5 : 5.0));
        int leechers = r.nextInt(100) < 70 ? 0 : 1 + r.nextInt(6);
        long snatched = seeders + (long) Math.exp(r.nextDouble() * 6.5) - 1;
        String lastAction = seeders > 0 ? datetime(SITE_END - r.nextLong(86_400L * 3))
                : snatched > 0 && r.nextInt(100) < 90 ? datetime(time + r.nextLong(Math.max(1, SITE_END - time)))
                : ZERO_DATE;
        int freeRoll = r.nextInt(1000);
        String free = freeRoll < 975 ? "0" : freeRoll < 992 ? "1" : "2";
        return new Object[] {
            id, core.id(),
            firstOfGroup ? core.uploader() : userId(r),
            edition.media(), format, encoding,
            edition.remastered(), edition.remasterYear(), Words.cut(edition.remasterTitle(), 80),
            edition.remasterCatalogueNumber(), edition.remasterLabel(),
            scene ? "1" : "0", hasLog ? "1" : "0", hasCue ? "1" : "0", logScore,
            infoHash(id),
            files.names().size(),
            FileLists.format(files.names(), files.sizes(), oldDelimiter),
            files.names().size() == 1 ? "" : folder,
            files.total(),
            leechers, seeders, lastAction,
            free, free.equals("0") ? "0" : String.valueOf(1 + r.nextInt(4)),
            r.nextInt(100) < 2 ? ZERO_DATE : datetime(time),
            description(r, core, edition, format, hasLog, transcodedFrom),
            snatched,
            r.nextLong(-(1L << 34), 1L << 36),
            r.nextInt(100) < 2 ? datetime(Math.min(SITE_END, time + r.nextLong(86_400L * 700))) : ZERO_DATE,
            transcodedFrom,
        };
    }

    static String[] formatFor(String media, SplittableRandom r) {
        int roll = r.nextInt(100);
        return switch (media) {
            case "CD" -> roll < 50 ? new String[] {"FLAC", "Lossless"} : mp3(r);
            case "WEB" -> roll < 35 ? new String[] {"FLAC", "Lossless"} : roll < 45 ? new String[] {"FLAC", "24bit Lossless"}
                    : roll < 52 ? new String[] {"AAC", r.nextBoolean() ? "256" : "320"}
                    : roll < 55 ? new String[] {"Ogg Vorbis", "q8.x (VBR)"} : mp3(r);
            case "Vinyl" -> roll < 40 ? new String[] {"FLAC", "24bit Lossless"} : roll < 55 ? new String[] {"FLAC", "Lossless"} : mp3(r);
            case "SACD", "DVD", "BD" -> roll < 70 ? new String[] {"FLAC", "24bit Lossless"}
                    : roll < 85 ? new String[] {"FLAC", "Lossless"} : mp3(r);
            default -> roll < 50 ? new String[] {"FLAC", "Lossless"} : roll < 60 ? new String[] {"FLAC", "24bit Lossless"} : mp3(r);
        };
    }

    private static String[] mp3(SplittableRandom r) {
        return new String[] {"MP3", MP3_ENCODINGS[pickIndex(r, MP3_WEIGHTS)]};
    }

    record FileSet(List<String> names, List<Long> sizes, long total) {
    }

    private FileSet files(GroupCore core, String format, String encoding, boolean hasLog, boolean hasCue, boolean scene,
                          String artistName, SplittableRandom r) {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        Tracks tracks = tracks(core);
        String safeArtist = safeFileName(artistName);
        String safeTitle = safeFileName(core.name());
        switch (core.category()) {
            case 1, 4, 6 -> {
                String ext = switch (format) {
                    case "FLAC" -> "flac";
                    case "AAC" -> "m4a";
                    case "Ogg Vorbis" -> "ogg";
                    default -> "mp3";
                };
                double kbps = bitrate(encoding, r);
                boolean discs = tracks.titles().size() > 20 && r.nextBoolean();
                int perDisc = (tracks.titles().size() + 1) / 2;
                for (int i = 0; i < tracks.titles().size(); i++) {
                    String prefix = discs ? "CD" + (i < perDisc ? 1 : 2) + "/" : "";
                    int number = discs && i >= perDisc ? i - perDisc + 1 : i + 1;
                    String name = core.category() == 4 ? "Chapter " + twoDigits(number) + "." + ext
                            : prefix + twoDigits(number) + " - " + safeFileName(tracks.titles().get(i)) + "." + ext;
                    names.add(name);
                    sizes.add((long) (tracks.seconds()[i] * kbps * 125) + r.nextInt(65_536));
                }
                if (hasLog) {
                    names.add(safeArtist + " - " + safeTitle + ".log");
                    sizes.add(4_000L + r.nextInt(12_000));
                }
                if (hasCue) {
                    names.add(safeArtist + " - " + safeTitle + ".cue");
                    sizes.add(800L + r.nextInt(2_000));
                }
                if (scene) {
                    String base = "00-" + (safeArtist + "-" + safeTitle).toLowerCase(Locale.ROOT).replace(' ', '_');
                    names.add(base + ".nfo");
                    sizes.add(2_000L + r.nextInt(6_000));
                    names.add(base + ".sfv");
                    sizes.add(200L + 40L * tracks.titles().size());
                    names.add(base + ".m3u");
                    sizes.add(100L + 30L * tracks.titles().size());
                }
                if (r.nextInt(100) < 65) {
                    names.add(Words.pick(r, List.of("cover", "folder", "Front")) + "." + Words.pick(r, Words.EXTENSIONS_ART));
                    sizes.add(30_000L + r.nextInt(900_000));
                }
                if (r.nextInt(100) < 8) {
                    for (String scan : List.of("Scans/Back.jpg", "Scans/Booklet 01.jpg", "Scans/Booklet 02.jpg", "Scans/Disc.jpg")) {
                        names.add(scan);
                        sizes.add(500_000L + r.nextInt(4_000_000));
                    }
                }
            }
            case 2 -> {
                names.add(safeTitle + Words.pick(r, List.of(".dmg", ".zip", ".iso", ".exe")));
                sizes.add(5_000_000L + r.nextLong(4_000_000_000L));
                if (r.nextBoolean()) {
                    names.add("readme.txt");
                    sizes.add(500L + r.nextInt(5_000));
                }
            }
            case 3 -> {
                names.add(safeTitle + Words.pick(r, List.of(".epub", ".pdf", ".mobi")));
                sizes.add(200_000L + r.nextInt(40_000_000));
            }
            case 5 -> {
                for (int i = 0; i < tracks.titles().size(); i++) {
                    names.add(twoDigits(i + 1) + " - " + safeFileName(tracks.titles().get(i)) + ".mp4");
                    sizes.add(20_000_000L + r.nextInt(400_000_000));
                }
            }
            default -> {
                for (int i = 0; i < Math.max(1, tracks.titles().size() / 4); i++) {
                    names.add(String.format(Locale.ROOT, "%s %03d.cbr", safeTitle, i + 1));
                    sizes.add(10_000_000L + r.nextInt(60_000_000));
                }
            }
        }
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        return new FileSet(names, sizes, total);
    }

    static double bitrate(String encoding, SplittableRandom r) {
        return switch (encoding) {
            case "Lossless" -> 750 + r.nextInt(300);
            case "24bit Lossless" -> 2_000 + r.nextInt(2_500);
            case "320" -> 320;
            case "256" -> 256;
            case "192" -> 192;
            case "V0 (VBR)", "APX (VBR)" -> 230 + r.nextInt(30);
            case "V1 (VBR)", "APS (VBR)" -> 200 + r.nextInt(30);
            case "V2 (VBR)" -> 175 + r.nextInt(30);
            case "q8.x (VBR)" -> 256;
            default -> 128;
        };
    }

    /** Drops the characters file systems reject, as clients do when they name files after tags. */
    static String safeFileName(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
                    || c == '>' || c == '|';
            if (bad && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!bad && b != null) {
                b.append(c);
            }
        }
        return (b == null ? s : b.toString()).strip();
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String folderName(GroupCore core, String artistName, Edition edition, String format, String encoding) {
        String name;
        if (core.music()) {
            String enc = encoding.equals("Lossless") ? "" : " " + encoding.replace(" (VBR)", "");
            name = safeFileName(artistName) + " - " + safeFileName(core.name()) + " (" + core.year() + ")"
                    + (edition.media().equals("CD") ? "" : " [" + edition.media() + "]")
                    + " [" + format + enc + "]";
        } else {
            name = safeFileName(core.name());
        }
        return Words.cut(name, 255);
    }

    private static String description(SplittableRandom r, GroupCore core, Edition edition, String format,
                                      boolean hasLog, int transcodedFrom) {
        int roll = r.nextInt(100);
        if (roll < 45) {
            return "";
        }
        if (transcodedFrom > 0) {
            return "Transcoded from [url=torrents.php?torrentid=" + transcodedFrom + "]the FLAC[/url] with LAME 3.99.5.";
        }
        if (hasLog && roll < 75) {
            return "[b]Ripped with EAC[/b] v1.0 beta " + (1 + r.nextInt(4)) + ", secure mode, "
                    + Words.pick(r, List.of("PLEXTOR DVDR PX-760A", "HL-DT-ST DVDRAM GH22NS50", "TSSTcorp CDDVDW SH-S223C"))
                    + " (read offset +" + (6 + r.nextInt(700)) + ")\n[hide=Spectrals][img]" + Words.imageUrl(r) + "[/img][/hide]";
        }
        if (core.music() && edition.media().equals("Vinyl")) {
            return "[b]Lineage:[/b] Vinyl > " + Words.pick(r, List.of("Rega P3", "Technics SL-1200MK2", "Pro-Ject Debut"))
                    + " > " + Words.pick(r, List.of("Audio-Technica AT95E", "Ortofon 2M Red", "Shure M97xE"))
                    + " > RME Babyface > Audacity > " + format + "\n[i]Cleaned with a wet wash before recording.[/i]";
        }
        if (roll < 85) {
            return "[url=https://www.discogs.com/release/" + (10_000 + r.nextInt(9_000_000)) + "]Discogs[/url]";
        }
        return "[size=3]" + Words.sentence(r) + "[/size]\n[quote]" + Words.paragraph(r, 2) + "[/quote]";
    }

    /** info_hash is the SHA-1 of a torrent's info dictionary: 20 bytes, unique. */
    byte[] infoHash(int torrentId) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(20).putLong(seed).putLong(torrentId).putInt(0x696E666F).array());
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // tags

    /** Tag names by TagID - 1: the genres first, then qualifiers and genre blends. */
    String[] tagNames() {
        String[] names = new String[tags];
        Set<String> taken = new HashSet<>();
        SplittableRandom r = rng(S_TAG, 0);
        int i = 0;
        for (String genre : Words.GENRE_TAGS) {
            if (i == tags) {
                break;
            }
            names[i++] = genre;
            taken.add(genre);
        }
        int misses = 0;
        while (i < tags) {
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

    private void emitTags(RowSink sink, String[] names, int[] uses) {
        int genres = Words.GENRE_TAGS.size();
        for (int i = 0; i < tags; i++) {
            SplittableRandom r = rng(S_TAG, i + 1);
            sink.row("tags", new Object[] {i + 1, names[i], i < genres ? "genre" : "other", uses[i], userId(r)});
        }
    }

    // ---------------------------------------------------------------------------------------------
    // pm_conversations, pm_messages

    private void emitMessages(RowSink sink) {
        int messageId = 0;
        for (int c = 0; c < conversations; c++) {
            int convId = c + 1;
            SplittableRandom r = rng(S_CONVERSATION, convId);
            String subject = Words.pick(r, List.of("Reseed request", "Your upload of ", "Re: trade?", "Hello!",
                    "Question about your log", "Thanks for the FLAC", "Invite", "Collage help", "Request filled: "));
            if (subject.endsWith(" ")) {
                subject = subject + Words.title(r);
            }
            int a = userId(r);
            int b = 1 + r.nextInt(users);
            long t = SITE_START + (long) (SPAN * ((c + r.nextDouble()) / conversations));
            sink.row("pm_conversations", new Object[] {convId, Words.cut(subject, 255)});
            for (int m = 0; m < messagesPerConversation[c]; m++) {
                messageId++;
                SplittableRandom mr = rng(S_MESSAGE, messageId);
                t = Math.min(SITE_END, t + mr.nextLong(86_400L * 3));
                sink.row("pm_messages", new Object[] {
                    messageId, convId, mr.nextInt(100) < 2 ? ZERO_DATE : datetime(t), m % 2 == 0 ? a : b,
                    messageBody(mr),
                });
            }
        }
    }

    private static String messageBody(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> "Hi! Could you reseed [url=torrents.php?torrentid=" + (1 + r.nextInt(1_000_000))
                    + "]this one[/url]? I've been stuck at 99.8% for a week.";
            case 1 -> "Thanks a lot, that " + Words.pick(r, Words.GENRE_TAGS).replace('.', ' ')
                    + " record is amazing. My IRC nick is " + Words.token(r, 8) + " if you want to chat.";
            case 2 -> "[quote]" + Words.sentence(r) + "[/quote]\nAgreed. " + Words.sentence(r);
            case 3 -> "Your log scored " + (50 + r.nextInt(50)) + "%, please check the drive offset and re-rip.";
            default -> Words.paragraph(r, 1 + r.nextInt(3));
        };
    }

    // ---------------------------------------------------------------------------------------------
    // shared draws

    private SplittableRandom rng(long salt, long id) {
        return new SplittableRandom(mix64(mix64(seed + salt * 0x9E3779B97F4A7C15L) ^ id));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int scaled(double base, double scale, int floor) {
        return (int) Math.max(floor, Math.round(base * scale));
    }

    /** Uploads by few users dominate: the uploader is drawn with a strong skew to low ids. */
    private int userId(SplittableRandom r) {
        return 1 + Math.min(users - 1, (int) (users * Math.pow(r.nextDouble(), 3)));
    }

    long groupFirstUpload(int g) {
        long jitter = Math.floorMod(mix64(seed ^ (g * 31L + 7)), 60L);
        return SITE_START + (long) (SPAN * Math.pow((g + 0.5) / groups, 0.8)) + jitter;
    }

    private long extraUploadTime(int k) {
        long jitter = Math.floorMod(mix64(seed ^ (k * 37L + 11)), 60L);
        long t = SITE_START + (long) (SPAN * Math.pow((k + 0.5) / extras, 0.8)) + jitter;
        return Math.min(SITE_END, Math.max(t, groupFirstUpload(extraGroup[k]) + 60));
    }

    static String datetime(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).format(DATETIME);
    }

    /** Music dominates; the other categories are small. */
    private static int category(SplittableRandom r) {
        return 1 + pickIndex(r, new int[] {920, 20, 25, 10, 5, 10, 10});
    }

    private static final int[] RELEASE_TYPES = {1, 3, 5, 6, 7, 9, 11, 13, 14, 15, 16, 21};
    private static final int[] RELEASE_TYPE_WEIGHTS = {550, 30, 120, 20, 50, 100, 40, 20, 15, 5, 20, 30};

    static int releaseType(SplittableRandom r) {
        return RELEASE_TYPES[pickIndex(r, RELEASE_TYPE_WEIGHTS)];
    }

    /** About 1.3 credits per group: compilations credit many artists, most albums one. */
    private static int creditCount(SplittableRandom r, int releaseType) {
        if (releaseType == 7) {
            return 3 + r.nextInt(6);
        }
        int roll = r.nextInt(100);
        return roll < 82 ? 1 : roll < 96 ? 2 : 3;
    }

    /** Revisions of a wiki page: none for (100 - percentWithWiki)%, else mostly one (mean about 1.2). */
    static int revisionCount(SplittableRandom r, int percentWithWiki) {
        if (r.nextInt(100) >= percentWithWiki) {
            return 0;
        }
        int roll = r.nextInt(100);
        return roll < 83 ? 1 : roll < 98 ? 2 : 3;
    }

    private static int poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static int pickIndex(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static int pickWeighted(SplittableRandom r, int[] values, int[] weights) {
        return values[pickIndex(r, weights)];
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
