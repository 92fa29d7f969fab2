package org.herd.simulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;

/**
 * Turns the generator's WhatCD rows into the rows an OPS site holds for the same catalogue, so
 * that one generator serves both variants. What OPS changed is applied the way its migrations
 * applied it to what.cd's data:
 *
 * <ul>
 *   <li>artists get {@code PrimaryAlias}, the alias with their name (the first alias the generator
 *       emits for them), and lose {@code Name};</li>
 *   <li>credits lose {@code ArtistID} and gain {@code artist_role_id}; some producer credits
 *       become arranger credits (Importance 8, which WhatCD lacked);</li>
 *   <li>the tracker's statistics move from {@code torrents} to {@code torrents_leech_stats};
 *       {@code TranscodedFrom} goes; a few torrents carry a flag in {@code torrent_has_attr};</li>
 *   <li>release types: some groups get the types only OPS has (Sampler, Demo, Split, DJ Mix,
 *       Concert recording); {@code release_type}, {@code artist_role} and {@code torrent_attr}
 *       hold their rows;</li>
 *   <li>no zero dates: a nullable datetime becomes NULL, a NOT NULL one the day OPS opened
 *       ({@link #UNDATED});</li>
 *   <li>request votes get their surrogate key and every row its bookkeeping columns.</li>
 * </ul>
 *
 * <p>Values are taken by column name (ignoring case, as MySQL does); an OPS column with no WhatCD
 * counterpart and no rule here is an error, so that a column added to either catalogue is not
 * silently filled with a guess. WhatCD tables OPS's catalogue does not have are left out.
 * Deterministic: the same WhatCD rows give the same OPS rows.
 */
public final class OpsRowAdapter implements RowSink {

    static final GazelleCatalogue OPS = GazelleCatalogue.of(GazelleVariant.OPS);

    /** What a NOT NULL datetime holds where the WhatCD row has a zero date: the day OPS opened. */
    static final String UNDATED = "2017-11-19 00:00:00";

    /** One torrent in this many carries a flag. */
    static final int FLAGGED_EVERY = 50;

    /** OPS's NOT NULL datetime columns, which cannot hold what WhatCD leaves undated. */
    private static final Set<String> NOT_NULL_DATES = Set.of("wiki_artists.Time", "wiki_torrents.Time",
            "torrents_group.Time", "torrents_group.created", "torrents_group.updated", "torrents.Time",
            "torrents.created", "torrents.updated", "torrents_artists.created", "torrent_has_attr.created",
            "users_main.created", "users_main.updated", "pm_messages.SentDate", "collages.updated",
            "collages_torrents.AddedOn", "collages_artists.AddedOn", "requests.TimeAdded", "requests.created",
            "requests.updated", "requests_artists.created", "requests_votes.created", "forums_topics.LastPostTime",
            "forums_posts.AddedTime", "comments.AddedTime");

    private static final String[][] RELEASE_TYPES = {
        {"1", "Album"}, {"3", "Soundtrack"}, {"5", "EP"}, {"6", "Anthology"}, {"7", "Compilation"},
        {"8", "Sampler"}, {"9", "Single"}, {"10", "Demo"}, {"11", "Live album"}, {"12", "Split"},
        {"13", "Remix"}, {"14", "Bootleg"}, {"15", "Interview"}, {"16", "Mixtape"}, {"17", "DJ Mix"},
        {"18", "Concert recording"}, {"21", "Unknown"}};

    /** artist_role rows: id (= Importance), sequence, slug, name, title, collection. */
    private static final Object[][] ROLES = {
        {1, 1, "main", "Main", "Main", null}, {2, 1024, "guest", "Guest", "With", null},
        {3, 1023, "remixer", "Remixer", "Remixed by", "Remixes"},
        {4, 1022, "composer", "Composer", "Composers", "Compositions"},
        {5, 5, "conductor", "Conductor", "Conducted by", null}, {6, 6, "dj", "DJ", "DJ / Compiler", null},
        {7, 1021, "producer", "Producer", "Produced by", null},
        {8, 1020, "arranger", "Arranger", "Arranged by", "Arrangements"}};

    private static final String[][] TORRENT_FLAGS = {
        {"bad_files", "bad file names"}, {"bad_folders", "bad folder names"}, {"bad_tags", "bad tags"},
        {"cassette_approved", "approved cassette rip"}, {"lossymaster_approved", "approved lossy master"},
        {"lossyweb_approved", "approved lossy WEB release"}, {"missing_lineage", "missing lineage information"},
        {"trumpable", "trumpable for miscellaneous reasons"}};

    private final RowSink target;
    private boolean started;
    /** Artists waiting for the alias that names them, by ArtistID. */
    private final Map<Object, Map<String, Object>> unnamedArtists = new HashMap<>();
    private long voteId;

    public OpsRowAdapter(RowSink target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The columns of an OPS table, in the order of the values this adapter hands on. */
    public static List<String> columns(String table) {
        TableDef def = OPS.table(table).orElseThrow(
                () -> new IllegalArgumentException("table " + table + " is not in the OPS catalogue"));
        return def.columns().stream().map(ColumnDef::name).toList();
    }

    /** The rows per OPS table the adapter hands on for a generator planning {@code whatcd}. */
    public static GeneratedCounts plannedCounts(GeneratedCounts whatcd) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("release_type", (long) RELEASE_TYPES.length);
        counts.put("artist_role", (long) ROLES.length);
        counts.put("torrent_attr", (long) TORRENT_FLAGS.length);
        whatcd.rows().forEach((table, n) -> {
            if (OPS.table(table).isPresent()) {
                counts.put(table, n);
            }
        });
        counts.put("torrents_leech_stats", whatcd.of("torrents"));
        counts.put("torrent_has_attr", whatcd.of("torrents") / FLAGGED_EVERY);
        return new GeneratedCounts(counts);
    }

    @Override
    public void row(String table, Object[] values) {
        if (!started) {
            started = true;
            emitCodeLists();
        }
        if (OPS.table(table).isEmpty()) {
            return;
        }
        Map<String, Object> w = byName(table, values);
        switch (table) {
            case "artists_group" -> unnamedArtists.put(w.get("artistid"), w);
            case "artists_alias" -> {
                Map<String, Object> artist = unnamedArtists.remove(w.get("artistid"));
                if (artist != null) {
                    // The generator emits an artist's own name as its first alias.
                    artist.put("primaryalias", w.get("aliasid"));
                    emit("artists_group", artist);
                }
                emit(table, w);
            }
            case "torrents_group" -> {
                w.put("releasetype", opsReleaseType(w));
                w.put("created", w.get("time"));
                w.put("updated", w.get("time"));
                emit(table, w);
            }
            case "torrents" -> torrent(w);
            case "torrents_artists" -> {
                String importance = String.valueOf(w.get("importance"));
                if (importance.equals("7") && Math.floorMod(id(w, "groupid") + id(w, "aliasid"), 3) == 0) {
                    importance = "8";
                }
                w.put("importance", importance);
                w.put("artist_role_id", Integer.parseInt(importance));
                w.put("created", UNDATED);
                emit(table, w);
            }
            case "users_main" -> {
                w.put("created", UNDATED);
                w.put("updated", w.get("lastaccess"));
                w.put("auth_key", w.get("secret"));
                w.put("avatar", "");
                w.put("collage_total", 0);
                w.put("inviter_user_id", 0);
                w.put("profile_info", "");
                w.put("profile_title", "");
                w.put("slogan", null);
                w.put("stylesheet_id", 1 + Math.floorMod(id(w, "id"), 9));
                w.put("stylesheet_url", null);
                emit(table, w);
            }
            case "requests" -> {
                if (w.get("releasetype") == null) {
                    w.put("releasetype", 21);
                }
                w.put("checksum", 0);
                w.put("created", w.get("timeadded"));
                w.put("updated", w.get("timeadded"));
                emit(table, w);
            }
            case "requests_artists" -> {
                // OPS made Importance part of the key; what.cd's unset ones are main credits.
                Object importance = w.get("importance") == null ? "1" : w.get("importance");
                w.put("importance", importance);
                w.put("artist_role_id", Integer.parseInt(String.valueOf(importance)));
                w.put("userid", null);
                w.put("created", UNDATED);
                emit(table, w);
            }
            case "requests_votes" -> {
                w.put("requests_votes_id", ++voteId);
                w.put("created", UNDATED);
                emit(table, w);
            }
            default -> emit(table, w);
        }
    }

    /** Checks that every artist found its name. */
    public void finish() {
        if (!unnamedArtists.isEmpty()) {
            throw new IllegalStateException(unnamedArtists.size() + " generated artists have no alias, e.g. ArtistID "
                    + unnamedArtists.keySet().iterator().next());
        }
    }

    private void torrent(Map<String, Object> w) {
        target.row("torrents_leech_stats", new Object[] {
            w.get("id"), w.get("seeders"), w.get("leechers"), w.get("snatched"), w.get("balance"),
            nullIfZero(w.get("last_action"))});
        // Logs of the what.cd era were not in a log database; OPS's checksum flag defaults to good.
        boolean log = "1".equals(w.get("haslog"));
        w.put("haslogdb", log ? "1" : "0");
        w.put("logchecksum", "1");
        w.put("created", w.get("time"));
        w.put("updated", w.get("time"));
        emit("torrents", w);
        long id = id(w, "id");
        if (id % FLAGGED_EVERY == 0) {
            long flag = 1 + (id / FLAGGED_EVERY) % TORRENT_FLAGS.length;
            target.row("torrent_has_attr", new Object[] {w.get("id"), flag, w.get("userid"),
                notZero(w.get("time"))});
        }
    }

    private static int opsReleaseType(Map<String, Object> group) {
        int type = ((Number) group.get("releasetype")).intValue();
        if (!"1".equals(String.valueOf(group.get("categoryid")))) {
            return type;
        }
        long id = id(group, "id");
        return switch (type) {
            case 7 -> id % 5 == 0 ? 8 : type;
            case 9 -> id % 7 == 0 ? 10 : type;
            case 5 -> id % 9 == 0 ? 12 : type;
            case 16 -> id % 2 == 0 ? 17 : type;
            case 11 -> id % 3 == 0 ? 18 : type;
            default -> type;
        };
    }

    private void emitCodeLists() {
        for (String[] t : RELEASE_TYPES) {
            target.row("release_type", new Object[] {Integer.parseInt(t[0]), t[1]});
        }
        for (Object[] r : ROLES) {
            target.row("artist_role", r.clone());
        }
        for (int i = 0; i < TORRENT_FLAGS.length; i++) {
            target.row("torrent_attr", new Object[] {i + 1, TORRENT_FLAGS[i][0], TORRENT_FLAGS[i][1]});
        }
    }

    /** A WhatCD row by lower-cased column name. */
    private static Map<String, Object> byName(String table, Object[] values) {
        List<String> names = GazelleDataGenerator.columns(table);
        if (names.size() != values.length) {
            throw new IllegalStateException("generated " + table + " row has " + values.length + " values for "
                    + names.size() + " columns");
        }
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(names.get(i).toLowerCase(Locale.ROOT), values[i]);
        }
        return row;
    }

    /** Hands on {@code row} in OPS's column order, without zero dates. */
    private void emit(String table, Map<String, Object> row) {
        List<String> columns = columns(table);
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            String column = columns.get(i);
            String key = column.toLowerCase(Locale.ROOT);
            if (!row.containsKey(key)) {
                throw new IllegalStateException("no value for OPS column " + table + "." + column
                        + ": the generator's WhatCD row has none and the adapter has no rule for it");
            }
            Object v = row.get(key);
            if (GazelleDataGenerator.ZERO_DATE.equals(v)) {
                v = NOT_NULL_DATES.contains(table + "." + column) ? UNDATED : null;
            }
            out[i] = v;
        }
        target.row(table, out);
    }

    private static Object nullIfZero(Object date) {
        return GazelleDataGenerator.ZERO_DATE.equals(date) ? null : date;
    }

    private static Object notZero(Object date) {
        return date == null || GazelleDataGenerator.ZERO_DATE.equals(date) ? UNDATED : date;
    }

    private static long id(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
