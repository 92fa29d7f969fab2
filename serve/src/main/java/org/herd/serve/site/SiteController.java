package org.herd.serve.site;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.herd.serve.BbCode;
import org.herd.serve.ServeProperties;
import org.herd.serve.api.CatalogueApi;
import org.herd.serve.api.Failure;
import org.herd.serve.api.Params;
import org.herd.serve.api.Scope;
import org.herd.serve.catalogue.Artists;
import org.herd.serve.catalogue.Codes;
import org.herd.serve.catalogue.Collages;
import org.herd.serve.catalogue.Comments;
import org.herd.serve.catalogue.Credit;
import org.herd.serve.catalogue.Forums;
import org.herd.serve.catalogue.Group;
import org.herd.serve.catalogue.Groups;
import org.herd.serve.catalogue.Origins;
import org.herd.serve.catalogue.Release;
import org.herd.serve.catalogue.Requests;
import org.herd.serve.catalogue.TagVote;
import org.herd.serve.catalogue.Top10;
import org.herd.serve.catalogue.Users;
import org.herd.serve.search.Search;
import org.herd.serve.search.SearchQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The site: server-rendered pages at Gazelle's addresses (index.php searches, torrents.php?id= a
 * release group, artist.php, top10.php, collages.php, requests.php, forums.php), reading the same
 * catalogue and search as the API. Every page names the origin of what it shows.
 */
@RestController
public class SiteController {

    private static final Logger log = LoggerFactory.getLogger(SiteController.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> FORMATS = List.of("MP3", "FLAC", "Ogg Vorbis", "AAC", "AC3", "DTS");
    private static final List<String> ENCODINGS = List.of("192", "APS (VBR)", "V2 (VBR)", "V1 (VBR)", "256",
            "APX (VBR)", "V0 (VBR)", "q8.x (VBR)", "320", "Lossless", "24bit Lossless", "Other");
    private static final List<String> MEDIA = List.of("CD", "DVD", "Vinyl", "Soundboard", "SACD", "DAT", "Cassette",
            "WEB", "BD");
    /** Names of the search's facets, as the page titles them. */
    private static final Map<String, String> FACETS = new LinkedHashMap<>();

    static {
        FACETS.put("origin", "Origin");
        FACETS.put("release_type", "Release type");
        FACETS.put("format", "Format");
        FACETS.put("encoding", "Encoding");
        FACETS.put("media", "Media");
        FACETS.put("decade", "Decade");
        FACETS.put("tag", "Tags");
    }

    private final Pages pages;
    private final ServeProperties properties;
    private final Scope scope;
    private final Origins origins;
    private final Search search;
    private final CatalogueApi catalogue;
    private final Groups groups;
    private final Artists artists;
    private final Requests requests;
    private final Collages collages;
    private final Comments comments;
    private final Forums forums;
    private final Top10 top10;
    private final Users users;

    public SiteController(Pages pages, ServeProperties properties, Scope scope, Origins origins, Search search,
            CatalogueApi catalogue, Groups groups, Artists artists, Requests requests, Collages collages,
            Comments comments, Forums forums, Top10 top10, Users users) {
        this.pages = pages;
        this.properties = properties;
        this.scope = scope;
        this.origins = origins;
        this.search = search;
        this.catalogue = catalogue;
        this.groups = groups;
        this.artists = artists;
        this.requests = requests;
        this.collages = collages;
        this.comments = comments;
        this.forums = forums;
        this.top10 = top10;
        this.users = users;
    }

    private Params params(HttpServletRequest request) {
        return Params.of(request, properties.maxSearchLength());
    }

    private Map<String, Object> model(String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("siteName", properties.siteName());
        m.put("title", title);
        return m;
    }

    private ResponseEntity<String> page(String template, Map<String, Object> model) {
        return pages.page(200, template, model);
    }

    @ExceptionHandler(Failure.class)
    public ResponseEntity<String> failure(Failure f) {
        Map<String, Object> m = model("Not found");
        m.put("message", f.getMessage());
        return pages.page(f.getMessage().startsWith("bad") || f.getMessage().contains("longer") ? 400 : 404, "error", m);
    }

    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<String> database(DataAccessException e) {
        log.warn("a page could not be read from the mirror's database: {}", e.getClass().getSimpleName());
        Map<String, Object> m = model("Unavailable");
        m.put("message", "The mirror's database could not answer in time. Try a narrower search.");
        return pages.page(503, "error", m);
    }

    // Search.

    @GetMapping({"/", "/index.php"})
    public ResponseEntity<String> index(HttpServletRequest request) {
        return searchPage(request);
    }

    @GetMapping("/torrents.php")
    public ResponseEntity<String> torrents(HttpServletRequest request) {
        Params p = params(request);
        if (p.has("id")) {
            return groupPage(p);
        }
        return searchPage(request);
    }

    private ResponseEntity<String> searchPage(HttpServletRequest request) {
        Params p = params(request);
        int page = p.page(properties.maxPage());
        SearchQuery asked = catalogue.query(p, page, true);
        // The site orders by relevance when text was given, unless asked otherwise.
        SearchQuery q = p.has("order_by") || !asked.hasText() ? asked : new SearchQuery(asked.origins(),
                asked.searchstr(), asked.artistName(), asked.groupName(), asked.recordLabel(), asked.remasterTitle(),
                asked.fileList(), asked.yearFrom(), asked.yearTo(), asked.formats(), asked.encodings(), asked.media(),
                asked.releaseTypes(), asked.categories(), asked.hasLog(), asked.hasCue(), asked.scene(),
                asked.vanityHouse(), asked.freeleech(), asked.tags(), asked.allTags(), "relevance", asked.ascending(),
                asked.page(), true);
        if ((long) (page - 1) * ServeProperties.PAGE_SIZE >= search.maxResults()) {
            throw new Failure("bad page parameter: results are counted up to " + search.maxResults());
        }
        Search.Result result = search.search(q);
        if (result.total() > 0 && page > result.pages()) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + result.pages());
        }
        Map<String, Object> m = model("Search");
        Map<String, String> current = currentQuery(request);
        m.put("form", form(current));
        m.put("total", result.total());
        m.put("capped", result.capped());
        m.put("results", results(result.hits()));
        m.put("hasResults", !result.hits().isEmpty());
        m.put("facets", facets(result, current));
        m.put("paging", paging(page, result.pages(), current, "index.php"));
        m.put("origins", originOptions(current.get("origin")));
        return page("search", m);
    }

    /** The query string's single parameters, to rebuild links and fill the form. */
    private static Map<String, String> currentQuery(HttpServletRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 0 && !v[0].isEmpty() && !k.equals("page")) {
                out.put(k, v[0]);
            }
        });
        return out;
    }

    private static String link(String base, Map<String, String> query) {
        StringBuilder b = new StringBuilder(base);
        String sep = "?";
        for (var e : query.entrySet()) {
            b.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return b.toString();
    }

    private Map<String, Object> form(Map<String, String> current) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String name : List.of("searchstr", "artistname", "groupname", "recordlabel", "year", "taglist",
                "filelist")) {
            f.put(name, current.getOrDefault(name, ""));
        }
        f.put("formats", options(FORMATS, current.get("format")));
        f.put("encodings", options(ENCODINGS, current.get("encoding")));
        f.put("media", options(MEDIA, current.get("media")));
        List<Map<String, Object>> types = new ArrayList<>();
        Codes.releaseTypes().forEach((name, display) -> types.add(Map.of("value", name, "label", display,
                "selected", name.equals(current.get("releasetype")))));
        f.put("releaseTypes", types);
        f.put("tagsAny", "0".equals(current.get("tags_type")));
        List<Map<String, Object>> orders = new ArrayList<>();
        for (String[] o : new String[][] {{"relevance", "Relevance"}, {"time", "Time added"}, {"year", "Year"},
            {"size", "Size"}}) {
            orders.add(Map.of("value", o[0], "label", o[1], "selected", o[0].equals(current.get("order_by"))));
        }
        f.put("orders", orders);
        f.put("ascending", "asc".equals(current.get("order_way")));
        return f;
    }

    private static List<Map<String, Object>> options(List<String> values, String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String v : values) {
            out.add(Map.of("value", v, "label", v, "selected", v.equals(selected)));
        }
        return out;
    }

    private List<Map<String, Object>> originOptions(String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String o : origins.all()) {
            out.add(Map.of("value", o, "label", o, "selected", o.equals(selected)));
        }
        return out;
    }

    /** The facets, each value a link that adds (or, when set, removes) the filter. */
    private static List<Map<String, Object>> facets(Search.Result result, Map<String, String> current) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : FACETS.entrySet()) {
            List<Search.FacetValue> values = result.facets().getOrDefault(e.getKey(), List.of());
            if (values.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (Search.FacetValue v : values) {
                Map<String, String> q = new LinkedHashMap<>(current);
                String param;
                String value = v.value();
                String label = v.value();
                switch (e.getKey()) {
                    case "release_type" -> {
                        param = "releasetype";
                        label = Codes.releaseTypeName(v.value());
                    }
                    case "decade" -> {
                        param = "year";
                        value = v.value() + "-" + (Integer.parseInt(v.value()) + 9);
                        label = v.value() + "s";
                    }
                    case "tag" -> param = "taglist";
                    default -> param = e.getKey();
                }
                boolean active = value.equals(current.get(param));
                if (active) {
                    q.remove(param);
                } else {
                    q.put(param, value);
                }
                items.add(Map.of("label", label, "count", v.count(), "href", link("index.php", q), "active", active));
            }
            out.add(Map.of("name", e.getValue(), "key", e.getKey(), "values", items));
        }
        return out;
    }

    private static Map<String, Object> paging(int page, long pages, Map<String, String> current, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        m.put("pages", Math.max(pages, 1));
        if (page > 1) {
            Map<String, String> q = new LinkedHashMap<>(current);
            q.put("page", Integer.toString(page - 1));
            m.put("previous", link(base, q));
        }
        if (page < pages) {
            Map<String, String> q = new LinkedHashMap<>(current);
            q.put("page", Integer.toString(page + 1));
            m.put("next", link(base, q));
        }
        m.put("several", pages > 1);
        return m;
    }

    private List<Map<String, Object>> results(List<Search.Hit> hits) {
        Map<String, List<Long>> idsByOrigin = new LinkedHashMap<>();
        hits.forEach(h -> idsByOrigin.computeIfAbsent(h.origin(), k -> new ArrayList<>()).add(h.groupId()));
        Map<String, Map<Long, Group>> loaded = new LinkedHashMap<>();
        idsByOrigin.forEach((o, ids) -> loaded.put(o, groups.listed(o, ids)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Search.Hit h : hits) {
            Group g = loaded.get(h.origin()).get(h.groupId());
            if (g != null) {
                out.add(groupSummary(g));
            }
        }
        return out;
    }

    private static Map<String, Object> groupSummary(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", g.origin());
        m.put("id", g.id());
        m.put("href", "torrents.php?id=" + g.id() + "&origin=" + g.origin());
        m.put("name", nonEmpty(g.name(), "(untitled)"));
        m.put("artists", artistLinks(g.origin(), g.credits("main").isEmpty() ? g.credits() : g.credits("main")));
        m.put("year", g.year() == null ? "" : g.year().toString());
        m.put("releaseType", Codes.releaseTypeName(g.releaseType()));
        m.put("category", Codes.categoryName(g.category()));
        m.put("tags", tagLinks(g.tagNames()));
        List<String> formats = new ArrayList<>();
        for (Release r : g.releases()) {
            String f = (nonEmpty(r.format(), "?") + " " + nonEmpty(r.encoding(), "")).strip();
            if (!formats.contains(f)) {
                formats.add(f);
            }
        }
        m.put("formats", String.join(" / ", formats));
        m.put("releases", g.releases().size());
        return m;
    }

    private static List<Map<String, Object>> artistLinks(String origin, List<Credit> credits) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (Credit c : credits) {
            if (!seen.contains(c.artistId())) {
                seen.add(c.artistId());
                out.add(Map.of("name", c.name(), "href", "artist.php?id=" + c.artistId() + "&origin=" + origin,
                        "last", false));
            }
        }
        if (!out.isEmpty()) {
            Map<String, Object> last = new LinkedHashMap<>(out.get(out.size() - 1));
            last.put("last", true);
            out.set(out.size() - 1, last);
        }
        return out;
    }

    private static List<Map<String, Object>> tagLinks(List<String> names) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String t : names) {
            out.add(Map.of("name", t, "href", "index.php?taglist=" + URLEncoder.encode(t, StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String nonEmpty(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }

    private static String day(LocalDateTime t) {
        return t == null ? "" : DAY.format(t);
    }

    private static String minute(LocalDateTime t) {
        return t == null ? "" : MINUTE.format(t);
    }

    // Release group.

    private ResponseEntity<String> groupPage(Params p) {
        long id = p.requiredId("id");
        Scope.Found<Group> found = scope.find(p, o -> groups.group(o, id), "no release group with this id");
        Group g = found.value();
        Map<String, Object> m = model(nonEmpty(g.name(), "Release group"));
        m.putAll(groupSummary(g));
        m.put("image", nonEmpty(g.wikiImage(), ""));
        m.put("recordLabel", nonEmpty(g.recordLabel(), ""));
        m.put("catalogueNumber", nonEmpty(g.catalogueNumber(), ""));
        m.put("wiki", BbCode.toHtml(g.wikiBody()));
        m.put("hasWiki", g.wikiBody() != null && !g.wikiBody().isBlank());
        List<Map<String, Object>> roles = new ArrayList<>();
        for (var role : Codes.ROLE_SECTIONS.entrySet()) {
            List<Credit> credits = g.credits(role.getKey());
            if (!credits.isEmpty()) {
                roles.add(Map.of("role", role.getKey().equals("main") ? "Artists" : role.getValue(),
                        "artists", artistLinks(g.origin(), credits)));
            }
        }
        m.put("roles", roles);
        List<Map<String, Object>> tags = new ArrayList<>();
        for (TagVote t : g.tags()) {
            tags.add(Map.of("name", t.name(), "href", "index.php?taglist=" + URLEncoder.encode(t.name(),
                    StandardCharsets.UTF_8), "up", t.positive(), "down", t.negative()));
        }
        m.put("tagVotes", tags);
        m.put("editions", editions(g));
        int page = p.page(properties.maxPage());
        long total = comments.count(g.origin(), "release_group", g.id());
        long commentPages = (total + Comments.PER_PAGE - 1) / Comments.PER_PAGE;
        if (page > 1 && page > commentPages) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page of comments");
        }
        m.put("comments", commentList(g.origin(), comments.comments(g.origin(), "release_group", g.id(), page)));
        m.put("commentCount", total);
        m.put("paging", paging(page, commentPages, Map.of("id", Long.toString(g.id()), "origin", g.origin()),
                "torrents.php"));
        return page("group", m);
    }

    /** The group's releases by edition, as Gazelle's group page lists them. */
    private static List<Map<String, Object>> editions(Group g) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Object> last = null;
        List<Map<String, Object>> rows = null;
        for (Release r : g.releases()) {
            if (!r.edition().equals(last)) {
                last = r.edition();
                rows = new ArrayList<>();
                out.add(Map.of("title", editionTitle(g, r), "releases", rows));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("format", nonEmpty(r.format(), "?"));
            row.put("encoding", nonEmpty(r.encoding(), ""));
            List<String> flags = new ArrayList<>();
            if (r.hasLog()) {
                flags.add("Log (" + r.logScore() + "%)");
            }
            if (r.hasCue()) {
                flags.add("Cue");
            }
            if (r.scene()) {
                flags.add("Scene");
            }
            if ("freeleech".equals(r.freeleech())) {
                flags.add("Freeleech");
            } else if ("neutral".equals(r.freeleech())) {
                flags.add("Neutral leech");
            }
            row.put("flags", String.join(" / ", flags));
            row.put("size", size(r.sizeBytes()));
            row.put("files", r.fileCount());
            row.put("uploaded", day(r.uploadedAt()));
            row.put("description", BbCode.toHtml(r.description()));
            row.put("hasDescription", r.description() != null && !r.description().isBlank());
            rows.add(row);
        }
        return out;
    }

    /** Gazelle's edition heading: year - label / catalogue number / title / media. */
    private static String editionTitle(Group g, Release r) {
        List<String> parts = new ArrayList<>();
        if (!r.remastered()) {
            parts.add("Original Release");
            if (g.recordLabel() != null) {
                parts.add(g.recordLabel());
            }
            if (g.catalogueNumber() != null) {
                parts.add(g.catalogueNumber());
            }
        } else if (r.remasterYear() == null) {
            parts.add("Unknown Release(s)");
        } else {
            for (String s : new String[] {r.remasterRecordLabel(), r.remasterCatalogueNumber(), r.remasterTitle()}) {
                if (s != null && !s.isBlank()) {
                    parts.add(s);
                }
            }
            String head = r.remasterYear().toString();
            parts.add(0, parts.isEmpty() ? head : head + " -");
            String joined = String.join(" / ", parts).replace(" - / ", " - ");
            return joined + " / " + nonEmpty(r.media(), "?");
        }
        parts.add(nonEmpty(r.media(), "?"));
        return String.join(" / ", parts);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }

    private List<Map<String, Object>> commentList(String origin, List<Comments.Comment> list) {
        Map<String, Users.Author> authors = users.authors(origin, list.stream().map(Comments.Comment::author).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Comments.Comment c : list) {
            out.add(Map.of("id", c.id(), "author", author(authors, c.author()), "added", minute(c.addedAt()),
                    "body", BbCode.toHtml(c.body())));
        }
        return out;
    }

    private static String author(Map<String, Users.Author> authors, String ref) {
        if (ref == null) {
            return "(not published)";
        }
        Users.Author a = authors.get(ref);
        return a == null || a.name().isEmpty() ? "(not published)" : a.name();
    }

    // Artist.

    @GetMapping("/artist.php")
    public ResponseEntity<String> artist(HttpServletRequest request) {
        Params p = params(request);
        long id = p.requiredId("id");
        Scope.Found<Artists.Artist> found = scope.find(p, o -> artists.artist(o, id), "no artist with this id");
        String origin = found.origin();
        Artists.Artist a = found.value();
        Map<String, Object> m = model(a.name());
        m.put("origin", origin);
        m.put("name", nonEmpty(a.name(), "(unnamed)"));
        m.put("image", nonEmpty(a.wikiImage(), ""));
        m.put("wiki", BbCode.toHtml(a.wikiBody()));
        m.put("hasWiki", a.wikiBody() != null && !a.wikiBody().isBlank());
        List<String> aliases = new ArrayList<>(artists.aliases(origin, id));
        aliases.remove(a.name());
        m.put("aliases", String.join(", ", aliases));
        List<Artists.Credited> credited = artists.credits(origin, id, 2_000);
        Map<Long, String> roleOf = new LinkedHashMap<>();
        credited.forEach(c -> roleOf.merge(c.groupId(), c.role(),
                (x, y) -> Codes.roleCode(x) <= Codes.roleCode(y) ? x : y));
        Map<Long, Group> loaded = groups.groups(origin, roleOf.keySet());
        // Sections as Gazelle's artist page: the main credits by release type, then the other roles.
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        Codes.releaseTypes().values().forEach(t -> sections.put(t, new ArrayList<>()));
        Codes.ROLE_SECTIONS.forEach((role, title) -> {
            if (!role.equals("main")) {
                sections.put(title, new ArrayList<>());
            }
        });
        sections.put("Other", new ArrayList<>());
        Map<String, Integer> tagCounts = new LinkedHashMap<>();
        for (var e : roleOf.entrySet()) {
            Group g = loaded.get(e.getKey());
            if (g == null) {
                continue;
            }
            g.tagNames().forEach(t -> tagCounts.merge(t, 1, Integer::sum));
            String section = e.getValue().equals("main") ? Codes.releaseTypeName(g.releaseType())
                    : Codes.ROLE_SECTIONS.get(e.getValue());
            sections.computeIfAbsent(section == null || section.isEmpty() ? "Other" : section, k -> new ArrayList<>())
                    .add(groupSummary(g));
        }
        List<Map<String, Object>> sectionList = new ArrayList<>();
        sections.forEach((title, list) -> {
            if (!list.isEmpty()) {
                sectionList.add(Map.of("title", title, "groups", list));
            }
        });
        m.put("sections", sectionList);
        List<Map<String, Object>> tags = new ArrayList<>();
        tagCounts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(20)
                .forEach(t -> tags.add(Map.of("name", t.getKey(), "count", t.getValue(), "href",
                        "index.php?taglist=" + URLEncoder.encode(t.getKey(), StandardCharsets.UTF_8))));
        m.put("tags", tags);
        List<Map<String, Object>> similar = new ArrayList<>();
        for (Artists.Similar s : artists.similar(origin, id, 30)) {
            similar.add(Map.of("name", s.name(), "score", s.score(), "href",
                    "artist.php?id=" + s.artistId() + "&origin=" + origin));
        }
        m.put("similar", similar);
        List<Map<String, Object>> open = new ArrayList<>();
        for (Requests.Request r : requests.openForArtist(origin, id, 20)) {
            open.add(requestSummary(r));
        }
        m.put("requests", open);
        return page("artist", m);
    }

    // Top 10.

    @GetMapping("/top10.php")
    public ResponseEntity<String> top10(HttpServletRequest request) {
        Params p = params(request);
        List<String> spanned = scope.list(p);
        Map<String, Object> m = model("Top 10");
        String[][] periods = {{"day", "Past day"}, {"week", "Past week"}, {"month", "Past month"},
            {"year", "Past year"}, {"overall", "All time"}};
        Map<String, List<Top10.Ranked>> ranked = new LinkedHashMap<>();
        Map<String, java.util.Set<Long>> wanted = new LinkedHashMap<>();
        for (String[] s : periods) {
            Duration period = switch (s[0]) {
                case "day" -> Duration.ofDays(1);
                case "week" -> Duration.ofDays(7);
                case "month" -> Duration.ofDays(30);
                case "year" -> Duration.ofDays(365);
                default -> null;
            };
            List<Top10.Ranked> list = top10.releases(spanned, period, 10);
            ranked.put(s[0], list);
            list.forEach(r -> wanted.computeIfAbsent(r.origin(), k -> new java.util.LinkedHashSet<>()).add(r.groupId()));
        }
        // The groups of every list at once, per origin.
        Map<String, Map<Long, Group>> loaded = new LinkedHashMap<>();
        wanted.forEach((origin, ids) -> loaded.put(origin, groups.groups(origin, ids)));
        List<Map<String, Object>> sections = new ArrayList<>();
        for (String[] s : periods) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int rank = 0;
            for (Top10.Ranked r : ranked.get(s[0])) {
                Group g = loaded.getOrDefault(r.origin(), Map.of()).get(r.groupId());
                if (g == null) {
                    continue;
                }
                Release rel = g.releases().stream().filter(x -> x.id() == r.releaseId()).findFirst().orElse(null);
                Map<String, Object> row = new LinkedHashMap<>(groupSummary(g));
                row.put("rank", ++rank);
                row.put("release", rel == null ? "" : (nonEmpty(rel.format(), "?") + " " + nonEmpty(rel.encoding(), ""))
                        .strip() + " / " + nonEmpty(rel.media(), "?"));
                row.put("score", String.format(Locale.ROOT, "%.2f", r.score()));
                rows.add(row);
            }
            sections.add(Map.of("title", s[1], "rows", rows, "empty", rows.isEmpty()));
        }
        m.put("sections", sections);
        List<Map<String, Object>> tags = new ArrayList<>();
        int rank = 0;
        for (Top10.RankedTag t : top10.groupTags(spanned, false, 10)) {
            tags.add(Map.of("rank", ++rank, "name", t.name(), "uses", t.uses(), "up", t.positiveVotes(), "down",
                    t.negativeVotes(), "href", "index.php?taglist=" + URLEncoder.encode(t.name(), StandardCharsets.UTF_8)));
        }
        m.put("tags", tags);
        return page("top10", m);
    }

    // Collages.

    @GetMapping("/collages.php")
    public ResponseEntity<String> collages(HttpServletRequest request) {
        Params p = params(request);
        if (p.has("id")) {
            return collagePage(p);
        }
        List<String> spanned = scope.list(p);
        int page = p.page(properties.maxPage());
        long total = collages.count(spanned);
        long pageCount = (total + ServeProperties.PAGE_SIZE - 1) / ServeProperties.PAGE_SIZE;
        if (page > 1 && page > pageCount) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + pageCount);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Collages.Collage c : collages.collages(spanned, page, ServeProperties.PAGE_SIZE)) {
            rows.add(Map.of("name", nonEmpty(c.name(), "(untitled)"), "href", "collages.php?id=" + c.id() + "&origin="
                    + c.origin(), "origin", c.origin(), "category", Codes.collageCategoryName(c.category()),
                    "entries", c.entries(), "updated", day(c.updatedAt())));
        }
        Map<String, Object> m = model("Collages");
        m.put("collages", rows);
        m.put("paging", paging(page, pageCount, Map.of(), "collages.php"));
        return page("collages", m);
    }

    private ResponseEntity<String> collagePage(Params p) {
        long id = p.requiredId("id");
        Scope.Found<Collages.Collage> found = scope.find(p, o -> collages.collage(o, id), "no collage with this id");
        String origin = found.origin();
        Collages.Collage c = found.value();
        Map<String, Object> m = model(nonEmpty(c.name(), "Collage"));
        m.put("origin", origin);
        m.put("name", nonEmpty(c.name(), "(untitled)"));
        m.put("category", Codes.collageCategoryName(c.category()));
        m.put("owner", author(users.authors(origin, java.util.Arrays.asList(c.owner())), c.owner()));
        m.put("description", BbCode.toHtml(c.description()));
        m.put("tags", c.tagList() == null ? List.of() : tagLinks(List.of(c.tagList().split("\\s+"))));
        m.put("updated", day(c.updatedAt()));
        if (c.ofArtists()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Collages.ArtistEntry a : collages.artists(origin, c.id())) {
                list.add(Map.of("name", nonEmpty(a.name(), "(unnamed)"), "href", "artist.php?id=" + a.artistId()
                        + "&origin=" + origin));
            }
            m.put("artists", list);
            m.put("groups", List.of());
        } else {
            List<Map<String, Object>> list = new ArrayList<>();
            int n = 0;
            for (Group g : groups.groups(origin, collages.groupIds(origin, c.id())).values()) {
                Map<String, Object> row = new LinkedHashMap<>(groupSummary(g));
                row.put("number", ++n);
                list.add(row);
            }
            m.put("groups", list);
            m.put("artists", List.of());
        }
        return page("collage", m);
    }

    // Requests.

    private Map<String, Object> requestSummary(Requests.Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", r.origin());
        m.put("title", nonEmpty(r.title(), "(untitled)"));
        m.put("href", "requests.php?action=view&id=" + r.id() + "&origin=" + r.origin());
        m.put("artists", artistLinks(r.origin(), r.artists()));
        m.put("year", r.year() == null ? "" : r.year().toString());
        m.put("votes", r.voteCount());
        m.put("bounty", size(r.bountyTotal()));
        m.put("filled", r.filled());
        m.put("created", day(r.createdAt()));
        m.put("category", Codes.categoryName(r.category()));
        return m;
    }

    @GetMapping("/requests.php")
    public ResponseEntity<String> requests(HttpServletRequest request) {
        Params p = params(request);
        if (p.has("id")) {
            return requestPage(p);
        }
        int page = p.page(properties.maxPage());
        String text = p.text("search").orElse(null);
        boolean filled = p.flag("show_filled");
        Requests.Filter f = new Requests.Filter(scope.list(p), text, List.of(), true, filled, List.of(), List.of(),
                List.of(), List.of(), List.of(), null, null, p.raw("order").orElse("created"), false);
        Requests.Page found = requests.list(f, page, ServeProperties.PAGE_SIZE, properties.maxResults());
        long pageCount = (found.total() + ServeProperties.PAGE_SIZE - 1) / ServeProperties.PAGE_SIZE;
        if (page > 1 && page > pageCount) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + pageCount);
        }
        Map<String, Object> m = model("Requests");
        List<Map<String, Object>> rows = new ArrayList<>();
        found.requests().forEach(r -> rows.add(requestSummary(r)));
        m.put("requests", rows);
        m.put("search", text == null ? "" : text);
        m.put("showFilled", filled);
        m.put("total", found.total());
        Map<String, String> current = new LinkedHashMap<>();
        if (text != null) {
            current.put("search", text);
        }
        if (filled) {
            current.put("show_filled", "1");
        }
        m.put("paging", paging(page, pageCount, current, "requests.php"));
        return page("requests", m);
    }

    private ResponseEntity<String> requestPage(Params p) {
        long id = p.requiredId("id");
        Scope.Found<Requests.Request> found = scope.find(p, o -> requests.request(o, id), "no request with this id");
        Requests.Request r = found.value();
        Map<String, Object> m = model(nonEmpty(r.title(), "Request"));
        m.putAll(requestSummary(r));
        Map<String, Users.Author> people = users.authors(r.origin(), java.util.Arrays.asList(r.requester(), r.filler()));
        m.put("requester", author(people, r.requester()));
        m.put("filler", author(people, r.filler()));
        m.put("filledAt", day(r.filledAt()));
        m.put("filledHref", r.filledReleaseId() == null ? "" : groups.groupOfRelease(r.origin(), r.filledReleaseId())
                .map(gid -> "torrents.php?id=" + gid + "&origin=" + r.origin()).orElse(""));
        m.put("releaseType", Codes.releaseTypeName(r.releaseType()));
        m.put("formats", nonEmpty(r.formatList(), "").replace("|", ", "));
        m.put("encodings", nonEmpty(r.encodingList(), "").replace("|", ", "));
        m.put("media", nonEmpty(r.mediaList(), "").replace("|", ", "));
        m.put("logCue", nonEmpty(r.logCue(), ""));
        m.put("recordLabel", nonEmpty(r.recordLabel(), ""));
        m.put("catalogueNumber", nonEmpty(r.catalogueNumber(), ""));
        m.put("description", BbCode.toHtml(r.description()));
        m.put("tags", tagLinks(r.tags()));
        m.put("lastVote", day(r.lastVoteAt()));
        m.put("comments", commentList(r.origin(), comments.comments(r.origin(), "request", r.id(), 1)));
        return page("request", m);
    }

    // Forums.

    @GetMapping("/forums.php")
    public ResponseEntity<String> forums(HttpServletRequest request) {
        Params p = params(request);
        String action = p.raw("action").orElse("");
        if (action.equals("viewforum")) {
            return forumPage(p);
        }
        if (action.equals("viewthread")) {
            return threadPage(p);
        }
        Map<String, Object> m = model("Forums");
        List<Map<String, Object>> categories = new ArrayList<>();
        Map<String, Object> category = null;
        String lastKey = null;
        for (Forums.Forum f : forums.forums(scope.list(p))) {
            String key = f.origin() + "/" + f.categoryId();
            if (!key.equals(lastKey)) {
                category = new LinkedHashMap<>();
                category.put("name", nonEmpty(f.categoryName(), "Forums"));
                category.put("origin", f.origin());
                category.put("forums", new ArrayList<Map<String, Object>>());
                categories.add(category);
                lastKey = key;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) category.get("forums");
            list.add(Map.of("name", nonEmpty(f.name(), "(unnamed)"), "description", nonEmpty(f.description(), ""),
                    "href", "forums.php?action=viewforum&forumid=" + f.id() + "&origin=" + f.origin(),
                    "topics", f.topics(), "posts", f.posts(), "lastTopic", nonEmpty(f.lastTopicTitle(), ""),
                    "lastHref", "forums.php?action=viewthread&threadid=" + f.lastTopicId() + "&origin=" + f.origin(),
                    "lastTime", minute(f.lastTime()), "hasLast", f.lastTopicId() != 0));
        }
        m.put("categories", categories);
        return page("forums", m);
    }

    private ResponseEntity<String> forumPage(Params p) {
        long id = p.requiredId("forumid");
        Scope.Found<Forums.Forum> found = scope.find(p, o -> forums.forum(o, id), "no forum with this id");
        Forums.Forum f = found.value();
        int page = p.page(properties.maxPage());
        long pageCount = (f.topics() + Forums.TOPICS_PER_PAGE - 1) / Forums.TOPICS_PER_PAGE;
        if (page > 1 && page > pageCount) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + pageCount);
        }
        List<Forums.Topic> topics = forums.topics(f.origin(), id, page);
        List<String> refs = new ArrayList<>();
        topics.forEach(t -> {
            refs.add(t.author());
            refs.add(t.lastAuthor());
        });
        Map<String, Users.Author> authors = users.authors(f.origin(), refs);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Forums.Topic t : topics) {
            rows.add(Map.of("title", nonEmpty(t.title(), "(untitled)"), "href", "forums.php?action=viewthread&threadid="
                    + t.id() + "&origin=" + t.origin(), "author", author(authors, t.author()), "posts", t.posts(),
                    "sticky", t.sticky(), "locked", t.locked(), "lastTime", minute(t.lastTime()),
                    "lastAuthor", author(authors, t.lastAuthor())));
        }
        Map<String, Object> m = model(nonEmpty(f.name(), "Forum"));
        m.put("origin", f.origin());
        m.put("name", nonEmpty(f.name(), "(unnamed)"));
        m.put("category", nonEmpty(f.categoryName(), ""));
        m.put("topics", rows);
        m.put("paging", paging(page, pageCount, Map.of("action", "viewforum", "forumid", Long.toString(id), "origin",
                f.origin()), "forums.php"));
        return page("forum", m);
    }

    private ResponseEntity<String> threadPage(Params p) {
        Optional<Long> threadId = p.id("threadid").or(() -> p.id("topicid"));
        long id = threadId.orElseThrow(() -> new Failure("bad threadid parameter"));
        Scope.Found<Forums.Topic> found = scope.find(p, o -> forums.topic(o, id), "no thread with this id");
        Forums.Topic t = found.value();
        int page = p.page(properties.maxPage());
        long pageCount = (t.posts() + Forums.POSTS_PER_PAGE - 1) / Forums.POSTS_PER_PAGE;
        if (page > 1 && page > pageCount) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + pageCount);
        }
        List<Forums.Post> posts = forums.posts(t.origin(), id, page);
        Map<String, Users.Author> authors = users.authors(t.origin(), posts.stream().map(Forums.Post::author).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Forums.Post post : posts) {
            rows.add(Map.of("id", post.id(), "author", author(authors, post.author()), "added", minute(post.addedAt()),
                    "edited", minute(post.editedAt()), "body", BbCode.toHtml(post.body())));
        }
        Forums.Forum f = forums.forum(t.origin(), t.forumId()).orElse(null);
        Map<String, Object> m = model(nonEmpty(t.title(), "Thread"));
        m.put("origin", t.origin());
        m.put("title", nonEmpty(t.title(), "(untitled)"));
        m.put("forum", f == null ? "" : nonEmpty(f.name(), ""));
        m.put("forumHref", "forums.php?action=viewforum&forumid=" + t.forumId() + "&origin=" + t.origin());
        m.put("posts", rows);
        m.put("locked", t.locked());
        m.put("paging", paging(page, pageCount, Map.of("action", "viewthread", "threadid", Long.toString(id), "origin",
                t.origin()), "forums.php"));
        return page("thread", m);
    }
}
