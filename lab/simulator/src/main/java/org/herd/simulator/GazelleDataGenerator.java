package org.herd.simulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>The site's shape is planned first ({@link SitePlan}); each area of the site has a generator of
 * its own: {@link UsersGenerator}, {@link ArtistsGenerator}, {@link ReleaseGroupsGenerator},
 * {@link TorrentsGenerator}, {@link TagsGenerator}, {@link MessagesGenerator},
 * {@link CollagesRequestsGenerator}, {@link ForumsGenerator} and, for the tables around the core,
 * {@link CatalogueExtrasGenerator}. This class plans, counts and loads.
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

    private final GeneratorSettings settings;
    private final SitePlan plan;
    private final UsersGenerator users;
    private final ArtistsGenerator artists;
    private final ReleaseGroupsGenerator groups;
    private final TorrentsGenerator torrents;
    private final TagsGenerator tags;
    private final MessagesGenerator messages;
    private final CollagesRequestsGenerator collagesRequests;
    private final ForumsGenerator forums;
    private final CatalogueExtrasGenerator catalogueExtras;
    private final GeneratedCounts planned;

    public GazelleDataGenerator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // The plan is complete before any area's generator sees it; none of them sees this object.
        SitePlan site = new SitePlan(settings);
        plan = site;
        users = new UsersGenerator(site);
        artists = new ArtistsGenerator(site);
        groups = new ReleaseGroupsGenerator(site);
        torrents = new TorrentsGenerator(site, groups);
        tags = new TagsGenerator(site);
        messages = new MessagesGenerator(site);
        collagesRequests = new CollagesRequestsGenerator(site.seed, site.scale, site.users, site.artists, site.groups,
                site.torrents, site.tags, site::mainAliasOf);
        forums = new ForumsGenerator(site.seed, site.scale, site.users, site.groups, site.artists,
                id -> site.groupFirstUpload(id - 1), id -> site.groupFirstUpload(site.firstGroupOf(id)));
        catalogueExtras = new CatalogueExtrasGenerator(site, groups, torrents);

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users_main", (long) site.users);
        counts.put("wiki_artists", site.artistWikiRows());
        counts.put("artists_group", (long) site.artists);
        counts.put("artists_alias", site.aliasRows());
        counts.put("wiki_torrents", site.groupWikiRows());
        counts.put("torrents_group", (long) site.groups);
        counts.put("torrents_artists", site.creditRows());
        counts.put("torrents_tags", (long) SitePlan.TAGS_PER_GROUP * site.groups);
        counts.put("torrents", (long) site.torrents);
        counts.put("tags", (long) site.tags);
        counts.put("pm_conversations", (long) site.conversations);
        counts.put("pm_messages", (long) site.messages);
        counts.putAll(collagesRequests.plannedCounts());
        counts.putAll(forums.plannedCounts());
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
        users.emit(sink);
        BitSet performingAliases = new BitSet(plan.artists);
        String[] artistNames = artists.emit(sink, performingAliases);
        String[] tagNames = tags.names();
        int[] uses = new int[plan.tags];
        groups.emit(sink, artistNames, performingAliases, tagNames, uses);
        torrents.emit(sink, artistNames);
        tags.emit(sink, tagNames, uses);
        messages.emit(sink);
        collagesRequests.generate(sink, artistNames);
        forums.generate(sink);
        sink.finish();
    }

    /** Rows of torrents made since construction: planning makes none, each generation one per torrent. */
    long torrentRowsMade() {
        return torrents.rowsMade();
    }

    // ---------------------------------------------------------------------------------------------
    // draws and formats every area shares

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String datetime(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).format(DATETIME);
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
}
