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
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection of the load generator: runs one {@link LoadKind} at a time as a transaction of
 * Gazelle's own statements and counts the binlog row changes it wrote, by {@link RowClass}.
 *
 * <p><b>Counting.</b> The connection runs with {@code useAffectedRows=true}, so that an UPDATE
 * reports the rows it changed, not those it matched: exactly the rows the row-based binlog writes.
 * An {@code INSERT ... ON DUPLICATE KEY UPDATE} reports 1 per row inserted and 2 per row updated,
 * and the binlog has one row change for either; a tracker flush's ghost rows (inserted by the upsert
 * because the torrent was deleted) are the rows its following DELETE removes, so its upsert wrote
 * {@code (affected + ghosts) / 2} rows. A {@code REPLACE} of a row reports 2 while the binlog has one
 * update (sphinx_delta has no other unique key and no foreign key, so MariaDB updates the row in
 * place); every REPLACE here writes a LastChanged no row holds yet (the shared clock), so every row
 * it reads is one change, and its rows are counted from the torrents it reads. sphinx_delta is
 * MyISAM: its changes reach the binlog even when the transaction is rolled back, and are counted
 * then too, from the rows holding the transaction's LastChanged.
 *
 * <p><b>Who touches what.</b> Connection {@code w} of {@code n} picks only release groups, artists
 * and users whose id is {@code w} modulo {@code n}, and only torrents of its own groups, so that the
 * connections do not wait for each other's row locks on the hot paths (Gazelle's PHP processes would,
 * and deadlock now and then: sphinx_delta's REPLACE ... SELECT reads torrents with locks). Release
 * groups and artists whose id is at most {@code reserved} are never picked: they carry the bench's
 * markers.
 *
 * <p><b>Round trips.</b> Gazelle's PHP knows from the request which rows it acts on; the generator
 * must look them up (a pick), and only a pick's answer is waited for. Every other statement is
 * deferred and goes to the server with the next pick or with the COMMIT, as one multi-statement
 * query (the server stops at the first error, so nothing after a failed statement runs, the COMMIT
 * included). Ids the PHP code reads with {@code inserted_id()} stay on the server for the same
 * reason: {@code LAST_INSERT_ID()} and session variables ({@code @group}, {@code @artist},
 * {@code @alias}, {@code @topic}). None of this changes a row the binlog gets: the statements, their
 * order and their values are those of one round trip per statement. A pick alone is a server-side
 * prepared statement. A transaction that fails has its sphinx_delta rows counted afresh from the
 * server, since which of its deferred statements ran is unknown.
 *
 * <p>Time is the shared clock: one simulated second per transaction, from the newest upload on.
 */
final class LoadTransactions implements AutoCloseable {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Prefix of a multi-statement query: the driver prepares it on the client (the server prepares one at a time). */
    private static final String CLIENT_PREPARED = "/*client prepare*/";
    /** The release group of update_hash's statements: a parameter, or the variable a new group's upload set. */
    private static final String GROUP = "{group}";
    private static final String UPDATE_HASH_TAGLIST = "UPDATE torrents_group SET TagList = COALESCE((SELECT "
            + "REPLACE(GROUP_CONCAT(tags.Name ORDER BY tags.Name SEPARATOR ' '), '.', '_') FROM torrents_tags AS t "
            + "JOIN tags ON tags.ID = t.TagID WHERE t.GroupID = {group} GROUP BY t.GroupID), '') WHERE ID = {group}";
    /**
     * update_hash's two reads before its REPLACE (the album's vote score, its main artists' names),
     * kept in session variables as Gazelle keeps them in PHP ones, and the group's torrents, which
     * the count needs (the generator's own read), in one statement.
     */
    private static final String UPDATE_HASH_READ = "SELECT @vote := COALESCE((SELECT Score FROM torrents_votes "
            + "WHERE GroupID = {group}), 0), @artists := COALESCE((SELECT GROUP_CONCAT(aa.Name ORDER BY ta.ArtistID "
            + "SEPARATOR ' ') FROM torrents_artists AS ta JOIN artists_alias AS aa ON aa.AliasID = ta.AliasID "
            + "WHERE ta.GroupID = {group} AND ta.Importance IN ('1', '4', '5', '6')), ''), "
            + "(SELECT COUNT(*) FROM torrents WHERE GroupID = {group})";
    private static final String UPDATE_HASH_SPHINX = "REPLACE INTO sphinx_delta (ID, GroupID, GroupName, TagList, "
            + "Year, CategoryID, Time, ReleaseType, RecordLabel, CatalogueNumber, VanityHouse, Size, Snatched, Seeders, "
            + "Leechers, LogScore, Scene, HasLog, HasCue, FreeTorrent, Media, Format, Encoding, Description, "
            + "RemasterYear, RemasterTitle, RemasterRecordLabel, RemasterCatalogueNumber, FileList, VoteScore, "
            + "ArtistName, LastChanged) "
            + "SELECT t.ID, g.ID, g.Name, g.TagList, g.Year, g.CategoryID, UNIX_TIMESTAMP(t.Time), g.ReleaseType, "
            + "g.RecordLabel, g.CatalogueNumber, g.VanityHouse, t.Size, t.Snatched, t.Seeders, t.Leechers, t.LogScore, "
            + "CAST(t.Scene AS CHAR), CAST(t.HasLog AS CHAR), CAST(t.HasCue AS CHAR), CAST(t.FreeTorrent AS CHAR), "
            + "t.Media, t.Format, t.Encoding, t.Description, t.RemasterYear, t.RemasterTitle, t.RemasterRecordLabel, "
            + "t.RemasterCatalogueNumber, REPLACE(REPLACE(t.FileList, '_', ' '), '/', ' '), @vote, @artists, "
            + "FROM_UNIXTIME(?) FROM torrents AS t JOIN torrents_group AS g ON g.ID = t.GroupID WHERE g.ID = {group}";
    private static final String UPDATE_HASH_TAGLIST_PARAMETER = UPDATE_HASH_TAGLIST.replace(GROUP, "?");
    private static final String UPDATE_HASH_TAGLIST_VARIABLE = UPDATE_HASH_TAGLIST.replace(GROUP, "@group");
    private static final String UPDATE_HASH_READ_PARAMETER = UPDATE_HASH_READ.replace(GROUP, "?");
    private static final String UPDATE_HASH_READ_VARIABLE = UPDATE_HASH_READ.replace(GROUP, "@group");
    private static final String UPDATE_HASH_SPHINX_PARAMETER = UPDATE_HASH_SPHINX.replace(GROUP, "?");
    private static final String UPDATE_HASH_SPHINX_VARIABLE = UPDATE_HASH_SPHINX.replace(GROUP, "@group");
    private static final String INSERT_TORRENT = "INSERT INTO torrents (GroupID, UserID, Media, Format, Encoding, "
            + "Remastered, RemasterYear, RemasterTitle, RemasterRecordLabel, RemasterCatalogueNumber, Scene, HasLog, "
            + "HasCue, info_hash, FileCount, FileList, FilePath, Size, Time, Description, LogScore, FreeTorrent, "
            + "FreeLeechType) VALUES ({group}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', '0')";

    /**
     * What the connections share: the site's id ranges as they grow, the clock, and what is read
     * once (forums, tag names).
     */
    static final class Site {
        final AtomicInteger maxGroup;
        final AtomicInteger maxArtist;
        final AtomicInteger maxUser;
        final AtomicInteger maxTopic;
        final AtomicLong clock;
        final List<Integer> forums;
        final List<String> tagNames;
        final int reserved;

        Site(int maxGroup, int maxArtist, int maxUser, int maxTopic, long clock, List<Integer> forums,
                List<String> tagNames, int reserved) {
            this.maxGroup = new AtomicInteger(maxGroup);
            this.maxArtist = new AtomicInteger(maxArtist);
            this.maxUser = new AtomicInteger(maxUser);
            this.maxTopic = new AtomicInteger(maxTopic);
            this.clock = new AtomicLong(clock);
            this.forums = List.copyOf(forums);
            this.tagNames = List.copyOf(tagNames);
            this.reserved = reserved;
        }

        /** Reads the site from a loaded WhatCD database. */
        static Site read(Connection c, int reserved) throws SQLException {
            int maxGroup = (int) single(c, "SELECT COALESCE(MAX(ID), 0) FROM torrents_group");
            int maxUser = (int) single(c, "SELECT COALESCE(MAX(ID), 0) FROM users_main");
            int maxArtist = (int) single(c, "SELECT COALESCE(MAX(ArtistID), 0) FROM artists_group");
            if (maxGroup <= reserved || maxUser == 0 || maxArtist <= reserved) {
                throw new IllegalStateException("the load generator needs a loaded Gazelle database with release groups "
                        + "and artists above id " + reserved + " and users: torrents_group's highest id is " + maxGroup
                        + ", artists_group's " + maxArtist + ", users_main's " + maxUser);
            }
            // Every REPLACE into sphinx_delta must write a LastChanged no row holds yet (see the class).
            long clock = Math.max(single(c, "SELECT COALESCE(UNIX_TIMESTAMP(MAX(Time)), 0) FROM torrents"),
                    single(c, "SELECT COALESCE(UNIX_TIMESTAMP(MAX(LastChanged)), 0) FROM sphinx_delta"));
            List<Integer> forums = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM forums ORDER BY ID")) {
                while (rs.next()) {
                    forums.add(rs.getInt(1));
                }
            }
            List<String> tags = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT Name FROM tags ORDER BY ID LIMIT 2000")) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
            return new Site(maxGroup, maxArtist, maxUser,
                    (int) single(c, "SELECT COALESCE(MAX(ID), 0) FROM forums_topics"),
                    Math.max(clock, GazelleDataGenerator.SITE_END), forums, tags, reserved);
        }

        private static long single(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * One transaction's result.
     *
     * @param kind      what ran (an upload when the kind drawn found nothing to act on)
     * @param rows      binlog row changes it wrote: all of them when committed, only sphinx_delta's
     *                  (MyISAM) when rolled back
     * @param committed false when the server refused it (a deadlock, a lock wait) and it was rolled back
     * @param anomaly   null, or why the count is not exact: a statement's affected rows did not fit
     *                  the rules of the class comment, or a failed transaction's sphinx_delta rows
     *                  could not be counted
     * @param failure   null, or the server's reason for refusing it
     */
    record Outcome(LoadKind kind, RowCounts rows, boolean committed, String anomaly, String failure) {
    }

    /** A kind found nothing to act on; nothing was written yet. */
    private static final class NothingToPick extends Exception {
        NothingToPick(String what) {
            super(what, null, false, false);
        }
    }

    private final Connection connection;
    private final SplittableRandom random;
    private final LoadMix mix;
    private final Site site;
    private final int worker;
    private final int workers;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Torrents this connection deleted lately: the tracker still flushes their statistics now and then. */
    private final Deque<Integer> recentlyDeleted = new ArrayDeque<>();
    /** Statements not sent yet: they go with the next pick or with the COMMIT. */
    private final List<Deferred> deferred = new ArrayList<>();
    /**
     * Which sphinx_delta rows this transaction may have written (conditions ORed, with their values):
     * recounted when it fails.
     */
    private final List<String> sphinxRows = new ArrayList<>();
    private final List<Object> sphinxRowValues = new ArrayList<>();
    private RowCounts transactional = RowCounts.NONE;
    private RowCounts nonTransactional = RowCounts.NONE;
    private String anomaly;
    private long clock;

    /** What a deferred statement's update count is used for. */
    @FunctionalInterface
    private interface OnCount {
        void accept(long count);
    }

    /** What a deferred query's rows are used for. */
    @FunctionalInterface
    private interface OnRows {
        void accept(ResultSet rows) throws SQLException;
    }

    /** A statement not sent yet; a query has {@code onRows}, anything else {@code onCount} (or neither). */
    private record Deferred(String sql, Object[] values, OnCount onCount, OnRows onRows) {
    }

    /**
     * @param connection opened with {@code useAffectedRows=true} and {@code allowMultiQueries=true};
     *                   the transactions own it
     * @param worker     this connection's number, 0 to {@code workers - 1}
     */
    LoadTransactions(Connection connection, long seed, LoadMix mix, Site site, int worker, int workers)
            throws SQLException {
        this.connection = connection;
        this.random = new SplittableRandom(seed);
        this.mix = mix;
        this.site = site;
        this.worker = worker;
        this.workers = workers;
        try (Statement s = connection.createStatement()) {
            // Gazelle's sessions are non-strict; the tracker's upsert relies on it for ghost rows.
            s.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            // FROM_UNIXTIME without daylight-saving folds: two clock values never make one LastChanged.
            s.execute("SET SESSION time_zone = '+00:00'");
        }
        connection.setAutoCommit(false);
    }

    Outcome run(LoadKind kind) throws SQLException {
        transactional = RowCounts.NONE;
        nonTransactional = RowCounts.NONE;
        anomaly = null;
        deferred.clear();
        sphinxRows.clear();
        sphinxRowValues.clear();
        clock = site.clock.incrementAndGet();
        LoadKind ran = kind;
        try {
            try {
                body(kind);
            } catch (NothingToPick e) {
                // Picks come before writes: nothing was sent but reads, nothing is deferred yet.
                deferred.clear();
                connection.rollback();
                ran = LoadKind.UPLOAD;
                upload();
            }
            later("COMMIT", null);
            send();
            return new Outcome(ran, transactional.plus(nonTransactional), true, anomaly, null);
        } catch (SQLException e) {
            deferred.clear();
            try (Statement s = connection.createStatement()) {
                // Sent whatever the driver thinks: a failed multi-statement query may have left a transaction open.
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // The connection is gone; the next statement says so.
            }
            return new Outcome(ran, sphinxRowsWritten(), false, anomaly, e.getMessage());
        } catch (NothingToPick e) {
            throw new IllegalStateException("an upload found nothing to act on: " + e.getMessage(), e);
        }
    }

    /**
     * After a failure: the sphinx_delta rows this transaction wrote, read from the server. Each holds
     * this transaction's LastChanged, which no other row holds (the clock); MyISAM keeps them through
     * the rollback, and a statement that failed half-way kept the rows it wrote.
     */
    private RowCounts sphinxRowsWritten() {
        if (sphinxRows.isEmpty()) {
            return RowCounts.NONE;
        }
        List<Object> values = new ArrayList<>();
        values.add(clock);
        values.addAll(sphinxRowValues);
        String sql = "SELECT COUNT(*) FROM sphinx_delta WHERE LastChanged = FROM_UNIXTIME(?) AND ("
                + String.join(" OR ", sphinxRows) + ")";
        try (ResultSet rs = query(sql, values.toArray())) {
            rs.next();
            return RowCounts.of(RowClass.UNCAPTURED, rs.getLong(1));
        } catch (SQLException e) {
            check(false, "the sphinx_delta rows of a failed transaction could not be counted: " + e.getMessage());
            return nonTransactional;
        }
    }

    private void body(LoadKind kind) throws SQLException, NothingToPick {
        switch (kind) {
            case UPLOAD -> upload();
            case EDIT -> edit();
            case TAG_VOTE -> tagVote();
            case DELETE -> delete();
            case RENAME -> rename();
            case COMMENT -> comment();
            case FORUM_POST -> forumPost();
            case TRACKER -> trackerFlush();
            case TRACKER_USERS -> usersFlush();
            default -> throw new IllegalStateException("no transaction for " + kind);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The transactions

    /**
     * upload_handle: into one of this connection's groups (70%): the group's Time moves to now; into
     * a new group: the group (its artist first when new, 25%), the credit, the first wiki revision
     * and the group's pointer to it, the tags (counted up by name in tags, then torrents_tags). Then
     * the torrent, then update_hash.
     */
    private void upload() throws SQLException, NothingToPick {
        int user = user();
        String now = now();
        Integer groupId = null;
        String groupName = null;
        int year = 0;
        String artistName = "";
        if (random.nextInt(100) < 70) {
            int maxGroup = site.maxGroup.get();
            for (int pass = 0; pass < 2 && groupId == null; pass++) {
                int from = pass == 0 ? ownId(between(site.reserved + 1, maxGroup)) : site.reserved + 1;
                try (ResultSet rs = query("SELECT g.ID, g.Name, g.Year, COALESCE((SELECT aa.Name FROM "
                        + "torrents_artists ta JOIN artists_alias aa ON aa.AliasID = ta.AliasID WHERE ta.GroupID = g.ID "
                        + "ORDER BY ta.Importance, ta.ArtistID LIMIT 1), '') FROM torrents_group g WHERE g.ID >= ? "
                        + "AND g.ID MOD ? = ? ORDER BY g.ID LIMIT 1", from, workers, worker)) {
                    if (rs.next()) {
                        groupId = rs.getInt(1);
                        groupName = rs.getString(2);
                        year = rs.getInt(3);
                        artistName = rs.getString(4);
                    }
                }
            }
        }
        if (groupId != null) {
            write(RowClass.PUBLIC, "UPDATE torrents_group SET Time = ? WHERE ID = ?", now, groupId);
        } else {
            int releaseType = ReleaseGroupsGenerator.releaseType(random);
            year = 1950 + (int) (67 * Math.pow(random.nextDouble(), 0.6));
            boolean newArtist = random.nextInt(100) < 25;
            if (newArtist) {
                artistName = Words.artistName(random);
                write(RowClass.PUBLIC, "INSERT INTO artists_group (Name) VALUES (?)", artistName);
                later("SET @artist = LAST_INSERT_ID()", null);
                write(RowClass.PUBLIC, "INSERT INTO artists_alias (ArtistID, Name, Redirect, UserID) "
                        + "VALUES (@artist, ?, 0, ?)", artistName, user);
                later("SET @alias = LAST_INSERT_ID()", null);
            } else {
                try (ResultSet rs = query("SELECT ArtistID, AliasID, Name FROM artists_alias WHERE ArtistID >= ? "
                        + "AND Redirect = 0 ORDER BY ArtistID, AliasID LIMIT 1", between(1, site.maxArtist.get()))) {
                    if (!rs.next()) {
                        throw new NothingToPick("no artist with a plain alias above the one drawn");
                    }
                    later("SET @artist = ?, @alias = ?", null, rs.getInt(1), rs.getInt(2));
                    artistName = rs.getString(3);
                }
            }
            groupName = Words.cut(ReleaseGroupsGenerator.albumTitle(random, releaseType, artistName), 300);
            String body = "[b]" + groupName + "[/b] by [artist]" + artistName + "[/artist] (" + year + ")\n\n"
                    + Words.paragraph(random, 1 + random.nextInt(3));
            String image = random.nextInt(100) < 85 ? Words.imageUrl(random) : "";
            boolean labelled = random.nextInt(100) < 70;
            write(RowClass.PUBLIC, "INSERT INTO torrents_group (ArtistID, CategoryID, Name, Year, "
                    + "RecordLabel, CatalogueNumber, Time, WikiBody, WikiImage, ReleaseType, VanityHouse) "
                    + "VALUES (0, 1, ?, ?, ?, ?, ?, ?, ?, ?, 0)", groupName, year,
                    labelled ? Words.pick(random, Words.LABELS) : "",
                    labelled ? ReleaseGroupsGenerator.catalogueNumber(random) : "", now, body, image, releaseType);
            later("SET @group = LAST_INSERT_ID()", null);
            write(RowClass.PUBLIC, "INSERT IGNORE INTO torrents_artists (GroupID, ArtistID, AliasID, UserID, "
                    + "Importance) VALUES (@group, @artist, @alias, ?, '1')", user);
            write(RowClass.PUBLIC, "INSERT INTO wiki_torrents (PageID, Body, UserID, Summary, Time, Image) "
                    + "VALUES (@group, ?, ?, 'Uploaded new torrent', ?, ?)", body, user, now, image);
            write(RowClass.PUBLIC, "UPDATE torrents_group SET RevisionID = LAST_INSERT_ID() WHERE ID = @group");
            // In name order, so that two uploads counting up the same tags lock them in the same order.
            // ID = LAST_INSERT_ID(ID) changes no row: it gives torrents_tags the tag's id when the tag
            // existed, as inserted_id() does for Gazelle.
            for (String tag : uploadTags()) {
                upsertOne(RowClass.PUBLIC, "INSERT INTO tags (Name, UserID) VALUES (?, ?) "
                        + "ON DUPLICATE KEY UPDATE Uses = Uses + 1, ID = LAST_INSERT_ID(ID)", tag, user);
                upsertOne(RowClass.PUBLIC, "INSERT INTO torrents_tags (TagID, GroupID, UserID, PositiveVotes) "
                        + "VALUES (LAST_INSERT_ID(), @group, ?, 10) ON DUPLICATE KEY UPDATE PositiveVotes = "
                        + "PositiveVotes + 1", user);
            }
        }
        insertTorrent(groupId, groupName, year, artistName, user, now);
        updateHash(groupId);
        if (groupId == null) {
            laterRows("SELECT @group, @artist", rs -> {
                rs.next();
                site.maxGroup.accumulateAndGet(rs.getInt(1), Math::max);
                site.maxArtist.accumulateAndGet(rs.getInt(2), Math::max);
            });
        }
    }

    /** A torrent's edition and description corrected on the edit page, then update_hash. */
    private void edit() throws SQLException, NothingToPick {
        int[] torrent = ownTorrent();
        int remasterYear = 1990 + random.nextInt(27);
        String description = "[b]Source:[/b] [url=https://www.discogs.com/release/"
                + (10_000 + random.nextInt(9_000_000)) + "]Discogs[/url]\n" + Words.sentence(random);
        write(RowClass.PUBLIC, "UPDATE torrents SET Remastered = '1', RemasterYear = ?, RemasterTitle = ?, "
                + "RemasterRecordLabel = ?, RemasterCatalogueNumber = ?, Description = ? WHERE ID = ?", remasterYear,
                Words.pick(random, Words.REMASTER_TITLES), Words.pick(random, Words.LABELS),
                ReleaseGroupsGenerator.catalogueNumber(random), description, torrent[1]);
        updateHash(torrent[0]);
    }

    /** vote_tag: up adds 2 to PositiveVotes (75%), down adds 1 to NegativeVotes. */
    private void tagVote() throws SQLException, NothingToPick {
        List<int[]> found = ownRows("SELECT GroupID, TagID FROM torrents_tags WHERE GroupID >= ? AND GroupID MOD ? = ? "
                + "ORDER BY GroupID LIMIT ?", 8, 1);
        int group = found.get(0)[0];
        List<Integer> tags = new ArrayList<>();
        for (int[] r : found) {
            if (r[0] == group) {
                tags.add(r[1]);
            }
        }
        int tag = tags.get(random.nextInt(tags.size()));
        String change = random.nextInt(100) < 75 ? "PositiveVotes = PositiveVotes + 2"
                : "NegativeVotes = NegativeVotes + 1";
        write(RowClass.PUBLIC, "UPDATE torrents_tags SET " + change + " WHERE TagID = ? AND GroupID = ?", tag, group);
    }

    /**
     * A torrent deleted and queued for removal from the search index; the group's last torrent takes
     * the group, its credits, tags and wiki with it (its album votes go by the foreign keys' cascade,
     * which the binlog does not show); otherwise update_hash requeues the group.
     */
    private void delete() throws SQLException, NothingToPick {
        int[] torrent = ownTorrent();
        int groupId = torrent[0];
        write(RowClass.PUBLIC, "DELETE FROM torrents WHERE ID = ?", torrent[1]);
        sphinxRows("ID = ?", torrent[1]);
        later("REPLACE INTO sphinx_delta (ID, Time, LastChanged) VALUES (?, ?, FROM_UNIXTIME(?))", replaced -> {
            check(replaced == 1 || replaced == 2, "REPLACE of one sphinx_delta row affected " + replaced);
            nonTransactional = nonTransactional.plus(RowCounts.of(RowClass.UNCAPTURED, 1));
        }, torrent[1], clock, clock);
        boolean last;
        try (ResultSet rs = query("SELECT ID FROM torrents WHERE GroupID = ? LIMIT 1", groupId)) {
            last = !rs.next();
        }
        if (last) {
            write(RowClass.PUBLIC, "DELETE FROM torrents_artists WHERE GroupID = ?", groupId);
            write(RowClass.PUBLIC, "DELETE FROM torrents_group WHERE ID = ?", groupId);
            write(RowClass.PUBLIC, "DELETE FROM torrents_tags WHERE GroupID = ?", groupId);
            write(RowClass.PUBLIC, "DELETE FROM wiki_torrents WHERE PageID = ?", groupId);
        } else {
            updateHash(groupId);
        }
        recentlyDeleted.addLast(torrent[1]);
        if (recentlyDeleted.size() > 20) {
            recentlyDeleted.removeFirst();
        }
    }

    /** An artist renamed: its alias of the old name, then the artist. */
    private void rename() throws SQLException, NothingToPick {
        int artistId = 0;
        String old = null;
        String sql = "SELECT ArtistID, Name FROM artists_group WHERE ArtistID >= ? AND ArtistID MOD ? = ? "
                + "ORDER BY ArtistID LIMIT 1";
        for (int pass = 0; pass < 2 && old == null; pass++) {
            int from = pass == 0 ? ownId(between(site.reserved + 1, site.maxArtist.get())) : site.reserved + 1;
            try (ResultSet rs = query(sql, from, workers, worker)) {
                if (rs.next()) {
                    artistId = rs.getInt(1);
                    old = rs.getString(2);
                }
            }
        }
        if (old == null) {
            throw new NothingToPick("no artist of connection " + worker + " above id " + site.reserved);
        }
        String name = Words.artistName(random);
        write(RowClass.PUBLIC, "UPDATE artists_alias SET Name = ? WHERE ArtistID = ? AND Name = ?", name, artistId,
                old);
        write(RowClass.PUBLIC, "UPDATE artists_group SET Name = ? WHERE ArtistID = ?", name, artistId);
    }

    /** Comments::post on a release group's page. */
    private void comment() throws SQLException, NothingToPick {
        Integer groupId = ownGroupOrNull();
        if (groupId == null) {
            throw new NothingToPick("no release group of connection " + worker);
        }
        String body = Words.pick(random, List.of("Thanks for the upload!", "Great [b]rip[/b], thanks!",
                "Does anyone have the vinyl rip of this?", Words.paragraph(random, 2)));
        write(RowClass.PUBLIC, "INSERT INTO comments (Page, PageID, AuthorID, AddedTime, Body) "
                + "VALUES ('torrents', ?, ?, ?, ?)", groupId, user(), now(), body);
    }

    /**
     * take_reply: the post, then the forum's and the topic's counters and last post (columns that
     * never leave: noise from the PHP code itself). One in six starts a topic instead
     * (take_new_thread), in any forum, staff forums included.
     */
    private void forumPost() throws SQLException, NothingToPick {
        if (site.forums.isEmpty()) {
            throw new NothingToPick("the site has no forums");
        }
        int user = user();
        String now = now();
        int topicId = 0;
        int forumId = 0;
        if (site.maxTopic.get() > 0 && random.nextInt(100) >= 16) {
            try (ResultSet rs = query("SELECT ID, ForumID FROM forums_topics WHERE ID >= ? ORDER BY ID LIMIT 1",
                    between(1, site.maxTopic.get()))) {
                if (rs.next()) {
                    topicId = rs.getInt(1);
                    forumId = rs.getInt(2);
                }
            }
        }
        if (topicId == 0) {
            forumId = site.forums.get(random.nextInt(site.forums.size()));
            write(RowClass.PUBLIC, "INSERT INTO forums_topics (Title, AuthorID, ForumID, LastPostTime, "
                    + "LastPostAuthorID, CreatedTime) VALUES (?, ?, ?, ?, ?, ?)", Words.cut(Words.title(random), 150),
                    user, forumId, now, user, now);
            later("SET @topic = LAST_INSERT_ID()", null);
            write(RowClass.NOISE, "UPDATE forums SET NumTopics = NumTopics + 1 WHERE ID = ?", forumId);
        } else {
            later("SET @topic = ?", null, topicId);
        }
        String body = random.nextInt(4) == 0
                ? "[quote]" + Words.sentence(random) + "[/quote]\n" + Words.sentence(random)
                : Words.paragraph(random, 1 + random.nextInt(3));
        write(RowClass.PUBLIC, "INSERT INTO forums_posts (TopicID, AuthorID, AddedTime, Body) "
                + "VALUES (@topic, ?, ?, ?)", user, now, body);
        write(RowClass.NOISE, "UPDATE forums SET NumPosts = NumPosts + 1, LastPostID = LAST_INSERT_ID(), "
                + "LastPostAuthorID = ?, LastPostTopicID = @topic, LastPostTime = ? WHERE ID = ?", user, now, forumId);
        write(RowClass.NOISE, "UPDATE forums_topics SET NumPosts = NumPosts + 1, LastPostID = LAST_INSERT_ID(), "
                + "LastPostAuthorID = ?, LastPostTime = ? WHERE ID = @topic", user, now);
        if (topicId == 0) {
            laterRows("SELECT @topic", rs -> {
                rs.next();
                site.maxTopic.accumulateAndGet(rs.getInt(1), Math::max);
            });
        }
    }

    /**
     * Ocelot's flush of torrent statistics: the torrents it saw announces for (here a window of this
     * connection's torrents, in id order), upserted in one statement; now and then one the site just
     * deleted, which the upsert creates as a ghost row; then the ghost rows deleted.
     */
    private void trackerFlush() throws SQLException, NothingToPick {
        Set<Integer> window = new LinkedHashSet<>();
        for (int[] r : ownRows("SELECT GroupID, ID FROM torrents WHERE GroupID >= ? AND GroupID MOD ? = ? "
                + "ORDER BY GroupID LIMIT ?", 2 * mix.trackerBatch(), 1)) {
            window.add(r[1]);
        }
        List<Integer> ids = new ArrayList<>(window);
        Collections.shuffle(ids, new java.util.Random(random.nextLong()));
        ids = new ArrayList<>(ids.subList(0, Math.min(mix.trackerBatch(), ids.size())));
        if (!recentlyDeleted.isEmpty() && random.nextInt(100) < mix.ghostPercent()) {
            ids.add(recentlyDeleted.pollLast());
        }
        Collections.sort(ids);
        StringBuilder sql = new StringBuilder("INSERT INTO torrents (ID, Seeders, Leechers, Snatched, balance) VALUES ");
        Object[] values = new Object[5 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
            values[5 * i] = ids.get(i);
            values[5 * i + 1] = random.nextInt(100) < 20 ? 0 : 1 + random.nextInt(60);
            values[5 * i + 2] = random.nextInt(100) < 70 ? 0 : 1 + random.nextInt(5);
            values[5 * i + 3] = random.nextInt(3);
            values[5 * i + 4] = random.nextLong(-(1L << 30), 1L << 34);
        }
        sql.append(" ON DUPLICATE KEY UPDATE Seeders = VALUES(Seeders), Leechers = VALUES(Leechers), "
                + "Snatched = Snatched + VALUES(Snatched), balance = VALUES(balance), "
                + "last_action = IF(VALUES(Seeders) > 0, NOW(), last_action)");
        int torrents = ids.size();
        long[] upserted = new long[1];
        later(sql.toString(), affected -> upserted[0] = affected, values);
        later("DELETE FROM torrents WHERE info_hash = ''", ghosts -> {
            long affected = upserted[0];
            check((affected - ghosts) % 2 == 0 && affected >= ghosts, "tracker upsert of " + torrents
                    + " torrents affected " + affected + " with " + ghosts + " ghost rows");
            count(RowClass.NOISE, (affected - ghosts) / 2);
            // The ghost's insert and its delete: rows of a replicated table, which the sidecar translates.
            count(RowClass.PUBLIC, 2L * ghosts);
        });
    }

    /** Ocelot's flush of users' transfer totals: one upsert of a window of this connection's users. */
    private void usersFlush() throws SQLException, NothingToPick {
        List<Integer> ids = new ArrayList<>();
        int from = ownId(between(1, site.maxUser.get()));
        for (int pass = 0; pass < 2 && ids.isEmpty(); pass++) {
            try (ResultSet rs = query("SELECT ID FROM users_main WHERE ID >= ? AND ID MOD ? = ? ORDER BY ID LIMIT ?",
                    pass == 0 ? from : 1, workers, worker, mix.userBatch())) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        if (ids.isEmpty()) {
            throw new NothingToPick("no user of connection " + worker);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO users_main (ID, Uploaded, Downloaded) VALUES ");
        Object[] values = new Object[3 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
            values[3 * i] = ids.get(i);
            values[3 * i + 1] = 1 + random.nextLong(1L << 28);
            values[3 * i + 2] = random.nextLong(1L << 27);
        }
        sql.append(" ON DUPLICATE KEY UPDATE Uploaded = Uploaded + VALUES(Uploaded), "
                + "Downloaded = Downloaded + VALUES(Downloaded)");
        int users = ids.size();
        later(sql.toString(), affected -> {
            // Every id exists (no user is ever deleted here): each row is updated, reported as 2.
            check(affected % 2 == 0, "users' upsert of " + users + " rows affected " + affected);
            count(RowClass.UNCAPTURED, affected / 2);
        }, values);
    }

    // ---------------------------------------------------------------------------------------------
    // Gazelle's helpers

    /** The new torrent, into {@code groupId}, or the group the upload created ({@code @group}) when null. */
    private void insertTorrent(Integer groupId, String groupName, int year, String artistName, int user, String now) {
        String media = TorrentsGenerator.MEDIA[GazelleDataGenerator.pickIndex(random, TorrentsGenerator.MEDIA_WEIGHTS)];
        String[] fe = TorrentsGenerator.formatFor(media, random);
        boolean flac = fe[0].equals("FLAC");
        boolean scene = random.nextInt(100) < 6;
        boolean hasLog = flac && media.equals("CD") && !scene && random.nextInt(100) < 85;
        boolean hasCue = hasLog && random.nextInt(100) < 85;
        boolean remastered = random.nextInt(100) < 33;
        String ext = switch (fe[0]) {
            case "FLAC" -> "flac";
            case "AAC" -> "m4a";
            case "Ogg Vorbis" -> "ogg";
            default -> "mp3";
        };
        double kbps = TorrentsGenerator.bitrate(fe[1], random);
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0, tracks = 8 + random.nextInt(8); i < tracks; i++) {
            names.add((i < 9 ? "0" : "") + (i + 1) + " - " + TorrentsGenerator.safeFileName(Words.trackTitle(random))
                    + "." + ext);
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
        Object[] values = {user, media, fe[0], fe[1], remastered ? "1" : "0",
                remastered ? Math.min(2016, Math.max(year, 1950) + random.nextInt(Math.max(1, 2017 - year))) : 0,
                remastered ? Words.pick(random, Words.REMASTER_TITLES) : "",
                remastered ? Words.pick(random, Words.LABELS) : "",
                remastered ? ReleaseGroupsGenerator.catalogueNumber(random) : "",
                scene ? "1" : "0", hasLog ? "1" : "0", hasCue ? "1" : "0", infoHash(),
                names.size(), FileLists.format(names, sizes, false), folder, total, now,
                random.nextBoolean() ? "" : "[url=https://www.discogs.com/release/"
                        + (10_000 + random.nextInt(9_000_000)) + "]Discogs[/url]",
                hasLog ? (random.nextInt(100) < 70 ? 100 : 50 + random.nextInt(50)) : 0};
        write(RowClass.PUBLIC, groupId == null ? INSERT_TORRENT.replace(GROUP, "@group") : INSERT_TORRENT.replace(GROUP,
                "?"), groupId == null ? values : prepend(groupId, values));
    }

    /**
     * A SHA-1 of the upload's clock: the clock is past every upload's time on the site (its Time), so
     * no torrent has this hash yet, whichever generator or run wrote it (the column is a unique key).
     */
    private byte[] infoHash() {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update("herd-load".getBytes(StandardCharsets.US_ASCII));
            sha1.update(ByteBuffer.allocate(8).putLong(clock).array());
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** 2 to 5 tags, most of them existing ones (the popular ones most often), in name order. */
    private List<String> uploadTags() {
        Set<String> tags = new LinkedHashSet<>();
        int n = 2 + random.nextInt(4);
        while (tags.size() < n) {
            if (!site.tagNames.isEmpty() && random.nextInt(100) < 85) {
                tags.add(site.tagNames.get((int) (site.tagNames.size() * Math.pow(random.nextDouble(), 3))));
            } else {
                tags.add(Words.pick(random, Words.TAG_PREFIXES) + "." + Words.pick(random, Words.GENRE_TAGS));
            }
        }
        List<String> sorted = new ArrayList<>(tags);
        Collections.sort(sorted);
        return sorted;
    }

    /**
     * Torrents::update_hash: TagList recomputed from torrents_tags (a column that never leaves), the
     * album's vote score and main artists read, then every torrent of the group queued for Sphinx's
     * delta index in one REPLACE ... SELECT. As in Gazelle, the score and the artists are read before
     * the REPLACE, not in it: the REPLACE holds sphinx_delta's table lock (MyISAM) from start to end,
     * every connection's update_hash waits for it, and the less it does the shorter they wait. The
     * group is {@code groupId}, or the one the upload created ({@code @group}) when null. Its torrents
     * are counted just before (the group is this connection's: no other one adds or removes its
     * torrents).
     */
    private void updateHash(Integer groupId) {
        boolean variable = groupId == null;
        write(RowClass.NOISE, variable ? UPDATE_HASH_TAGLIST_VARIABLE : UPDATE_HASH_TAGLIST_PARAMETER,
                variable ? new Object[0] : new Object[] {groupId, groupId});
        long[] torrents = new long[1];
        laterRows(variable ? UPDATE_HASH_READ_VARIABLE : UPDATE_HASH_READ_PARAMETER, rs -> {
            rs.next();
            torrents[0] = rs.getLong(3);
        }, variable ? new Object[0] : new Object[] {groupId, groupId, groupId});
        if (variable) {
            sphinxRows("GroupID = @group");
        } else {
            sphinxRows("GroupID = ?", groupId);
        }
        later(variable ? UPDATE_HASH_SPHINX_VARIABLE : UPDATE_HASH_SPHINX_PARAMETER, affected -> {
            long n = torrents[0];
            check(affected >= n && affected <= 2 * n, "REPLACE ... SELECT of the " + n + " torrents of group "
                    + (variable ? "@group" : groupId) + " affected " + affected);
            nonTransactional = nonTransactional.plus(RowCounts.of(RowClass.UNCAPTURED, n));
        }, variable ? new Object[] {clock} : new Object[] {clock, groupId});
    }

    // ---------------------------------------------------------------------------------------------
    // Picking this connection's rows

    private Integer ownGroupOrNull() throws SQLException {
        int maxGroup = site.maxGroup.get();
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? ownId(between(site.reserved + 1, maxGroup)) : site.reserved + 1;
            try (ResultSet rs = query("SELECT ID FROM torrents_group WHERE ID >= ? AND ID MOD ? = ? ORDER BY ID "
                    + "LIMIT 1", from, workers, worker)) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        return null;
    }

    /** A torrent of one of this connection's groups: {group, torrent}. */
    private int[] ownTorrent() throws SQLException, NothingToPick {
        List<int[]> own = ownRows("SELECT GroupID, ID FROM torrents WHERE GroupID >= ? AND GroupID MOD ? = ? "
                + "ORDER BY GroupID LIMIT ?", 4, 1);
        return own.get(random.nextInt(own.size()));
    }

    /**
     * Rows {group, x} of this connection's groups from a query over an index by group
     * ({@code GroupID >= ? AND GroupID MOD ? = ? ... LIMIT ?}), from a random group on, and from the
     * first one when that finds none.
     */
    private List<int[]> ownRows(String sql, int limit, int min) throws SQLException, NothingToPick {
        List<int[]> own = new ArrayList<>();
        int from = between(site.reserved + 1, site.maxGroup.get());
        for (int pass = 0; pass < 2 && own.size() < min; pass++) {
            own.clear();
            try (ResultSet rs = query(sql, pass == 0 ? from : site.reserved + 1, workers, worker, limit)) {
                while (rs.next()) {
                    own.add(new int[] {rs.getInt(1), rs.getInt(2)});
                }
            }
        }
        if (own.size() < min) {
            throw new NothingToPick("no rows of connection " + worker + "'s groups for: " + sql);
        }
        return own;
    }

    /** The first id at or above {@code id} that is this connection's. */
    private int ownId(int id) {
        return id + Math.floorMod(worker - id, workers);
    }

    private int between(int low, int high) {
        return high <= low ? low : low + random.nextInt(high - low + 1);
    }

    private int user() {
        int maxUser = site.maxUser.get();
        return 1 + Math.min(maxUser - 1, (int) (maxUser * Math.pow(random.nextDouble(), 3)));
    }

    private String now() {
        return LocalDateTime.ofEpochSecond(clock, 0, ZoneOffset.UTC).format(DATETIME);
    }

    // ---------------------------------------------------------------------------------------------
    // Statements and counts

    private void count(RowClass rowClass, long rows) {
        transactional = transactional.plus(RowCounts.of(rowClass, rows));
    }

    private void check(boolean holds, String what) {
        if (!holds && anomaly == null) {
            anomaly = what;
        }
    }

    /** sphinx_delta rows matching {@code condition} may be this transaction's: recounted if it fails. */
    private void sphinxRows(String condition, Object... values) {
        sphinxRows.add(condition);
        sphinxRowValues.addAll(List.of(values));
    }

    /** An INSERT, UPDATE or DELETE of InnoDB rows: the rows it changed are the binlog's rows. */
    private void write(RowClass rowClass, String sql, Object... values) {
        later(sql, n -> count(rowClass, n), values);
    }

    /** An INSERT ... ON DUPLICATE KEY UPDATE of one row: 1 inserted, 2 updated, 0 unchanged. */
    private void upsertOne(RowClass rowClass, String sql, Object... values) {
        later(sql, n -> {
            check(n >= 0 && n <= 2, "upsert of one row affected " + n);
            count(rowClass, n == 0 ? 0 : 1);
        }, values);
    }

    /** A statement sent with the next pick or the COMMIT; {@code onCount} (may be null) gets its update count. */
    private void later(String sql, OnCount onCount, Object... values) {
        deferred.add(new Deferred(sql, values, onCount, null));
    }

    /** A query sent with the next pick or the COMMIT; {@code onRows} reads its rows then. */
    private void laterRows(String sql, OnRows onRows, Object... values) {
        deferred.add(new Deferred(sql, values, null, onRows));
    }

    /**
     * A pick: sent now, with every deferred statement before it, in one round trip; the caller
     * closes the rows.
     */
    private ResultSet query(String sql, Object... values) throws SQLException {
        deferred.add(new Deferred(sql, values, null, null));
        return send();
    }

    /**
     * Sends the deferred statements as one query (a single statement as a server-side prepared one),
     * hands each result to its use, and returns the last one's rows when it is a pick's.
     */
    private ResultSet send() throws SQLException {
        List<Deferred> batch = List.copyOf(deferred);
        deferred.clear();
        PreparedStatement ps;
        if (batch.size() == 1) {
            ps = prepared(batch.get(0).sql());
        } else {
            StringBuilder sql = new StringBuilder(CLIENT_PREPARED);
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : "; ").append(batch.get(i).sql());
            }
            ps = prepared(sql.toString());
        }
        int index = 1;
        for (Deferred d : batch) {
            for (Object v : d.values()) {
                JdbcRowWriter.bind(ps, index++, v);
            }
        }
        boolean rows = ps.execute();
        for (int i = 0; ; i++) {
            Deferred d = batch.get(i);
            boolean last = i == batch.size() - 1;
            if (rows) {
                ResultSet rs = ps.getResultSet();
                if (d.onRows() == null) {
                    if (!last) {
                        throw new IllegalStateException("a pick before the end of a query: " + d.sql());
                    }
                    return rs;
                }
                try (rs) {
                    d.onRows().accept(rs);
                }
            } else if (d.onCount() != null) {
                d.onCount().accept(ps.getLargeUpdateCount());
            }
            if (last) {
                return null;
            }
            rows = ps.getMoreResults();
        }
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        connection.close();
    }
}
