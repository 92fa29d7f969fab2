package org.herd.serve.api;

import static org.herd.serve.api.Gz.obj;
import static org.herd.serve.api.Gz.str;
import static org.herd.serve.api.Gz.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.herd.serve.BbCode;
import org.herd.serve.ServeProperties;
import org.herd.serve.catalogue.Artists;
import org.herd.serve.catalogue.Codes;
import org.herd.serve.catalogue.Collages;
import org.herd.serve.catalogue.Group;
import org.herd.serve.catalogue.Groups;
import org.herd.serve.catalogue.Release;
import org.herd.serve.catalogue.Requests;
import org.herd.serve.catalogue.Top10;
import org.herd.serve.catalogue.Users;
import org.herd.serve.search.Search;
import org.herd.serve.search.SearchQuery;

/**
 * The catalogue's actions: artist, torrentgroup, torrent, browse, similar_artists, collage and
 * top10, each answering with the members Gazelle's page of the same name gives (see docs/api.md and
 * the contract files of the tests, which name the PHP they follow).
 */
public final class CatalogueApi {

    /** Most groups an artist page lists; Gazelle lists all, which for a label-sized artist is many. */
    private static final int ARTIST_GROUPS = 2_000;

    private final Scope scope;
    private final Groups groups;
    private final Artists artists;
    private final Requests requests;
    private final Collages collages;
    private final Top10 top10;
    private final Users users;
    private final Search search;
    private final ServeProperties properties;

    public CatalogueApi(Scope scope, Groups groups, Artists artists, Requests requests, Collages collages, Top10 top10,
            Users users, Search search, ServeProperties properties) {
        this.scope = scope;
        this.groups = groups;
        this.artists = artists;
        this.requests = requests;
        this.collages = collages;
        this.top10 = top10;
        this.users = users;
        this.search = search;
        this.properties = properties;
    }

    // artist.php

    Object artist(Params p) {
        Optional<Long> id = p.id("id");
        Optional<String> name = p.text("artistname");
        if (id.isPresent() && name.isPresent()) {
            throw new Failure("bad parameters");
        }
        Scope.Found<Artists.Artist> found;
        if (id.isPresent()) {
            found = scope.find(p, o -> artists.artist(o, id.get()), "bad id parameter");
        } else if (name.isPresent()) {
            Optional<String> origin = scope.named(p).or(() -> Optional.ofNullable(properties.defaultOrigin()));
            List<Artists.Found> byName = artists.byName(origin.orElse(null), name.get());
            if (byName.isEmpty()) {
                throw new Failure("bad artistname parameter");
            }
            List<String> inOrigins = byName.stream().map(Artists.Found::origin).distinct().toList();
            if (inOrigins.size() > 1) {
                throw new Failure("the artist name is in several origins (" + String.join(", ", inOrigins)
                        + "): add origin= to say which");
            }
            // Gazelle takes the first artist an alias of that name belongs to.
            Artists.Found first = byName.get(0);
            found = new Scope.Found<>(first.origin(), artists.artist(first.origin(), first.artistId())
                    .orElseThrow(() -> new Failure("bad artistname parameter")));
        } else {
            throw new Failure("bad parameters");
        }
        String origin = found.origin();
        Artists.Artist a = found.value();
        boolean releasesOnly = p.flag("artistreleases");

        List<Artists.Credited> credited = artists.credits(origin, a.id(), ARTIST_GROUPS);
        Map<Long, String> roleOf = new LinkedHashMap<>();
        for (Artists.Credited c : credited) {
            // A group the artist is credited on in several roles counts once, in the most important.
            roleOf.merge(c.groupId(), c.role(), (x, y) -> Codes.roleCode(x) <= Codes.roleCode(y) ? x : y);
        }
        Map<Long, Group> loaded = groups.groups(origin, roleOf.keySet());
        List<Object> torrentgroups = new ArrayList<>();
        Map<String, Integer> tagCounts = new LinkedHashMap<>();
        long numTorrents = 0;
        for (Map.Entry<Long, String> e : roleOf.entrySet()) {
            Group g = loaded.get(e.getKey());
            if (g == null) {
                continue;
            }
            boolean main = g.credits("main").stream().anyMatch(c -> c.artistId() == a.id());
            if (releasesOnly && !main) {
                continue;
            }
            g.tagNames().forEach(t -> tagCounts.merge(t, 1, Integer::sum));
            List<Object> torrents = new ArrayList<>();
            for (Release r : g.releases()) {
                numTorrents++;
                torrents.add(obj("id", r.id(), "groupId", g.id(), "media", str(r.media()), "format", str(r.format()),
                        "encoding", str(r.encoding()), "remasterYear", Gz.num(r.remasterYear()),
                        "remastered", r.remastered(), "remasterTitle", str(r.remasterTitle()),
                        "remasterRecordLabel", str(r.remasterRecordLabel()), "scene", r.scene(),
                        "hasLog", r.hasLog(), "hasCue", r.hasCue(), "logScore", r.logScore(),
                        "fileCount", r.fileCount(), "freeTorrent", "freeleech".equals(r.freeleech()),
                        "size", r.sizeBytes(), "leechers", 0, "seeders", 0, "snatched", 0,
                        "time", time(r.uploadedAt()),
                        // OPS gives the torrent id here; WhatCD a column no mirror has.
                        "hasFile", r.id()));
            }
            torrentgroups.add(obj(
                    "groupId", g.id(),
                    "groupName", str(g.name()),
                    "groupYear", Gz.num(g.year()),
                    "groupRecordLabel", str(g.recordLabel()),
                    "groupCatalogueNumber", str(g.catalogueNumber()),
                    "groupCategoryID", Integer.toString(Codes.categoryCode(g.category())),
                    "tags", new ArrayList<>(g.tagNames()),
                    "releaseType", artistPageReleaseType(g, e.getValue()),
                    "wikiImage", str(g.wikiImage()),
                    "groupVanityHouse", g.vanityHouse(),
                    "hasBookmarked", false,
                    "artists", GroupJson.mainArtists(g),
                    "extendedArtists", GroupJson.extendedArtists(g),
                    "torrent", torrents));
        }
        List<Object> tags = new ArrayList<>();
        tagCounts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(t -> tags.add(obj("name", t.getKey(), "count", t.getValue())));
        List<Object> similar = new ArrayList<>();
        for (Artists.Similar s : artists.similar(origin, a.id(), 30)) {
            similar.add(obj("artistId", s.artistId(), "name", s.name(), "score", s.score(), "similarId", s.similarityId()));
        }
        List<Object> requestList = new ArrayList<>();
        for (Requests.Request r : requests.openForArtist(origin, a.id(), 100)) {
            requestList.add(obj("requestId", r.id(), "categoryId", Codes.categoryCode(r.category()),
                    "title", str(r.title()), "year", Gz.num(r.year()), "timeAdded", time(r.createdAt()),
                    "votes", r.voteCount(), "bounty", r.bountyTotal()));
        }
        return obj(
                "id", a.id(),
                "name", a.name(),
                "notificationsEnabled", false,
                "hasBookmarked", false,
                "image", str(a.wikiImage()),
                "body", BbCode.toHtml(a.wikiBody()),
                "bodyBbcode", str(a.wikiBody()),
                "vanityHouse", a.vanityHouse(),
                "tags", tags,
                "similarArtists", similar,
                "statistics", obj("numGroups", torrentgroups.size(), "numTorrents", numTorrents, "numSeeders", 0,
                        "numLeechers", 0, "numSnatches", 0, "numRequests", requestList.size()),
                "torrentgroup", torrentgroups,
                "requests", requestList);
    }

    /** artist.php lists the groups of other roles under pseudo release types 1021 to 1024. */
    private static int artistPageReleaseType(Group g, String role) {
        return switch (role) {
            case "guest" -> 1024;
            case "remixer" -> 1023;
            case "composer" -> 1022;
            case "producer" -> 1021;
            default -> Codes.releaseTypeCode(g.releaseType());
        };
    }

    // torrentgroup.php and torrent.php

    Object torrentGroup(Params p) {
        if (p.has("hash")) {
            throw new Failure("bad hash parameter");
        }
        long id = p.requiredId("id");
        Scope.Found<Group> found = scope.find(p, o -> groups.group(o, id), "bad id parameter");
        Group g = found.value();
        List<Object> torrents = new ArrayList<>();
        g.releases().forEach(r -> torrents.add(GroupJson.torrent(r, false)));
        return obj("group", GroupJson.group(g), "torrents", torrents);
    }

    Object torrent(Params p) {
        if (p.has("hash")) {
            throw new Failure("bad hash parameter");
        }
        long id = p.requiredId("id");
        Scope.Found<Group> found = scope.find(p,
                o -> groups.groupOfRelease(o, id).flatMap(groupId -> groups.group(o, groupId)), "bad id parameter");
        Release r = found.value().releases().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new Failure("bad id parameter"));
        return obj("group", GroupJson.group(found.value()), "torrent", GroupJson.torrent(r, true));
    }

    // similar_artists.php

    Object similarArtists(Params p) {
        long id = p.requiredId("id");
        long limit = p.number("limit").orElse(10L);
        if (limit < 1) {
            throw new Failure("bad limit parameter");
        }
        Scope.Found<Artists.Artist> found = scope.find(p, o -> artists.artist(o, id), "bad id parameter");
        List<Object> out = new ArrayList<>();
        for (Artists.Similar s : artists.similar(found.origin(), id, (int) Math.min(limit, 50))) {
            out.add(obj("id", s.artistId(), "name", s.name(), "score", s.score(), "artist_id", s.artistId(),
                    "similar_id", s.similarityId()));
        }
        return out;
    }

    // collage.php

    Object collage(Params p) {
        long id = p.requiredId("id");
        Scope.Found<Collages.Collage> found = scope.find(p, o -> collages.collage(o, id), "bad parameters");
        Collages.Collage c = found.value();
        String origin = found.origin();
        List<Long> groupIds = c.ofArtists() ? List.of() : collages.groupIds(origin, c.id());
        Map<String, Object> json = obj(
                "id", c.id(),
                "name", str(c.name()),
                "description", BbCode.toHtml(c.description()),
                "description_raw", str(c.description()),
                "creatorID", users.author(origin, c.owner()).id(),
                "deleted", false,
                "collageCategoryID", Codes.collageCategoryCode(c.category()),
                "collageCategoryName", Codes.collageCategoryName(c.category()),
                "locked", c.locked(),
                "maxGroups", Gz.num(c.maxEntries()),
                "maxGroupsPerUser", Gz.num(c.maxEntriesPerUser()),
                "hasBookmarked", false,
                "subscriberCount", 0,
                "torrentGroupIDList", new ArrayList<>(groupIds.stream().map(String::valueOf).toList()));
        if (c.ofArtists()) {
            List<Object> list = new ArrayList<>();
            for (Collages.ArtistEntry a : collages.artists(origin, c.id())) {
                list.add(obj("id", a.artistId(), "name", a.name(), "image", str(a.image())));
            }
            json.put("artists", list);
        } else {
            List<Object> list = new ArrayList<>();
            for (Group g : groups.groups(origin, groupIds).values()) {
                List<Object> torrents = new ArrayList<>();
                for (Release r : g.releases()) {
                    torrents.add(obj("torrentid", r.id(), "media", str(r.media()), "format", str(r.format()),
                            "encoding", str(r.encoding()), "remastered", r.remastered(),
                            "remasterYear", Gz.num(r.remasterYear()), "remasterTitle", str(r.remasterTitle()),
                            "remasterRecordLabel", str(r.remasterRecordLabel()),
                            "remasterCatalogueNumber", str(r.remasterCatalogueNumber()), "scene", r.scene(),
                            "hasLog", r.hasLog(), "hasCue", r.hasCue(), "logScore", r.logScore(),
                            "fileCount", r.fileCount(), "size", r.sizeBytes(), "seeders", 0, "leechers", 0,
                            "snatched", 0, "freeTorrent", "freeleech".equals(r.freeleech()), "reported", false,
                            "time", time(r.uploadedAt())));
                }
                // collage.php prints these straight from the database row: strings.
                list.add(obj(
                        "id", Long.toString(g.id()),
                        "name", str(g.name()),
                        "year", Long.toString(Gz.num(g.year())),
                        "categoryId", Integer.toString(Codes.categoryCode(g.category())),
                        "recordLabel", str(g.recordLabel()),
                        "catalogueNumber", str(g.catalogueNumber()),
                        "vanityHouse", g.vanityHouse() ? "1" : "0",
                        "tagList", GroupJson.tagList(g),
                        "releaseType", Integer.toString(Codes.releaseTypeCode(g.releaseType())),
                        "wikiImage", str(g.wikiImage()),
                        "musicInfo", GroupJson.musicInfo(g, false),
                        "torrents", torrents));
            }
            json.put("torrentgroups", list);
        }
        return json;
    }

    // top10/index.php

    private static final Map<String, Duration> PERIODS = Map.of("day", Duration.ofDays(1), "week", Duration.ofDays(7),
            "month", Duration.ofDays(30), "year", Duration.ofDays(365));

    Object top10(Params p) {
        String type = p.raw("type").orElse("torrents");
        long limit = p.number("limit").orElse(10L);
        if (limit != 10 && limit != 100 && limit != 250) {
            limit = 10;
        }
        List<String> origins = scope.list(p);
        Optional<String> details = p.raw("details");
        List<Object> sections = new ArrayList<>();
        switch (type) {
            case "torrents" -> {
                List<String[]> all = List.of(
                        new String[] {"day", "Best Voted Torrents Uploaded in the Past Day"},
                        new String[] {"week", "Best Voted Torrents Uploaded in the Past Week"},
                        new String[] {"month", "Best Voted Torrents Uploaded in the Past Month"},
                        new String[] {"year", "Best Voted Torrents Uploaded in the Past Year"},
                        new String[] {"overall", "Best Voted Torrents of All Time"},
                        new String[] {"snatched", "Most Snatched Torrents"},
                        new String[] {"data", "Most Data Transferred Torrents"},
                        new String[] {"seeded", "Best Seeded Torrents"});
                checkDetails(details, all);
                for (String[] s : all) {
                    if (details.isPresent() && !details.get().equals(s[0])) {
                        continue;
                    }
                    List<Object> results = new ArrayList<>();
                    // Snatches, transfer and seeders never leave the origin: those lists stay empty.
                    if (!List.of("snatched", "data", "seeded").contains(s[0])) {
                        results = topReleases(top10.releases(origins, PERIODS.get(s[0]), (int) limit));
                    }
                    sections.add(obj("caption", s[1], "tag", s[0], "limit", limit, "results", results));
                }
            }
            case "tags" -> {
                List<String[]> all = List.of(new String[] {"ut", "Most Used Torrent Tags"},
                        new String[] {"ur", "Most Used Request Tags"}, new String[] {"v", "Most Highly Voted Tags"});
                checkDetails(details, all);
                for (String[] s : all) {
                    if (details.isPresent() && !details.get().equals(s[0])) {
                        continue;
                    }
                    List<Top10.RankedTag> ranked = switch (s[0]) {
                        case "ut" -> top10.groupTags(origins, false, (int) limit);
                        case "v" -> top10.groupTags(origins, true, (int) limit);
                        default -> top10.requestTags(origins, (int) limit);
                    };
                    List<Object> results = new ArrayList<>();
                    ranked.forEach(t -> results.add(obj("name", t.name(), "uses", t.uses(), "posVotes",
                            t.positiveVotes(), "negVotes", t.negativeVotes())));
                    sections.add(obj("caption", s[1], "tag", s[0], "limit", limit, "results", results));
                }
            }
            case "users" -> {
                // Users' transfer statistics never leave the origin.
                List<String[]> all = List.of(new String[] {"ul", "Uploaders"}, new String[] {"dl", "Downloaders"},
                        new String[] {"numul", "Torrents Uploaded"}, new String[] {"uls", "Fastest Uploaders"},
                        new String[] {"dls", "Fastest Downloaders"});
                checkDetails(details, all);
                for (String[] s : all) {
                    if (details.isEmpty() || details.get().equals(s[0])) {
                        sections.add(obj("caption", s[1], "tag", s[0], "limit", limit, "results", new ArrayList<>()));
                    }
                }
            }
            default -> throw new Failure("bad type parameter");
        }
        return sections;
    }

    private static void checkDetails(Optional<String> details, List<String[]> sections) {
        if (details.isPresent() && sections.stream().noneMatch(s -> s[0].equals(details.get()))) {
            throw new Failure("bad details parameter");
        }
    }

    private List<Object> topReleases(List<Top10.Ranked> ranked) {
        Map<String, List<Long>> idsByOrigin = new LinkedHashMap<>();
        ranked.forEach(r -> idsByOrigin.computeIfAbsent(r.origin(), k -> new ArrayList<>()).add(r.groupId()));
        Map<String, Map<Long, Group>> loaded = new LinkedHashMap<>();
        idsByOrigin.forEach((origin, ids) -> loaded.put(origin, groups.groups(origin, ids)));
        List<Object> results = new ArrayList<>();
        for (Top10.Ranked t : ranked) {
            Group g = loaded.get(t.origin()).get(t.groupId());
            if (g == null) {
                continue;
            }
            Release r = g.releases().stream().filter(x -> x.id() == t.releaseId()).findFirst().orElse(null);
            if (r == null) {
                continue;
            }
            results.add(obj(
                    "torrentId", r.id(),
                    "groupId", g.id(),
                    "artist", g.artistLine(),
                    "groupName", str(g.name()),
                    "groupCategory", Codes.categoryCode(g.category()),
                    "groupYear", Gz.num(g.year()),
                    "remasterTitle", str(r.remasterTitle()),
                    "format", str(r.format()),
                    "encoding", str(r.encoding()),
                    "hasLog", r.hasLog(),
                    "hasCue", r.hasCue(),
                    "media", str(r.media()),
                    "scene", r.scene(),
                    "year", Gz.num(r.remasterYear()),
                    "tags", new ArrayList<>(g.tagNames()),
                    "snatched", 0,
                    "seeders", 0,
                    "leechers", 0,
                    "data", 0,
                    "size", r.sizeBytes(),
                    "wikiImage", str(g.wikiImage()),
                    "releaseType", Integer.toString(Codes.releaseTypeCode(g.releaseType())),
                    "origin", t.origin()));
        }
        return results;
    }

    // browse.php

    Object browse(Params p) {
        int page = p.page(properties.maxPage());
        SearchQuery q = query(p, page, p.flag("facets"));
        if ((long) (page - 1) * ServeProperties.PAGE_SIZE >= search.maxResults()) {
            throw new Failure("bad page parameter: results are counted up to " + search.maxResults()
                    + ", " + (search.maxResults() / ServeProperties.PAGE_SIZE) + " pages");
        }
        Search.Result result = search.search(q);
        if (result.total() == 0) {
            Map<String, Object> empty = obj("results", new ArrayList<>(), "youMightLike", new ArrayList<>());
            if (q.facets()) {
                empty.put("facets", facets(result));
            }
            return empty;
        }
        if (page > result.pages()) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + result.pages());
        }
        boolean grouped = !"0".equals(p.raw("group_results").orElse("1"));
        Map<String, List<Long>> idsByOrigin = new LinkedHashMap<>();
        result.hits().forEach(h -> idsByOrigin.computeIfAbsent(h.origin(), k -> new ArrayList<>()).add(h.groupId()));
        Map<String, Map<Long, Group>> loaded = new LinkedHashMap<>();
        idsByOrigin.forEach((origin, ids) -> loaded.put(origin, groups.listed(origin, ids)));
        List<Object> results = new ArrayList<>();
        for (Search.Hit h : result.hits()) {
            Group g = loaded.get(h.origin()).get(h.groupId());
            if (g == null || g.releases().isEmpty()) {
                // browse.php skips a group without torrents.
                continue;
            }
            results.addAll(browseEntries(g, grouped));
        }
        Map<String, Object> response = obj("currentPage", page, "pages", result.pages(), "results", results);
        if (q.facets()) {
            response.put("facets", facets(result));
        }
        return response;
    }

    private static Map<String, Object> facets(Search.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        result.facets().forEach((facet, values) -> {
            List<Object> list = new ArrayList<>();
            values.forEach(v -> list.add(obj("value", v.value(), "count", v.count())));
            out.put(facet, list);
        });
        return out;
    }

    /**
     * A group as browse.php lists it: with its torrents (music, or several torrents), or as one flat
     * entry; with group_results=0 each torrent flat (Herd pages such results by group).
     */
    private static List<Map<String, Object>> browseEntries(Group g, boolean grouped) {
        boolean music = "music".equals(g.category());
        if (grouped && (g.releases().size() > 1 || music)) {
            return List.of(groupedEntry(g));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Release r : grouped ? g.releases().subList(0, 1) : g.releases()) {
            out.add(flatEntry(g, r));
        }
        return out;
    }

    private static Map<String, Object> groupedEntry(Group g) {
        List<String> tags = g.tagNames();
        List<Object> artists = GroupJson.mainArtists(g);
        List<Object> torrents = new ArrayList<>();
        int edition = 0;
        List<Object> last = null;
        long maxSize = 0;
        for (Release r : g.releases()) {
            if (!r.edition().equals(last)) {
                edition++;
                last = r.edition();
            }
            maxSize = Math.max(maxSize, r.sizeBytes());
            torrents.add(obj(
                    "torrentId", r.id(),
                    "editionId", edition,
                    "artists", artists,
                    "remastered", r.remastered(),
                    "remasterYear", Gz.num(r.remasterYear()),
                    "remasterCatalogueNumber", str(r.remasterCatalogueNumber()),
                    "remasterTitle", str(r.remasterTitle()),
                    "media", str(r.media()),
                    "encoding", str(r.encoding()),
                    "format", str(r.format()),
                    "hasLog", r.hasLog(),
                    "logScore", r.logScore(),
                    "hasCue", r.hasCue(),
                    "scene", r.scene(),
                    "vanityHouse", g.vanityHouse(),
                    "fileCount", r.fileCount(),
                    "time", time(r.uploadedAt()),
                    "size", r.sizeBytes(),
                    "snatches", 0,
                    "seeders", 0,
                    "leechers", 0,
                    "isFreeleech", "freeleech".equals(r.freeleech()),
                    "isNeutralLeech", "neutral".equals(r.freeleech()),
                    "isPersonalFreeleech", false,
                    "canUseToken", false,
                    "hasSnatched", false));
        }
        String releaseType = Codes.releaseTypeName(g.releaseType());
        return obj(
                "groupId", g.id(),
                "groupName", str(g.name()),
                "artist", g.artistLine(),
                "cover", str(g.wikiImage()),
                "tags", new ArrayList<>(tags),
                "bookmarked", false,
                "vanityHouse", g.vanityHouse(),
                "groupYear", Gz.num(g.year()),
                // $ReleaseTypes[$ReleaseType]: null for a group without one.
                "releaseType", releaseType.isEmpty() ? null : releaseType,
                "groupTime", GroupJson.epoch(g.lastUpload()),
                "maxSize", maxSize,
                "totalSnatched", 0,
                "totalSeeders", 0,
                "totalLeechers", 0,
                "torrents", torrents,
                "origin", g.origin());
    }

    private static Map<String, Object> flatEntry(Group g, Release r) {
        List<String> tags = g.tagNames();
        return obj(
                "groupId", g.id(),
                "groupName", str(g.name()),
                "torrentId", r.id(),
                "tags", new ArrayList<>(tags),
                "category", Codes.categoryName(g.category()),
                "fileCount", r.fileCount(),
                "groupTime", GroupJson.epoch(r.uploadedAt()),
                "size", r.sizeBytes(),
                "snatches", 0,
                "seeders", 0,
                "leechers", 0,
                "isFreeleech", "freeleech".equals(r.freeleech()),
                "isNeutralLeech", "neutral".equals(r.freeleech()),
                "isPersonalFreeleech", false,
                "canUseToken", false,
                "hasSnatched", false,
                "origin", g.origin());
    }

    /** Browse's parameters as a search. */
    public SearchQuery query(Params p, int page, boolean facets) {
        List<String> origins = scope.named(p).map(List::of).orElse(List.of());
        Integer yearFrom = null;
        Integer yearTo = null;
        Optional<String> year = p.text("year");
        if (year.isPresent()) {
            String y = year.get();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,4})(?:\\s*-\\s*([0-9]{1,4}))?")
                    .matcher(y);
            if (!m.matches()) {
                throw new Failure("bad year parameter: a year or a range such as 1990-1999");
            }
            yearFrom = Integer.parseInt(m.group(1));
            yearTo = m.group(2) == null ? yearFrom : Integer.parseInt(m.group(2));
        }
        List<String> releaseTypes = new ArrayList<>();
        for (String rt : p.list("releasetype", false)) {
            releaseTypes.add(Codes.releaseType(rt).orElseThrow(() -> new Failure("bad releasetype parameter")));
        }
        List<String> categories = new ArrayList<>();
        for (String c : p.list("filter_cat", true)) {
            categories.add(Codes.categoryOfCode(c).orElseThrow(() -> new Failure("bad filter_cat parameter")));
        }
        String freeleech = null;
        Optional<String> free = p.raw("freetorrent");
        if (free.isPresent()) {
            freeleech = switch (free.get()) {
                case "0" -> "normal";
                case "1" -> "freeleech";
                case "2" -> "neutral";
                default -> throw new Failure("bad freetorrent parameter: 0, 1 or 2");
            };
        }
        List<String> tags = new ArrayList<>();
        p.text("taglist").ifPresent(t -> {
            for (String tag : t.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        });
        String orderBy = p.raw("order_by").map(o -> o.toLowerCase(Locale.ROOT)).orElse("time");
        if (!List.of("time", "year", "size", "relevance", "random", "seeders", "leechers", "snatched").contains(orderBy)) {
            orderBy = "time";
        }
        boolean ascending = "asc".equals(p.raw("order_way").orElse("desc"));
        return new SearchQuery(origins, p.text("searchstr").orElse(null), p.text("artistname").orElse(null),
                p.text("groupname").orElse(null), p.text("recordlabel").or(() -> p.text("cataloguenumber")).orElse(null),
                p.text("remastertitle").orElse(null), p.text("filelist").orElse(null), yearFrom, yearTo,
                split(p, "format"), split(p, "encoding"), split(p, "media"), releaseTypes, categories,
                p.bool("haslog").orElse(null), p.bool("hascue").orElse(null), p.bool("scene").orElse(null),
                p.bool("vanityhouse").orElse(null), freeleech, tags,
                !"0".equals(p.raw("tags_type").orElse("1")), orderBy, ascending, page, facets);
    }

    /** Gazelle's format, encoding and media take several values joined by '|', any of which matches. */
    private static List<String> split(Params p, String name) {
        List<String> out = new ArrayList<>();
        for (String v : p.list(name, false)) {
            for (String part : v.split("\\|")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
