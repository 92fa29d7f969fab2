package org.herd.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Live changes to a loaded WhatCD database, written the way Gazelle's PHP code and the Ocelot
 * tracker write them: the same statements in the same order, so that the binlog carries what a
 * real site's binlog carries (including the no-op updates, the ghost rows of a tracker flush and
 * the denormalised copies Gazelle keeps in step).
 *
 * <p>Deterministic: the same seed on the same database contents makes the same changes. Time is
 * simulated: the clock starts at the newest upload and advances a little with every step, so no
 * value depends on when the workload runs.
 *
 * <p>The workload owns its connection while it runs: it sets Gazelle's non-strict sql_mode, turns
 * auto-commit off and runs every step in a transaction of its own.
 */
public final class GazelleWorkload implements SiteWorkload {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] KINDS = {
        "newUpload", "editRelease", "voteTag", "deleteTorrent", "renameArtist", "addWikiRevision",
        "addToCollage", "voteOnRequest", "deleteCollage", "newForumPost", "newComment", "moveTopic",
        "voteAlbum"};
    private static final int[] KIND_WEIGHTS = {25, 15, 25, 8, 5, 12, 8, 8, 1, 20, 10, 2, 10};

    private final Connection connection;
    private final SplittableRandom random;
    private final long seed;
    private long clock;
    private long uploads;
    private int maxTorrent;
    private int maxGroup;
    private int maxArtist;
    private int maxTag;
    private int maxUser;
    private int maxConversation;
    private int maxCollage;
    private int maxRequest;
    private int maxTopic;
    /** Torrents deleted recently: the tracker still has them and flushes their statistics. */
    private final Deque<Integer> recentlyDeleted = new ArrayDeque<>();

    public GazelleWorkload(Connection connection, long seed) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
        }
        connection.setAutoCommit(false);
        maxTorrent = max("torrents", "ID");
        maxGroup = max("torrents_group", "ID");
        maxArtist = max("artists_group", "ArtistID");
        maxTag = max("tags", "ID");
        maxUser = max("users_main", "ID");
        maxConversation = max("pm_conversations", "ID");
        maxCollage = max("collages", "ID");
        maxRequest = max("requests", "ID");
        maxTopic = max("forums_topics", "ID");
        String newest = queryString("SELECT DATE_FORMAT(MAX(Time), '%Y-%m-%d %H:%i:%s') FROM torrents "
                + "WHERE Time > '1000-01-01'");
        clock = newest == null ? GazelleDataGenerator.SITE_END
                : LocalDateTime.parse(newest, DATETIME).toEpochSecond(ZoneOffset.UTC);
        connection.commit();
        if (maxGroup == 0 || maxUser == 0 || maxArtist == 0) {
            throw new IllegalStateException("the workload needs a loaded database: torrents_group has " + maxGroup
                    + " rows, users_main " + maxUser + ", artists_group " + maxArtist);
        }
    }

    /**
     * A step found nothing to act on: a small site whose collages were all deleted, whose requests
     * are all filled. Its transaction has been rolled back.
     */
    public static final class NothingToPick extends IllegalStateException {
        NothingToPick(String message) {
            super(message);
        }
    }

    /**
     * One public change, chosen at random with the weights of a busy music site. A kind that finds
     * nothing to act on on this site (see {@link NothingToPick}) becomes an upload, which always
     * can, so that a long run on a small site keeps writing.
     */
    @Override
    public WorkloadStep step() throws SQLException {
        try {
            return randomStep();
        } catch (NothingToPick e) {
            return newUpload();
        }
    }

    private WorkloadStep randomStep() throws SQLException {
        return switch (KINDS[GazelleDataGenerator.pickIndex(random, KIND_WEIGHTS)]) {
            case "newUpload" -> newUpload();
            case "editRelease" -> editRelease();
            case "voteTag" -> voteTag();
            case "deleteTorrent" -> deleteTorrent();
            case "renameArtist" -> renameArtist();
            case "addToCollage" -> addToCollage();
            case "voteOnRequest" -> voteOnRequest();
            case "deleteCollage" -> deleteCollage();
            case "newForumPost" -> newForumPost();
            case "newComment" -> newComment();
            case "moveTopic" -> moveTopic();
            case "voteAlbum" -> voteAlbum();
            default -> addWikiRevision();
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Uploads

    /**
     * An upload as upload_handle does it. Into a new group (30%): the group with its description,
     * artist credits (creating the artist and its alias when new), the first wiki revision, the
     * tags (insert or count up tags.Uses by name, then the group's torrents_tags); into an existing
     * group: the group's Time moves to now. Then the torrent, then the group's TagList recomputed
     * from torrents_tags and its torrents queued for the search index, as update_hash does after
     * every upload.
     */
    public WorkloadStep newUpload() throws SQLException {
        return inTransaction(() -> {
            tick();
            int user = user();
            String now = now();
            int groupId;
            String groupName;
            int year;
            String artistName;
            List<String> trackTitles = null;
            Integer existing = random.nextInt(100) < 70 ? pickMusicGroup() : null;
            if (existing != null) {
                groupId = existing;
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT Name, Year FROM torrents_group WHERE ID = ?")) {
                    ps.setInt(1, groupId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        groupName = rs.getString(1);
                        year = rs.getInt(2);
                    }
                }
                artistName = Objects.requireNonNullElse(queryString(
                        "SELECT aa.Name FROM torrents_artists ta JOIN artists_alias aa ON aa.AliasID = ta.AliasID "
                                + "WHERE ta.GroupID = " + groupId + " ORDER BY ta.Importance, ta.ArtistID LIMIT 1"), "");
                trackTitles = existingTracks(groupId);
                update("UPDATE torrents_group SET Time = ? WHERE ID = ?", now, groupId);
            } else {
                int releaseType = ReleaseGroupsGenerator.releaseType(random);
                year = 1950 + (int) (67 * Math.pow(random.nextDouble(), 0.6));
                int[] artist = random.nextInt(100) < 25 ? newArtist(user) : existingArtist();
                artistName = queryString("SELECT Name FROM artists_alias WHERE AliasID = " + artist[1]);
                groupName = Words.cut(ReleaseGroupsGenerator.albumTitle(random, releaseType, artistName), 300);
                String body = "[b]" + groupName + "[/b] by [artist]" + artistName + "[/artist] (" + year + ")\n\n"
                        + Words.paragraph(random, 1 + random.nextInt(3));
                String image = random.nextInt(100) < 85 ? Words.imageUrl(random) : "";
                boolean labelled = random.nextInt(100) < 70;
                // TagList is left out as upload_handle leaves it out: the non-strict server stores ''
                // until the search-index refresh below fills it in.
                groupId = insert("INSERT INTO torrents_group (ArtistID, CategoryID, Name, Year, RecordLabel, "
                                + "CatalogueNumber, Time, WikiBody, WikiImage, ReleaseType, VanityHouse) "
                                + "VALUES (0, 1, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                        groupName, year, labelled ? Words.pick(random, Words.LABELS) : "",
                        labelled ? ReleaseGroupsGenerator.catalogueNumber(random) : "", now, body, image, releaseType);
                maxGroup = Math.max(maxGroup, groupId);
                update("INSERT IGNORE INTO torrents_artists (GroupID, ArtistID, AliasID, UserID, Importance) "
                        + "VALUES (?, ?, ?, ?, '1')", groupId, artist[0], artist[1], user);
                if (random.nextInt(100) < 15) {
                    int[] guest = existingArtist();
                    update("INSERT IGNORE INTO torrents_artists (GroupID, ArtistID, AliasID, UserID, Importance) "
                            + "VALUES (?, ?, ?, ?, ?)", groupId, guest[0], guest[1], user,
                            String.valueOf(GazelleDataGenerator.pickWeighted(random, new int[] {2, 7, 3, 4}, new int[] {60, 20, 10, 10})));
                }
                int revision = insert("INSERT INTO wiki_torrents (PageID, Body, UserID, Summary, Time, Image) "
                        + "VALUES (?, ?, ?, 'Uploaded new torrent', ?, ?)", groupId, body, user, now, image);
                update("UPDATE torrents_group SET RevisionID = ? WHERE ID = ?", revision, groupId);
                for (String tag : uploadTags()) {
                    update("INSERT INTO tags (Name, UserID) VALUES (?, ?) ON DUPLICATE KEY UPDATE Uses = Uses + 1", tag, user);
                    int tagId = queryInt("SELECT ID FROM tags WHERE Name = ?", tag);
                    maxTag = Math.max(maxTag, tagId);
                    update("INSERT INTO torrents_tags (TagID, GroupID, UserID, PositiveVotes) VALUES (?, ?, ?, 10) "
                            + "ON DUPLICATE KEY UPDATE PositiveVotes = PositiveVotes + 1", tagId, groupId, user);
                }
            }
            int torrentId = insertTorrent(groupId, groupName, year, artistName, trackTitles, user, now);
            updateHash(groupId);
            return new WorkloadStep("newUpload", "torrents", String.valueOf(torrentId));
        });
    }

    private int insertTorrent(int groupId, String groupName, int year, String artistName, List<String> trackTitles,
                              int user, String now) throws SQLException {
        String media = TorrentsGenerator.MEDIA[GazelleDataGenerator.pickIndex(random, TorrentsGenerator.MEDIA_WEIGHTS)];
        String[] fe = TorrentsGenerator.formatFor(media, random);
        boolean flac = fe[0].equals("FLAC");
        boolean scene = random.nextInt(100) < 6;
        boolean hasLog = flac && media.equals("CD") && !scene && random.nextInt(100) < 85;
        boolean hasCue = hasLog && random.nextInt(100) < 85;
        boolean remastered = random.nextInt(100) < 33;
        if (trackTitles == null || trackTitles.isEmpty()) {
            trackTitles = new ArrayList<>();
            for (int i = 8 + random.nextInt(8); i > 0; i--) {
                trackTitles.add(Words.trackTitle(random));
            }
        }
        String ext = switch (fe[0]) {
            case "FLAC" -> "flac";
            case "AAC" -> "m4a";
            case "Ogg Vorbis" -> "ogg";
            default -> "mp3";
        };
        double kbps = TorrentsGenerator.bitrate(fe[1], random);
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < trackTitles.size(); i++) {
            names.add((i < 9 ? "0" : "") + (i + 1) + " - " + TorrentsGenerator.safeFileName(trackTitles.get(i)) + "." + ext);
            sizes.add((long) ((120 + random.nextInt(300)) * kbps * 125));
        }
        if (hasLog) {
            names.add(TorrentsGenerator.safeFileName(artistName + " - " + groupName) + ".log");
            sizes.add(4_000L + random.nextInt(12_000));
        }
        if (hasCue) {
            names.add(TorrentsGenerator.safeFileName(artistName + " - " + groupName) + ".cue");
            sizes.add(800L + random.nextInt(2_000));
        }
        names.add("cover.jpg");
        sizes.add(40_000L + random.nextInt(800_000));
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        String folder = Words.cut(TorrentsGenerator.safeFileName(artistName) + " - "
                + TorrentsGenerator.safeFileName(groupName) + " (" + year + ") [" + fe[0] + "]", 255);
        int torrentId = insert("INSERT INTO torrents (GroupID, UserID, Media, Format, Encoding, Remastered, RemasterYear, "
                        + "RemasterTitle, RemasterRecordLabel, RemasterCatalogueNumber, Scene, HasLog, HasCue, info_hash, "
                        + "FileCount, FileList, FilePath, Size, Time, Description, LogScore, FreeTorrent, FreeLeechType) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', '0')",
                groupId, user, media, fe[0], fe[1], remastered ? "1" : "0",
                remastered ? Math.min(2016, Math.max(year, 1950) + random.nextInt(Math.max(1, 2017 - year))) : 0,
                remastered ? Words.pick(random, Words.REMASTER_TITLES) : "",
                remastered ? Words.pick(random, Words.LABELS) : "",
                remastered ? ReleaseGroupsGenerator.catalogueNumber(random) : "",
                scene ? "1" : "0", hasLog ? "1" : "0", hasCue ? "1" : "0", infoHash(++uploads),
                names.size(), FileLists.format(names, sizes, false), folder, total, now,
                random.nextBoolean() ? "" : "[url=https://www.discogs.com/release/" + (10_000 + random.nextInt(9_000_000)) + "]Discogs[/url]",
                hasLog ? (random.nextInt(100) < 70 ? 100 : 50 + random.nextInt(50)) : 0);
        maxTorrent = Math.max(maxTorrent, torrentId);
        return torrentId;
    }

    /** Track titles of a group's existing upload, so that a new format of it lists the same songs. */
    private List<String> existingTracks(int groupId) throws SQLException {
        String list = queryString("SELECT FileList FROM torrents WHERE GroupID = " + groupId + " ORDER BY ID LIMIT 1");
        List<String> titles = new ArrayList<>();
        if (list == null) {
            return titles;
        }
        for (String entry : list.split("\n")) {
            String[] parts = entry.split(" ", 3);
            if (parts.length < 3 || !Set.of(".flac", ".mp3", ".m4a", ".ogg").contains(parts[0])) {
                continue;
            }
            String name = parts[2];
            int delimiter = name.lastIndexOf(' ');
            name = delimiter > 0 ? name.substring(0, delimiter) : name;
            name = name.substring(name.lastIndexOf('/') + 1);
            int dash = name.indexOf(" - ");
            int dot = name.lastIndexOf('.');
            if (dash >= 0 && dot > dash) {
                titles.add(name.substring(dash + 3, dot));
            }
        }
        return titles;
    }

    private List<String> uploadTags() throws SQLException {
        Set<String> tags = new LinkedHashSet<>();
        int n = 2 + random.nextInt(4);
        while (tags.size() < n) {
            if (random.nextInt(100) < 85) {
                int id = 1 + (int) (maxTag * Math.pow(random.nextDouble(), 3));
                String name = queryString("SELECT Name FROM tags WHERE ID >= " + id + " ORDER BY ID LIMIT 1");
                if (name != null) {
                    tags.add(name);
                }
            } else {
                tags.add(Words.pick(random, Words.TAG_PREFIXES) + "." + Words.pick(random, Words.GENRE_TAGS));
            }
        }
        return new ArrayList<>(tags);
    }

    private int[] newArtist(int user) throws SQLException {
        String name = Words.artistName(random);
        for (int attempt = 1; queryString("SELECT Name FROM artists_alias WHERE Name = ? LIMIT 1", name) != null; attempt++) {
            name = Words.cut(Words.artistName(random) + (attempt > 3 ? " " + (maxArtist + attempt) : ""), 200);
        }
        int artistId = insert("INSERT INTO artists_group (Name) VALUES (?)", name);
        maxArtist = Math.max(maxArtist, artistId);
        int aliasId = insert("INSERT INTO artists_alias (ArtistID, Name, Redirect, UserID) VALUES (?, ?, 0, ?)", artistId, name, user);
        return new int[] {artistId, aliasId};
    }

    /** An existing artist and the alias an upload credits (never a redirecting spelling). */
    private int[] existingArtist() throws SQLException {
        // The first artist from a random one on that has a plain alias: Gazelle gives every artist
        // one, but a row planted or repaired by hand may lack it.
        int from = pick("artists_group", "ArtistID", maxArtist);
        String sql = "SELECT CONCAT(ArtistID, ',', AliasID) FROM artists_alias WHERE ArtistID %s AND Redirect = 0 "
                + "ORDER BY ArtistID, AliasID LIMIT 1";
        String pair = queryString(String.format(Locale.ROOT, sql, ">= ?"), from);
        if (pair == null) {
            pair = queryString(String.format(Locale.ROOT, sql, "< ?"), from);
        }
        if (pair == null) {
            throw new NothingToPick("artists_alias: no artist has a plain alias to credit");
        }
        String[] ids = pair.split(",");
        return new int[] {Integer.parseInt(ids[0]), Integer.parseInt(ids[1])};
    }

    // ---------------------------------------------------------------------------------------------
    // Edits

    /** A release's edition and description corrected on the torrent edit page, then update_hash. */
    public WorkloadStep editRelease() throws SQLException {
        return inTransaction(() -> {
            tick();
            int torrentId = pick("torrents", "ID", maxTorrent);
            int year = queryInt("SELECT COALESCE(g.Year, 0) FROM torrents t JOIN torrents_group g ON g.ID = t.GroupID WHERE t.ID = ?", torrentId);
            int remasterYear = Math.min(2016, Math.max(year, 1950) + random.nextInt(Math.max(1, 2017 - Math.max(year, 1950))));
            String description = "[b]Source:[/b] [url=https://www.discogs.com/release/" + (10_000 + random.nextInt(9_000_000))
                    + "]Discogs[/url]\n" + Words.sentence(random);
            update("UPDATE torrents SET Remastered = '1', RemasterYear = ?, RemasterTitle = ?, RemasterRecordLabel = ?, "
                            + "RemasterCatalogueNumber = ?, Description = ? WHERE ID = ?",
                    remasterYear, Words.pick(random, Words.REMASTER_TITLES), Words.pick(random, Words.LABELS),
                    ReleaseGroupsGenerator.catalogueNumber(random), description, torrentId);
            updateHash(queryInt("SELECT GroupID FROM torrents WHERE ID = ?", torrentId));
            return new WorkloadStep("editRelease", "torrents", String.valueOf(torrentId));
        });
    }

    /** A tag vote: up adds 2 to PositiveVotes, down adds 1 to NegativeVotes, as vote_tag does. */
    public WorkloadStep voteTag() throws SQLException {
        return inTransaction(() -> {
            tick();
            for (int attempt = 0; ; attempt++) {
                int groupId = pick("torrents_group", "ID", maxGroup);
                List<Integer> tags = queryInts("SELECT TagID FROM torrents_tags WHERE GroupID = " + groupId + " ORDER BY TagID");
                if (tags.isEmpty() && attempt < 20) {
                    continue;
                }
                if (tags.isEmpty()) {
                    throw new NothingToPick("torrents_tags: no group with tags found to vote on");
                }
                int tagId = tags.get(random.nextInt(tags.size()));
                String change = random.nextInt(100) < 75 ? "PositiveVotes = PositiveVotes + 2" : "NegativeVotes = NegativeVotes + 1";
                update("UPDATE torrents_tags SET " + change + " WHERE TagID = ? AND GroupID = ?", tagId, groupId);
                return new WorkloadStep("voteTag", "torrents_tags", tagId + "," + groupId);
            }
        });
    }

    /**
     * An album vote as takevote.php casts it: the voter's users_votes row (INSERT IGNORE: a second
     * vote by the same user changes nothing, and the site answers "noaction"), then the group's
     * counts in one INSERT ... ON DUPLICATE KEY UPDATE that recomputes Score with binomial_ci
     * (inlined here: Herd's DDL creates tables only). The first vote of a group leaves Score at 0,
     * as Gazelle's does.
     */
    public WorkloadStep voteAlbum() throws SQLException {
        return inTransaction(() -> {
            tick();
            for (int attempt = 0; ; attempt++) {
                int groupId = pick("torrents_group", "ID", maxGroup);
                boolean up = random.nextInt(100) < 75;
                // A user that exists: users_votes references users_main, and ids have gaps.
                int voter = pick("users_main", "ID", maxUser);
                if (update("INSERT IGNORE INTO users_votes (UserID, GroupID, Type, Time) VALUES (?, ?, ?, ?)",
                        voter, groupId, up ? "Up" : "Down", now()) == 0) {
                    if (attempt < 20) {
                        continue;
                    }
                    throw new NothingToPick("users_votes: no user left who has not voted on the albums picked");
                }
                String ups = up ? "Ups + 1" : "Ups";
                update("INSERT INTO torrents_votes (GroupID, Total, Ups, Score) VALUES (?, 1, ?, 0) "
                        + "ON DUPLICATE KEY UPDATE Total = Total + 1, "
                        + "Score = IFNULL(IF(Total = 0, 0.0, ((" + ups + " + 1.35336) / Total - 1.6452 * SQRT(((" + ups
                        + ") * (Total - (" + ups + "))) / Total + 0.67668) / Total) / (1 + 2.7067 / Total)), 0)"
                        + (up ? ", Ups = Ups + 1" : ""), groupId, up ? 1 : 0);
                return new WorkloadStep("voteAlbum", "torrents_votes", String.valueOf(groupId));
            }
        });
    }

    /**
     * A torrent deleted by staff or its uploader, and queued for removal from the search index.
     * When it was the group's last one the group goes too, with its credits, tags and wiki, as
     * Gazelle's group deletion does (the group's album votes go by the foreign keys' cascade);
     * tags.Uses is left as it was, as Gazelle leaves it. Otherwise update_hash requeues the group.
     */
    public WorkloadStep deleteTorrent() throws SQLException {
        return inTransaction(() -> {
            tick();
            int torrentId = pick("torrents", "ID", maxTorrent);
            int groupId = queryInt("SELECT GroupID FROM torrents WHERE ID = ?", torrentId);
            update("DELETE FROM torrents WHERE ID = ?", torrentId);
            update("REPLACE INTO sphinx_delta (ID, Time, LastChanged) VALUES (?, ?, FROM_UNIXTIME(?))",
                    torrentId, clock, clock);
            if (queryString("SELECT ID FROM torrents WHERE GroupID = ? LIMIT 1", groupId) == null) {
                update("DELETE FROM torrents_artists WHERE GroupID = ?", groupId);
                update("DELETE FROM torrents_group WHERE ID = ?", groupId);
                update("DELETE FROM torrents_tags WHERE GroupID = ?", groupId);
                update("DELETE FROM wiki_torrents WHERE PageID = ?", groupId);
            } else {
                updateHash(groupId);
            }
            recentlyDeleted.addLast(torrentId);
            if (recentlyDeleted.size() > 20) {
                recentlyDeleted.removeFirst();
            }
            return new WorkloadStep("deleteTorrent", "torrents", String.valueOf(torrentId));
        });
    }

    /** An artist renamed to a name no alias has: the artist's name and its matching alias change together. */
    public WorkloadStep renameArtist() throws SQLException {
        return inTransaction(() -> {
            tick();
            int artistId = pick("artists_group", "ArtistID", maxArtist);
            String old = queryString("SELECT Name FROM artists_group WHERE ArtistID = " + artistId);
            String name = Words.artistName(random);
            for (int attempt = 1; queryString("SELECT Name FROM artists_alias WHERE Name = ? LIMIT 1", name) != null; attempt++) {
                name = Words.cut(Words.artistName(random) + (attempt > 3 ? " " + attempt : ""), 200);
            }
            update("UPDATE artists_alias SET Name = ? WHERE ArtistID = ? AND Name = ?", name, artistId, old);
            update("UPDATE artists_group SET Name = ? WHERE ArtistID = ?", name, artistId);
            return new WorkloadStep("renameArtist", "artists_group", String.valueOf(artistId));
        });
    }

    /** A group description edited: a new wiki revision, copied into the group's wiki columns. */
    public WorkloadStep addWikiRevision() throws SQLException {
        return inTransaction(() -> {
            tick();
            int groupId = pick("torrents_group", "ID", maxGroup);
            String name = queryString("SELECT Name FROM torrents_group WHERE ID = " + groupId);
            String body = "[b]" + name + "[/b]\n\n" + Words.paragraph(random, 1 + random.nextInt(4));
            String image = random.nextInt(100) < 85 ? Words.imageUrl(random) : "";
            int revision = insert("INSERT INTO wiki_torrents (PageID, Body, Image, UserID, Summary, Time) VALUES (?, ?, ?, ?, ?, ?)",
                    groupId, body, image, user(),
                    Words.pick(random, List.of("", "Added tracklist", "Fixed typo", "Better cover", "Added label info")), now());
            update("UPDATE torrents_group SET RevisionID = ?, WikiBody = ?, WikiImage = ? WHERE ID = ?", revision, body, image, groupId);
            return new WorkloadStep("addWikiRevision", "wiki_torrents", String.valueOf(revision));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Collages and requests

    /**
     * A release group (or, in an artist collage, an artist) added to an open collage, as
     * add_torrent.php and add_artist.php do it: appended at MAX(Sort) + 10, then the collage's
     * count and time of update.
     */
    public WorkloadStep addToCollage() throws SQLException {
        return inTransaction(() -> {
            tick();
            int collageId = pickCollage("AND Locked = '0' AND (MaxGroups = 0 OR NumTorrents < MaxGroups)");
            boolean artists = queryInt("SELECT CategoryID FROM collages WHERE ID = ?", collageId) == 7;
            String table = artists ? "collages_artists" : "collages_torrents";
            String column = artists ? "ArtistID" : "GroupID";
            int sort = queryInt("SELECT COALESCE(MAX(Sort), 0) + 10 FROM " + table + " WHERE CollageID = ?", collageId);
            int user = user();
            String now = now();
            for (int attempt = 0; ; attempt++) {
                int member = artists ? pick("artists_group", "ArtistID", maxArtist) : pick("torrents_group", "ID", maxGroup);
                if (update("INSERT IGNORE INTO " + table + " (CollageID, " + column + ", UserID, Sort, AddedOn) "
                        + "VALUES (?, ?, ?, ?, ?)", collageId, member, user, sort, now) == 1) {
                    update("UPDATE collages SET NumTorrents = NumTorrents + 1, updated = ? WHERE ID = ?", now, collageId);
                    return new WorkloadStep("addToCollage", table, collageId + "," + member);
                }
                if (attempt == 50) {
                    throw new NothingToPick("collage " + collageId + ": nothing left to add");
                }
            }
        });
    }

    /**
     * A vote on an open request, as take_vote.php casts it: a new vote, or more bounty on the
     * user's earlier one; the request's LastVote moves to now and the bounty leaves the voter's
     * upload credit.
     */
    public WorkloadStep voteOnRequest() throws SQLException {
        return inTransaction(() -> {
            tick();
            if (maxRequest < 1) {
                throw new NothingToPick("requests is empty: nothing to vote on");
            }
            int from = 1 + random.nextInt(maxRequest);
            String open = "SELECT ID FROM requests WHERE TorrentID = 0 AND Visible = '1' AND ID %s ? ORDER BY ID %s LIMIT 1";
            String id = queryString(String.format(Locale.ROOT, open, ">=", "ASC"), from);
            if (id == null) {
                id = queryString(String.format(Locale.ROOT, open, "<", "DESC"), from);
            }
            if (id == null) {
                throw new NothingToPick("requests: no open request to vote on");
            }
            int requestId = Integer.parseInt(id);
            int user = user();
            long bounty = CollagesRequestsGenerator.MIN_BOUNTY * (1 + random.nextInt(10));
            if (update("INSERT IGNORE INTO requests_votes (RequestID, UserID, Bounty) VALUES (?, ?, ?)",
                    requestId, user, bounty) < 1) {
                update("UPDATE requests_votes SET Bounty = Bounty + ? WHERE UserID = ? AND RequestID = ?",
                        bounty, user, requestId);
            }
            update("UPDATE requests SET LastVote = ? WHERE ID = ?", now(), requestId);
            // take_vote.php refuses a voter with less credit than the bounty; Uploaded is unsigned.
            update("UPDATE users_main SET Uploaded = Uploaded - ? WHERE ID = ? AND Uploaded >= ?", bounty, user, bounty);
            return new WorkloadStep("voteOnRequest", "requests_votes", requestId + "," + user);
        });
    }

    /**
     * A collage deleted as take_delete.php does it: a personal collage and its release groups are
     * deleted outright, any other collage is only flagged Deleted = '1' (and keeps its entries).
     */
    public WorkloadStep deleteCollage() throws SQLException {
        return inTransaction(() -> {
            tick();
            int collageId = pickCollage("");
            if (queryInt("SELECT CategoryID FROM collages WHERE ID = ?", collageId) == 0) {
                update("DELETE FROM collages WHERE ID = ?", collageId);
                update("DELETE FROM collages_torrents WHERE CollageID = ?", collageId);
            } else {
                update("UPDATE collages SET Deleted = '1' WHERE ID = ?", collageId);
            }
            return new WorkloadStep("deleteCollage", "collages", String.valueOf(collageId));
        });
    }

    /** A collage the site still lists, matching {@code condition} (SQL starting with AND, or empty). */
    private int pickCollage(String condition) throws SQLException {
        if (maxCollage < 1) {
            throw new NothingToPick("collages is empty: nothing to pick");
        }
        int from = 1 + random.nextInt(maxCollage);
        String sql = "SELECT ID FROM collages WHERE Deleted = '0' " + condition + " AND ID %s ? ORDER BY ID %s LIMIT 1";
        String id = queryString(String.format(Locale.ROOT, sql, ">=", "ASC"), from);
        if (id == null) {
            id = queryString(String.format(Locale.ROOT, sql, "<", "DESC"), from);
        }
        if (id == null) {
            throw new NothingToPick("collages: no listed collage " + condition);
        }
        return Integer.parseInt(id);
    }

    // Forums and comments

    /**
     * A forum post as take_reply does it: the post, then the forum's and the topic's counters and
     * last-post columns. One in six starts a new topic instead (take_new_thread: the topic, its
     * first post, the forum, the topic's counters), in any forum, staff forums included.
     */
    public WorkloadStep newForumPost() throws SQLException {
        return inTransaction(() -> {
            tick();
            int user = user();
            String now = now();
            int topicId;
            int forumId;
            if (maxTopic == 0 || random.nextInt(100) < 16) {
                forumId = pick("forums", "ID", max("forums", "ID"));
                topicId = insert("INSERT INTO forums_topics (Title, AuthorID, ForumID, LastPostTime, LastPostAuthorID, "
                        + "CreatedTime) VALUES (?, ?, ?, ?, ?, ?)", Words.cut(Words.title(random), 150), user, forumId,
                        now, user, now);
                maxTopic = Math.max(maxTopic, topicId);
                update("UPDATE forums SET NumTopics = NumTopics + 1 WHERE ID = ?", forumId);
            } else {
                topicId = pick("forums_topics", "ID", maxTopic);
                forumId = queryInt("SELECT ForumID FROM forums_topics WHERE ID = ?", topicId);
            }
            String body = switch (random.nextInt(4)) {
                case 0 -> "[quote=" + Words.pick(random, Words.ADJECTIVES) + Words.pick(random, Words.NOUNS) + "]"
                        + Words.sentence(random) + "[/quote]\n" + Words.sentence(random);
                case 1 -> "Check out [artist]" + Words.artistName(random) + "[/artist], it's "
                        + Words.pick(random, Words.GENRE_TAGS).replace('.', ' ') + " done right.";
                default -> Words.paragraph(random, 1 + random.nextInt(3));
            };
            int postId = insert("INSERT INTO forums_posts (TopicID, AuthorID, AddedTime, Body) VALUES (?, ?, ?, ?)",
                    topicId, user, now, body);
            update("UPDATE forums SET NumPosts = NumPosts + 1, LastPostID = ?, LastPostAuthorID = ?, "
                    + "LastPostTopicID = ?, LastPostTime = ? WHERE ID = ?", postId, user, topicId, now, forumId);
            update("UPDATE forums_topics SET NumPosts = NumPosts + 1, LastPostID = ?, LastPostAuthorID = ?, "
                    + "LastPostTime = ? WHERE ID = ?", postId, user, now, topicId);
            return new WorkloadStep("newForumPost", "forums_posts", String.valueOf(postId));
        });
    }

    /** A comment on a release group (most) or an artist, as Comments::post writes it. */
    public WorkloadStep newComment() throws SQLException {
        return inTransaction(() -> {
            tick();
            boolean onArtist = random.nextInt(100) < 15;
            int pageId = onArtist ? pick("artists_group", "ArtistID", maxArtist) : pick("torrents_group", "ID", maxGroup);
            String body = onArtist ? "Start with [i]" + Words.title(random) + "[/i]. " + Words.sentence(random)
                    : Words.pick(random, List.of("Thanks for the upload!", "Great [b]rip[/b], thanks!",
                            "Does anyone have the vinyl rip of this?", Words.paragraph(random, 2)));
            int commentId = insert("INSERT INTO comments (Page, PageID, AuthorID, AddedTime, Body) VALUES (?, ?, ?, ?, ?)",
                    onArtist ? "artist" : "torrents", pageId, user(), now(), body);
            return new WorkloadStep("newComment", "comments", String.valueOf(commentId));
        });
    }

    /**
     * A moderator moves a topic, as mod_thread does: a topic of a public forum into a staff forum,
     * one of a staff forum back into a public one. The topic's ForumID changes, then both forums'
     * counters and last-post columns. This is what makes a mirror retract (or receive) a topic and
     * all its posts at once.
     */
    public WorkloadStep moveTopic() throws SQLException {
        return inTransaction(() -> {
            tick();
            if (maxTopic == 0) {
                throw new NothingToPick("forums_topics is empty: no topic to move");
            }
            int topicId = pick("forums_topics", "ID", maxTopic);
            int from = queryInt("SELECT ForumID FROM forums_topics WHERE ID = ?", topicId);
            boolean fromStaff = queryInt("SELECT COUNT(*) FROM forums WHERE ID = ? AND MinClassRead > ?", from,
                    ForumsGenerator.USER_CLASS) > 0;
            List<Integer> targets = queryInts("SELECT ID FROM forums WHERE MinClassRead " + (fromStaff ? "<=" : ">")
                    + " " + ForumsGenerator.USER_CLASS + " AND ID <> " + from + " ORDER BY ID");
            if (targets.isEmpty()) {
                throw new NothingToPick("forums: no " + (fromStaff ? "public" : "staff") + " forum to move topic "
                        + topicId + " to");
            }
            int to = targets.get(random.nextInt(targets.size()));
            int posts = queryInt("SELECT NumPosts FROM forums_topics WHERE ID = ?", topicId);
            update("UPDATE forums_topics SET ForumID = ? WHERE ID = ?", to, topicId);
            update("UPDATE forums SET NumTopics = NumTopics - 1, NumPosts = NumPosts - ? WHERE ID = ?", posts, from);
            update("UPDATE forums SET NumTopics = NumTopics + 1, NumPosts = NumPosts + ? WHERE ID = ?", posts, to);
            for (int forum : new int[] {from, to}) {
                // The forum's latest post is the one of its topic with the highest LastPostID.
                update("UPDATE forums f LEFT JOIN (SELECT t.ID, t.LastPostID, t.LastPostAuthorID, t.LastPostTime "
                        + "FROM forums_topics t WHERE t.ForumID = ? ORDER BY t.LastPostID DESC LIMIT 1) l ON TRUE "
                        + "SET f.LastPostTopicID = COALESCE(l.ID, 0), f.LastPostID = COALESCE(l.LastPostID, 0), "
                        + "f.LastPostAuthorID = COALESCE(l.LastPostAuthorID, 0), "
                        + "f.LastPostTime = COALESCE(l.LastPostTime, '0000-00-00 00:00:00') WHERE f.ID = ?", forum, forum);
            }
            return new WorkloadStep("moveTopic", "forums_topics", String.valueOf(topicId));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Noise: changes that touch only columns that never leave the origin

    /**
     * One tracker flush: Ocelot upserts the statistics of the torrents it saw announces for, by id,
     * and then deletes the rows the upsert created for torrents the site deleted meanwhile. Now
     * and then it includes such a deleted torrent, as a real flush does.
     */
    @Override
    public WorkloadStep trackerFlush(int torrents) throws SQLException {
        if (torrents < 1) {
            throw new IllegalArgumentException("a tracker flush needs at least one torrent, got " + torrents);
        }
        return inTransaction(() -> {
            tick();
            Set<Integer> ids = new LinkedHashSet<>();
            for (int attempt = 0; ids.size() < torrents && attempt < torrents * 4; attempt++) {
                ids.add(pick("torrents", "ID", maxTorrent));
            }
            if (!recentlyDeleted.isEmpty() && random.nextInt(100) < 10) {
                ids.add(recentlyDeleted.peekLast());
            }
            String now = now();
            StringBuilder sql = new StringBuilder("INSERT INTO torrents (ID, Seeders, Leechers, Snatched, balance, last_action) VALUES ");
            List<Object> values = new ArrayList<>();
            int i = 0;
            for (int id : ids) {
                sql.append(i++ == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
                int seeders = random.nextInt(100) < 20 ? 0 : 1 + random.nextInt(60);
                values.add(id);
                values.add(seeders);
                values.add(random.nextInt(100) < 70 ? 0 : 1 + random.nextInt(5));
                values.add(i == 1 ? 1 : random.nextInt(3)); // the first always snatched: the flush always changes something
                values.add(random.nextLong(-(1L << 30), 1L << 34));
                values.add(now);
            }
            sql.append(" ON DUPLICATE KEY UPDATE Seeders = VALUES(Seeders), Leechers = VALUES(Leechers), "
                    + "Snatched = Snatched + VALUES(Snatched), balance = VALUES(balance), "
                    + "last_action = IF(VALUES(Seeders) > 0, VALUES(last_action), last_action)");
            update(sql.toString(), values.toArray());
            update("DELETE FROM torrents WHERE info_hash = ''");
            StringJoiner key = new StringJoiner(",");
            ids.forEach(id -> key.add(String.valueOf(id)));
            return new WorkloadStep("trackerFlush", "torrents", key.toString());
        });
    }

    /** A user browsing and the tracker crediting their transfer: private columns only. */
    @Override
    public WorkloadStep userActivity() throws SQLException {
        return inTransaction(() -> {
            tick();
            int userId = pick("users_main", "ID", maxUser);
            update("UPDATE users_main SET LastAccess = ?, Uploaded = Uploaded + ?, Downloaded = Downloaded + ? WHERE ID = ?",
                    now(), 1 + random.nextLong(1L << 30), random.nextLong(1L << 29), userId);
            return new WorkloadStep("userActivity", "users_main", String.valueOf(userId));
        });
    }

    /** A private message: a new conversation (40%) or a reply in an existing one. */
    @Override
    public WorkloadStep sendPrivateMessage() throws SQLException {
        return inTransaction(() -> {
            tick();
            int conversation;
            if (maxConversation == 0 || random.nextInt(100) < 40) {
                conversation = insert("INSERT INTO pm_conversations (Subject) VALUES (?)",
                        Words.pick(random, List.of("Reseed request", "Hello!", "Question about your log", "Re: trade?")));
                maxConversation = Math.max(maxConversation, conversation);
            } else {
                conversation = pick("pm_conversations", "ID", maxConversation);
            }
            int message = insert("INSERT INTO pm_messages (SenderID, ConvID, SentDate, Body) VALUES (?, ?, ?, ?)",
                    user(), conversation, now(), "Hi, my passkey is " + Words.alnum(random, 32) + " — " + Words.sentence(random));
            return new WorkloadStep("sendPrivateMessage", "pm_messages", String.valueOf(message));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private interface Body {
        WorkloadStep run() throws SQLException;
    }

    private WorkloadStep inTransaction(Body body) throws SQLException {
        try {
            WorkloadStep step = body.run();
            connection.commit();
            return step;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Torrents::update_hash, which Gazelle runs after every upload and edit: TagList recomputed from
     * torrents_tags (ordered by name, the order in which the generated data has it too), then every
     * torrent of the group queued for Sphinx's delta index in one REPLACE ... SELECT. LastChanged
     * takes the simulated clock where the server would take its own, so that the same seed makes
     * the same rows.
     */
    private void updateHash(int groupId) throws SQLException {
        update("UPDATE torrents_group SET TagList = COALESCE((SELECT REPLACE(GROUP_CONCAT(tags.Name ORDER BY tags.Name "
                + "SEPARATOR ' '), '.', '_') FROM torrents_tags AS t JOIN tags ON tags.ID = t.TagID "
                + "WHERE t.GroupID = ? GROUP BY t.GroupID), '') WHERE ID = ?", groupId, groupId);
        update("REPLACE INTO sphinx_delta (ID, GroupID, GroupName, TagList, Year, CategoryID, Time, ReleaseType, "
                + "RecordLabel, CatalogueNumber, VanityHouse, Size, Snatched, Seeders, Leechers, LogScore, Scene, HasLog, "
                + "HasCue, FreeTorrent, Media, Format, Encoding, Description, RemasterYear, RemasterTitle, "
                + "RemasterRecordLabel, RemasterCatalogueNumber, FileList, VoteScore, ArtistName, LastChanged) "
                + "SELECT t.ID, g.ID, g.Name, g.TagList, g.Year, g.CategoryID, UNIX_TIMESTAMP(t.Time), g.ReleaseType, "
                + "g.RecordLabel, g.CatalogueNumber, g.VanityHouse, t.Size, t.Snatched, t.Seeders, t.Leechers, t.LogScore, "
                + "CAST(t.Scene AS CHAR), CAST(t.HasLog AS CHAR), CAST(t.HasCue AS CHAR), CAST(t.FreeTorrent AS CHAR), "
                + "t.Media, t.Format, t.Encoding, t.Description, t.RemasterYear, t.RemasterTitle, t.RemasterRecordLabel, "
                + "t.RemasterCatalogueNumber, REPLACE(REPLACE(t.FileList, '_', ' '), '/', ' '), "
                + "COALESCE((SELECT Score FROM torrents_votes WHERE GroupID = g.ID), 0), "
                + "COALESCE((SELECT GROUP_CONCAT(aa.Name ORDER BY ta.ArtistID SEPARATOR ' ') FROM torrents_artists AS ta "
                + "JOIN artists_alias AS aa ON aa.AliasID = ta.AliasID "
                + "WHERE ta.GroupID = g.ID AND ta.Importance IN ('1', '4', '5', '6')), ''), FROM_UNIXTIME(?) "
                + "FROM torrents AS t JOIN torrents_group AS g ON g.ID = t.GroupID WHERE g.ID = ?", clock, groupId);
    }

    private void tick() {
        clock += 1 + random.nextInt(120);
    }

    private String now() {
        return LocalDateTime.ofEpochSecond(clock, 0, ZoneOffset.UTC).format(DATETIME);
    }

    private int user() {
        return 1 + Math.min(maxUser - 1, (int) (maxUser * Math.pow(random.nextDouble(), 3)));
    }

    /** A music group: uploads of other editions and formats go to them. */
    private Integer pickMusicGroup() throws SQLException {
        int from = 1 + random.nextInt(maxGroup);
        String id = queryString("SELECT ID FROM torrents_group WHERE ID >= ? AND CategoryID = 1 ORDER BY ID LIMIT 1", from);
        return id == null ? null : Integer.valueOf(id);
    }

    /**
     * An existing row's id: half the time any row, half the time a recent one (recent uploads get
     * most of the attention).
     */
    private int pick(String table, String column, int max) throws SQLException {
        if (max < 1) {
            throw new NothingToPick(table + " is empty: nothing to pick");
        }
        int from = random.nextBoolean() ? 1 + random.nextInt(max) : Math.max(1, max - random.nextInt(Math.max(1, max / 10)));
        String sql = "SELECT " + column + " FROM " + table + " WHERE " + column + " >= ? ORDER BY " + column + " LIMIT 1";
        String id = queryString(sql, from);
        if (id == null) {
            id = queryString("SELECT " + column + " FROM " + table + " ORDER BY " + column + " DESC LIMIT 1");
        }
        if (id == null) {
            throw new NothingToPick(table + " is empty: nothing to pick");
        }
        return Integer.parseInt(id);
    }

    private int max(String table, String column) throws SQLException {
        String v = queryString("SELECT MAX(" + column + ") FROM " + table);
        return v == null ? 0 : Integer.parseInt(v);
    }

    byte[] infoHash(long upload) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update("herd-workload".getBytes(StandardCharsets.US_ASCII));
            sha1.update(ByteBuffer.allocate(16).putLong(seed).putLong(upload).array());
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private int insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, values);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id from: " + sql.substring(0, Math.min(60, sql.length())));
                }
                return keys.getInt(1);
            }
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }

    private String queryString(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int queryInt(String sql, Object... values) throws SQLException {
        String v = queryString(sql, values);
        if (v == null) {
            throw new SQLException("no row for: " + sql.toLowerCase(Locale.ROOT));
        }
        return Integer.parseInt(v);
    }

    private List<Integer> queryInts(String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            JdbcRowWriter.bind(ps, i + 1, values[i]);
        }
    }
}
