package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Requests the origin shows (hidden ones never leave it), with their artists and tags. */
public final class Requests {

    /** A request; votes and bounty are the origin's totals. */
    public record Request(String origin, long id, String requester, LocalDateTime createdAt, LocalDateTime lastVoteAt,
            String category, String title, Long year, String image, String description, String releaseType,
            String catalogueNumber, String recordLabel, String encodingList, String formatList, String mediaList,
            String logCue, Long groupId, String oclc, String filler, Long filledReleaseId, LocalDateTime filledAt,
            long voteCount, long bountyTotal, List<Credit> artists, List<String> tags) {

        public boolean filled() {
            return filledReleaseId != null;
        }
    }

    /** Which requests a list shows, and in which order. */
    public record Filter(List<String> origins, String text, List<String> tags, boolean allTags, boolean includeFilled,
            List<String> categories, List<String> releaseTypes, List<String> formats, List<String> media,
            List<String> encodings, Long year, Long artistId, String order, boolean ascending) {
    }

    /** A page of a list and how many requests the list holds (at most the count limit). */
    public record Page(List<Request> requests, long total) {
    }

    private static final String COLUMNS = "r.origin, r.request_id, r.requester, r.created_at, r.last_vote_at, r.category,"
            + " r.title, r.year, r.image, r.description, r.release_type, r.catalogue_number, r.record_label,"
            + " r.encoding_list, r.format_list, r.media_list, r.log_cue, r.release_group_id, r.oclc, r.filler,"
            + " r.filled_release_id, r.filled_at, r.vote_count, r.bounty_total";

    private final JdbcTemplate jdbc;

    public Requests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Request> request(String origin, long id) {
        List<Request> found = load("SELECT " + COLUMNS + " FROM herd.request_live r WHERE r.origin = ? AND r.request_id = ?",
                origin, id);
        return found.stream().findFirst();
    }

    /** Open requests naming an artist, most votes first (Gazelle's artist page). */
    public List<Request> openForArtist(String origin, long artistId, int limit) {
        return load("SELECT " + COLUMNS + " FROM herd.request_live r WHERE r.origin = ? AND r.filled_release_id IS NULL"
                + " AND EXISTS (SELECT 1 FROM herd.request_artist_live ra LEFT JOIN herd.artist_alias_live a"
                + " ON a.origin = ra.origin AND a.alias_id = ra.alias_id WHERE ra.origin = r.origin"
                + " AND ra.request_id = r.request_id AND coalesce(ra.artist_id, a.artist_id) = ?)"
                + " ORDER BY r.vote_count DESC, r.request_id DESC LIMIT ?", origin, artistId, limit);
    }

    /** A page (from 1) of the requests a filter selects; the total counts at most {@code maxCount}. */
    public Page list(Filter f, int page, int perPage, int maxCount) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE r.origin = ANY (?)");
        args.add(f.origins().toArray(String[]::new));
        if (f.text() != null) {
            where.append(" AND to_tsvector('simple', coalesce(r.title, '')) @@ ").append(TextQuery.SQL);
            args.add(f.text());
        }
        if (!f.includeFilled()) {
            where.append(" AND r.filled_release_id IS NULL");
        }
        if (!f.categories().isEmpty()) {
            where.append(" AND r.category = ANY (?)");
            args.add(f.categories().toArray(String[]::new));
        }
        if (!f.releaseTypes().isEmpty()) {
            where.append(" AND r.release_type = ANY (?)");
            args.add(f.releaseTypes().toArray(String[]::new));
        }
        // A request accepts a format when its list names it or says Any.
        for (var list : List.of(List.of("format_list", f.formats()), List.of("media_list", f.media()),
                List.of("encoding_list", f.encodings()))) {
            @SuppressWarnings("unchecked")
            List<String> wanted = (List<String>) list.get(1);
            if (!wanted.isEmpty()) {
                where.append(" AND (r.").append(list.get(0)).append(" = 'Any' OR string_to_array(r.")
                        .append(list.get(0)).append(", '|') && ?)");
                args.add(wanted.toArray(String[]::new));
            }
        }
        if (f.year() != null) {
            where.append(" AND r.year = ?");
            args.add(f.year());
        }
        if (f.artistId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM herd.request_artist_live ra LEFT JOIN herd.artist_alias_live a"
                    + " ON a.origin = ra.origin AND a.alias_id = ra.alias_id WHERE ra.origin = r.origin"
                    + " AND ra.request_id = r.request_id AND coalesce(ra.artist_id, a.artist_id) = ?)");
            args.add(f.artistId());
        }
        if (!f.tags().isEmpty()) {
            String exists = " EXISTS (SELECT 1 FROM herd.request_tag_live rt JOIN herd.tag_live t ON t.origin = rt.origin"
                    + " AND t.tag_id = rt.tag_id WHERE rt.origin = r.origin AND rt.request_id = r.request_id AND t.name = ?)";
            List<String> parts = new ArrayList<>();
            for (String tag : f.tags()) {
                parts.add(exists);
                args.add(tag);
            }
            where.append(" AND (").append(String.join(f.allTags() ? " AND" : " OR", parts)).append(")");
        }
        String order = switch (f.order()) {
            case "votes" -> "r.vote_count";
            case "bounty" -> "r.bounty_total";
            case "lastvote" -> "r.last_vote_at";
            case "filled" -> "r.filled_at";
            case "year" -> "r.year";
            case "random" -> "random()";
            default -> "r.created_at";
        };
        String way = f.ascending() ? " ASC NULLS FIRST" : " DESC NULLS LAST";
        List<Object> countArgs = new ArrayList<>(args);
        countArgs.add(maxCount);
        Long total = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM herd.request_live r" + where
                + " LIMIT ?) c", Long.class, countArgs.toArray());
        args.add(perPage);
        args.add((long) (page - 1) * perPage);
        List<Request> rows = load("SELECT " + COLUMNS + " FROM herd.request_live r" + where + " ORDER BY " + order + way
                + ", r.origin, r.request_id DESC LIMIT ? OFFSET ?", args.toArray());
        return new Page(rows, total == null ? 0 : total);
    }

    private List<Request> load(String sql, Object... args) {
        List<Request> bare = jdbc.query(sql, (rs, n) -> new Request(rs.getString("origin"), rs.getLong("request_id"),
                rs.getString("requester"), Rows.time(rs, "created_at"), Rows.time(rs, "last_vote_at"),
                rs.getString("category"), rs.getString("title"), Rows.longOrNull(rs, "year"), rs.getString("image"),
                rs.getString("description"), rs.getString("release_type"), rs.getString("catalogue_number"),
                rs.getString("record_label"), rs.getString("encoding_list"), rs.getString("format_list"),
                rs.getString("media_list"), rs.getString("log_cue"), Rows.longOrNull(rs, "release_group_id"),
                rs.getString("oclc"), rs.getString("filler"), Rows.longOrNull(rs, "filled_release_id"),
                Rows.time(rs, "filled_at"), rs.getLong("vote_count"), rs.getLong("bounty_total"), List.of(), List.of()),
                args);
        if (bare.isEmpty()) {
            return bare;
        }
        Map<String, List<Long>> idsByOrigin = new HashMap<>();
        bare.forEach(r -> idsByOrigin.computeIfAbsent(r.origin(), k -> new ArrayList<>()).add(r.id()));
        Map<String, List<Credit>> artists = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        for (var e : idsByOrigin.entrySet()) {
            Long[] ids = e.getValue().toArray(Long[]::new);
            jdbc.query("SELECT ra.request_id, ra.alias_id, coalesce(ra.artist_id, a.artist_id), a.name, ra.role"
                    + " FROM herd.request_artist_live ra LEFT JOIN herd.artist_alias_live a ON a.origin = ra.origin"
                    + " AND a.alias_id = ra.alias_id WHERE ra.origin = ? AND ra.request_id = ANY (?)", rs -> {
                        artists.computeIfAbsent(e.getKey() + "/" + rs.getLong(1), k -> new ArrayList<>())
                                .add(new Credit(rs.getLong(2), rs.getLong(3), rs.getString(4) == null ? "" : rs.getString(4),
                                        rs.getString(5) == null ? "main" : rs.getString(5)));
                    }, e.getKey(), ids);
            jdbc.query("SELECT rt.request_id, t.name FROM herd.request_tag_live rt JOIN herd.tag_live t"
                    + " ON t.origin = rt.origin AND t.tag_id = rt.tag_id WHERE rt.origin = ? AND rt.request_id = ANY (?)"
                    + " ORDER BY t.name", rs -> {
                        tags.computeIfAbsent(e.getKey() + "/" + rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }, e.getKey(), ids);
        }
        List<Request> out = new ArrayList<>();
        for (Request r : bare) {
            String k = r.origin() + "/" + r.id();
            List<Credit> credits = new ArrayList<>(artists.getOrDefault(k, List.of()));
            credits.sort(java.util.Comparator.comparingInt((Credit c) -> Codes.roleCode(c.role()))
                    .thenComparing(Credit::name, String.CASE_INSENSITIVE_ORDER));
            out.add(new Request(r.origin(), r.id(), r.requester(), r.createdAt(), r.lastVoteAt(), r.category(), r.title(),
                    r.year(), r.image(), r.description(), r.releaseType(), r.catalogueNumber(), r.recordLabel(),
                    r.encodingList(), r.formatList(), r.mediaList(), r.logCue(), r.groupId(), r.oclc(), r.filler(),
                    r.filledReleaseId(), r.filledAt(), r.voteCount(), r.bountyTotal(), List.copyOf(credits),
                    List.copyOf(tags.getOrDefault(k, List.of()))));
        }
        return out;
    }
}
