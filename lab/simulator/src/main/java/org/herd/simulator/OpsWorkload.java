package org.herd.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * Live changes to a loaded OPS database, written the way OPS's PHP code and the Ocelot tracker
 * write them: artists created through their primary alias with constraint checks relaxed, credits
 * by alias and role, the tracker's statistics upserted into {@code torrents_leech_stats}, alias
 * merges that move credits to another alias, renames that move {@code PrimaryAlias}, and deletes
 * that copy the row into {@code deleted_*} first.
 *
 * <p>Deterministic for a seed on the same database contents. The workload owns its connection
 * while it runs: OPS's strict sql_mode, auto-commit off, every step in a transaction of its own.
 */
public final class OpsWorkload implements SiteWorkload {

    private static final String[] KINDS = {
        "newArtist", "newUpload", "editRelease", "voteTag", "mergeAlias", "renameArtist", "addArtistWiki",
        "softDeleteTorrent"};
    private static final int[] KIND_WEIGHTS = {6, 25, 15, 25, 4, 5, 10, 6};
    /** Release types an upload picks from, OPS's own among them. */
    private static final int[] RELEASE_TYPES = {1, 5, 7, 8, 9, 10, 11, 12, 16, 17, 18, 21};
    private static final int[] RELEASE_TYPE_WEIGHTS = {40, 12, 6, 3, 10, 3, 4, 3, 4, 6, 4, 5};

    private final Connection connection;
    private final SplittableRandom random;
    private long counter;

    public OpsWorkload(Connection connection, long seed) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.random = new SplittableRandom(seed);
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = '" + GazelleSchema.sqlMode(GazelleVariant.OPS) + "'");
        }
        connection.setAutoCommit(false);
        if (max("artists_group", "ArtistID") == 0 || max("users_main", "ID") == 0 || max("torrents", "ID") == 0) {
            throw new IllegalStateException("the OPS workload needs a loaded database with artists, users and torrents");
        }
        connection.commit();
    }

    /** One public change, chosen at random. */
    @Override
    public WorkloadStep step() throws SQLException {
        return switch (KINDS[GazelleDataGenerator.pickIndex(random, KIND_WEIGHTS)]) {
            case "newArtist" -> newArtist();
            case "newUpload" -> newUpload();
            case "editRelease" -> editRelease();
            case "voteTag" -> voteTag();
            case "mergeAlias" -> mergeAlias();
            case "renameArtist" -> renameArtist();
            case "addArtistWiki" -> addArtistWiki();
            default -> softDeleteTorrent();
        };
    }

    /**
     * Manager\Artist::create: the artist with PrimaryAlias 0 (constraint checks relaxed, since no
     * alias 0 exists), its alias, then the pointer to it.
     */
    public WorkloadStep newArtist() throws SQLException {
        return inTransaction(() -> {
            long artist = createArtist(Words.artistName(random) + " " + (++counter));
            return new WorkloadStep("newArtist", "artists_group", String.valueOf(artist));
        });
    }

    /**
     * An upload. Into a new group (40%): the group, a main credit under the artist's primary alias
     * and now and then a second credit (an arranger or a guest); into an existing group otherwise.
     * Then the torrent, its row in torrents_leech_stats and, rarely, a flag.
     */
    public WorkloadStep newUpload() throws SQLException {
        return inTransaction(() -> {
            long user = user();
            long group;
            if (random.nextInt(100) < 40) {
                int type = RELEASE_TYPES[GazelleDataGenerator.pickIndex(random, RELEASE_TYPE_WEIGHTS)];
                group = insert("INSERT INTO torrents_group (CategoryID, Name, Year, RecordLabel, CatalogueNumber,"
                        + " ReleaseType, WikiBody, WikiImage) VALUES (1, ?, ?, ?, ?, ?, ?, '')",
                        Words.title(random), 1960 + random.nextInt(65), Words.pick(random, Words.LABELS),
                        random.nextBoolean() ? null : "CAT" + random.nextInt(100_000), type,
                        Words.paragraph(random, 1));
                long alias = primaryAlias(someArtist());
                update("INSERT INTO torrents_artists (GroupID, UserID, AliasID, artist_role_id, Importance)"
                        + " VALUES (?, ?, ?, 1, '1')", group, user, alias);
                if (random.nextInt(100) < 30) {
                    long other = primaryAlias(someArtist());
                    int role = random.nextBoolean() ? 8 : 2;
                    update("INSERT IGNORE INTO torrents_artists (GroupID, UserID, AliasID, artist_role_id,"
                            + " Importance) VALUES (?, ?, ?, ?, ?)", group, user, other, role, String.valueOf(role));
                }
            } else {
                group = scalar("SELECT GroupID FROM torrents WHERE ID >= ? ORDER BY ID LIMIT 1",
                        1 + random.nextLong(max("torrents", "ID")));
            }
            byte[] hash = new byte[20];
            random.nextBytes(hash);
            long torrent = insert("INSERT INTO torrents (GroupID, UserID, Media, Format, Encoding, info_hash,"
                    + " FileCount, FileList, FilePath, Size, FreeTorrent, Description) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?,"
                    + " ?, '0', ?)", group, user, random.nextBoolean() ? "WEB" : "CD", "FLAC",
                    random.nextBoolean() ? "Lossless" : "24bit Lossless", hash,
                    ".flac s" + (20_000_000 + random.nextInt(30_000_000)) + "s 01 - " + Words.trackTitle(random)
                            + ".flac\u00F7", Words.title(random), 20_000_000L + random.nextInt(400_000_000),
                    random.nextBoolean() ? "" : Words.sentence(random));
            update("INSERT INTO torrents_leech_stats (TorrentID) VALUES (?)", torrent);
            if (random.nextInt(100) < 5) {
                update("INSERT INTO torrent_has_attr (TorrentID, TorrentAttrID, UserID) VALUES (?, ?, ?)", torrent,
                        1 + random.nextInt(8), user);
            }
            return new WorkloadStep("newUpload", "torrents", String.valueOf(torrent));
        });
    }

    public WorkloadStep editRelease() throws SQLException {
        return inTransaction(() -> {
            long torrent = someTorrent();
            update("UPDATE torrents SET Description = ?, RemasterTitle = ? WHERE ID = ?", Words.sentence(random),
                    random.nextBoolean() ? "" : "Deluxe Edition", torrent);
            return new WorkloadStep("editRelease", "torrents", String.valueOf(torrent));
        });
    }

    public WorkloadStep voteTag() throws SQLException {
        return inTransaction(() -> {
            long group = scalar("SELECT COALESCE((SELECT GroupID FROM torrents_tags WHERE GroupID >= ? ORDER BY GroupID"
                    + " LIMIT 1), (SELECT MIN(GroupID) FROM torrents_tags))", 1 + random.nextLong(max("torrents_tags",
                    "GroupID")));
            long tag = scalar("SELECT MIN(TagID) FROM torrents_tags WHERE GroupID = ?", group);
            update("UPDATE torrents_tags SET PositiveVotes = PositiveVotes + 1 WHERE TagID = ? AND GroupID = ?", tag,
                    group);
            return new WorkloadStep("voteTag", "torrents_tags", tag + "," + group);
        });
    }

    /**
     * Artist::merge of a second name into the primary one: the credits under the second name move
     * (UPDATE IGNORE: a credit the primary name already has stays behind), and the name redirects.
     */
    public WorkloadStep mergeAlias() throws SQLException {
        return inTransaction(() -> {
            long artist = someArtist();
            long primary = primaryAlias(artist);
            long second = insert("INSERT INTO artists_alias (ArtistID, Name, UserID) VALUES (?, ?, ?)", artist,
                    "aka " + Words.artistName(random) + " " + (++counter), user());
            long group = scalar("SELECT GroupID FROM torrents_artists ORDER BY GroupID DESC LIMIT 1");
            update("INSERT IGNORE INTO torrents_artists (GroupID, UserID, AliasID, artist_role_id, Importance)"
                    + " VALUES (?, ?, ?, 7, '7')", group, user(), second);
            update("UPDATE IGNORE torrents_artists SET AliasID = ? WHERE AliasID = ?", primary, second);
            update("DELETE FROM torrents_artists WHERE AliasID = ?", second);
            update("UPDATE artists_alias SET Redirect = ? WHERE AliasID = ?", primary, second);
            return new WorkloadStep("mergeAlias", "artists_alias", String.valueOf(second));
        });
    }

    /** Artist::rename: a new alias becomes the primary one; the old name redirects to it. */
    public WorkloadStep renameArtist() throws SQLException {
        return inTransaction(() -> {
            long artist = someArtist();
            long old = primaryAlias(artist);
            long renamed = insert("INSERT INTO artists_alias (ArtistID, Name, UserID) VALUES (?, ?, ?)", artist,
                    Words.artistName(random) + " " + (++counter), user());
            update("UPDATE artists_group SET PrimaryAlias = ? WHERE ArtistID = ?", renamed, artist);
            update("UPDATE artists_alias SET Redirect = ? WHERE AliasID = ?", renamed, old);
            return new WorkloadStep("renameArtist", "artists_group", String.valueOf(artist));
        });
    }

    /** A new biography revision (OPS's summary column is lower case) and the artist pointing at it. */
    public WorkloadStep addArtistWiki() throws SQLException {
        return inTransaction(() -> {
            long artist = someArtist();
            long revision = insert("INSERT INTO wiki_artists (PageID, Body, UserID, summary, Image) VALUES (?, ?, ?, ?,"
                    + " ?)", artist, Words.paragraph(random, 2), user(), random.nextBoolean() ? "" : "Updated biography",
                    random.nextBoolean() ? null : Words.imageUrl(random));
            update("UPDATE artists_group SET RevisionID = ? WHERE ArtistID = ?", revision, artist);
            return new WorkloadStep("addArtistWiki", "wiki_artists", String.valueOf(revision));
        });
    }

    /**
     * Torrent::remove: the statistics row is copied (and stays behind), flags and the torrent are
     * copied into the deleted_ tables and deleted, with constraint checks relaxed.
     */
    public WorkloadStep softDeleteTorrent() throws SQLException {
        return inTransaction(() -> {
            long torrent = someTorrent();
            relax(true);
            update("INSERT IGNORE INTO deleted_torrents_leech_stats SELECT * FROM torrents_leech_stats"
                    + " WHERE TorrentID = ?", torrent);
            update("INSERT IGNORE INTO deleted_torrent_has_attr SELECT * FROM torrent_has_attr WHERE TorrentID = ?",
                    torrent);
            update("DELETE FROM torrent_has_attr WHERE TorrentID = ?", torrent);
            update("INSERT IGNORE INTO deleted_torrents SELECT * FROM torrents WHERE ID = ?", torrent);
            update("DELETE FROM torrents WHERE ID = ?", torrent);
            relax(false);
            return new WorkloadStep("softDeleteTorrent", "torrents", String.valueOf(torrent));
        });
    }

    /** Ocelot's flush: statistics of {@code torrents} torrents upserted into torrents_leech_stats. */
    @Override
    public WorkloadStep trackerFlush(int torrents) throws SQLException {
        return inTransaction(() -> {
            StringJoiner ids = new StringJoiner(",");
            StringJoiner values = new StringJoiner(", ");
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < torrents; i++) {
                long id = someTorrent();
                ids.add(String.valueOf(id));
                values.add("(?, ?, ?, ?, NOW())");
                args.add(id);
                args.add(random.nextInt(200));
                args.add(random.nextInt(10));
                args.add(random.nextInt(5000));
            }
            update("INSERT INTO torrents_leech_stats (TorrentID, Seeders, Leechers, Snatched, last_action) VALUES "
                    + values + " ON DUPLICATE KEY UPDATE Seeders = VALUES(Seeders), Leechers = VALUES(Leechers),"
                    + " Snatched = VALUES(Snatched), last_action = VALUES(last_action)", args.toArray());
            return new WorkloadStep("trackerFlush", "torrents_leech_stats", ids.toString());
        });
    }

    /** A user's visit: bookkeeping on the account row. */
    @Override
    public WorkloadStep userActivity() throws SQLException {
        return inTransaction(() -> {
            long user = user();
            update("UPDATE users_main SET IP = ?, updated = NOW() WHERE ID = ?",
                    "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)), user);
            return new WorkloadStep("userActivity", "users_main", String.valueOf(user));
        });
    }

    /** A private message in a new conversation between two users. */
    @Override
    public WorkloadStep sendPrivateMessage() throws SQLException {
        return inTransaction(() -> {
            long from = user();
            long to = user();
            long conversation = insert("INSERT INTO pm_conversations (Subject) VALUES (?)", Words.sentence(random));
            update("INSERT IGNORE INTO pm_conversations_users (UserID, ConvID, InInbox, InSentbox, UnRead) VALUES"
                    + " (?, ?, '0', '1', '0'), (?, ?, '1', '0', '1')", from, conversation, to, conversation);
            long message = insert("INSERT INTO pm_messages (ConvID, SenderID, Body) VALUES (?, ?, ?)", conversation,
                    from, Words.paragraph(random, 1));
            return new WorkloadStep("sendPrivateMessage", "pm_messages", String.valueOf(message));
        });
    }

    private long createArtist(String name) throws SQLException {
        relax(true);
        long artist = insert("INSERT INTO artists_group (PrimaryAlias) VALUES (0)");
        long alias = insert("INSERT INTO artists_alias (ArtistID, Name) VALUES (?, ?)", artist, name);
        update("UPDATE artists_group SET PrimaryAlias = ? WHERE ArtistID = ?", alias, artist);
        relax(false);
        return artist;
    }

    private long someArtist() throws SQLException {
        return scalar("SELECT ArtistID FROM artists_group WHERE ArtistID >= ? ORDER BY ArtistID LIMIT 1",
                1 + random.nextLong(max("artists_group", "ArtistID")));
    }

    private long primaryAlias(long artist) throws SQLException {
        return scalar("SELECT PrimaryAlias FROM artists_group WHERE ArtistID = ?", artist);
    }

    private long someTorrent() throws SQLException {
        return scalar("SELECT ID FROM torrents WHERE ID >= ? ORDER BY ID LIMIT 1",
                1 + random.nextLong(max("torrents", "ID")));
    }

    private long user() throws SQLException {
        return scalar("SELECT ID FROM users_main WHERE ID >= ? ORDER BY ID LIMIT 1",
                1 + random.nextLong(max("users_main", "ID")));
    }

    private long max(String table, String column) throws SQLException {
        return scalar("SELECT COALESCE(MAX(`" + column + "`), 0) FROM `" + table + "`");
    }

    private void relax(boolean relaxed) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION foreign_key_checks = " + (relaxed ? 0 : 1));
        }
    }

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
            relax(false);
            throw e;
        }
    }

    private long insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, values);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id from: " + sql.substring(0, Math.min(60, sql.length())));
                }
                return keys.getLong(1);
            }
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, values);
            ps.executeUpdate();
        }
    }

    private long scalar(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row for: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
