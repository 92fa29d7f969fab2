package org.herd.serve.api;

import static org.herd.serve.api.Gz.obj;
import static org.herd.serve.api.Gz.str;
import static org.herd.serve.api.Gz.time;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.serve.BbCode;
import org.herd.serve.ServeProperties;
import org.herd.serve.catalogue.Codes;
import org.herd.serve.catalogue.Comments;
import org.herd.serve.catalogue.Credit;
import org.herd.serve.catalogue.Forums;
import org.herd.serve.catalogue.Groups;
import org.herd.serve.catalogue.Requests;
import org.herd.serve.catalogue.Users;

/**
 * The community's actions and the account: index, request, requests, tcomments, wiki and forum
 * (main, viewforum, viewthread). A mirror has no accounts, so what Gazelle says of the logged-in
 * user is empty; authors appear as the origin published them (see {@link Users}).
 */
public final class CommunityApi {

    private final Scope scope;
    private final Requests requests;
    private final Comments comments;
    private final Forums forums;
    private final Groups groups;
    private final Users users;
    private final ServeProperties properties;

    public CommunityApi(Scope scope, Requests requests, Comments comments, Forums forums, Groups groups, Users users,
            ServeProperties properties) {
        this.scope = scope;
        this.requests = requests;
        this.comments = comments;
        this.forums = forums;
        this.groups = groups;
        this.users = users;
        this.properties = properties;
    }

    // info.php: the logged-in user. A mirror has readers, not users.

    Object index(Params p) {
        return obj(
                "username", "",
                "id", 0,
                "authkey", "",
                "passkey", "",
                "notifications", obj("messages", 0, "notifications", 0, "newAnnouncement", false, "newBlog", false,
                        "newSubscriptions", false),
                "userstats", obj("uploaded", 0, "downloaded", 0, "ratio", 0.0, "requiredratio", 0.0, "class", ""));
    }

    // request.php

    Object request(Params p) {
        long id = p.requiredId("id");
        Scope.Found<Requests.Request> found = scope.find(p, o -> requests.request(o, id), "bad id parameter");
        String origin = found.origin();
        Requests.Request r = found.value();
        boolean music = "music".equals(r.category());
        Users.Author requester = users.author(origin, r.requester());
        Users.Author filler = users.author(origin, r.filler());
        int page = p.page(properties.maxPage());
        long total = comments.count(origin, "request", id);
        long pages = pages(total, Comments.PER_PAGE);
        checkPage(page, pages);
        List<Comments.Comment> list = comments.comments(origin, "request", id, page);
        Map<String, Users.Author> authors = users.authors(origin, list.stream().map(Comments.Comment::author).toList());
        List<Object> commentJson = new ArrayList<>();
        for (Comments.Comment c : list) {
            Users.Author a = c.author() == null ? Users.Author.NONE : authors.get(c.author());
            commentJson.add(obj("postId", c.id(), "authorId", a.id(), "name", a.name(), "donor", false, "warned", false,
                    "enabled", true, "class", "", "addedTime", time(c.addedAt()), "avatar", "",
                    "comment", BbCode.toHtml(c.body()), "editedUserId", 0, "editedUsername", "",
                    "editedTime", time(c.editedAt())));
        }
        String releaseName = music ? (r.releaseType() == null ? "Unknown" : Codes.releaseTypeName(r.releaseType())) : null;
        return obj(
                "requestId", r.id(),
                "requestorId", requester.id(),
                "requestorName", requester.name(),
                "isBookmarked", false,
                // Site settings of the origin that it does not publish.
                "requestTax", 0.0,
                "timeAdded", time(r.createdAt()),
                "canEdit", false,
                "canVote", false,
                "minimumVote", 0,
                "voteCount", r.voteCount(),
                "lastVote", time(r.lastVoteAt()),
                // Who voted, and how much, never leaves the origin.
                "topContributors", new ArrayList<>(),
                "totalBounty", r.bountyTotal(),
                "categoryId", Codes.categoryCode(r.category()),
                "categoryName", Codes.categoryName(r.category()),
                "title", str(r.title()),
                "year", Gz.num(r.year()),
                "image", str(r.image()),
                "bbDescription", str(r.description()),
                "description", BbCode.toHtml(r.description()),
                // request.php gives an empty object, not null, outside music.
                "musicInfo", music ? GroupJson.musicInfo(r.artists(), false) : new LinkedHashMap<>(),
                "catalogueNumber", str(r.catalogueNumber()),
                "releaseType", Codes.releaseTypeCode(r.releaseType()),
                "releaseName", releaseName,
                "bitrateList", splitList(r.encodingList()),
                "formatList", splitList(r.formatList()),
                "mediaList", splitList(r.mediaList()),
                "logCue", str(r.logCue()),
                "isFilled", r.filled(),
                "fillerId", filler.id(),
                "fillerName", filler.name(),
                "torrentId", Gz.num(r.filledReleaseId()),
                "timeFilled", time(r.filledAt()),
                "tags", new ArrayList<>(r.tags()),
                "comments", commentJson,
                "commentPage", page,
                "commentPages", pages,
                "recordLabel", str(r.recordLabel()),
                "oclc", str(r.oclc()));
    }

    private static List<String> splitList(String list) {
        if (list == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.stream(list.split("\\|")).filter(s -> !s.isEmpty()).toList());
    }

    // requests.php

    Object requests(Params p) {
        int page = p.page(properties.maxPage());
        List<String> categories = new ArrayList<>();
        for (String c : p.list("filter_cat", true)) {
            categories.add(Codes.categoryOfCode(c).orElseThrow(() -> new Failure("bad filter_cat parameter")));
        }
        List<String> releaseTypes = new ArrayList<>();
        for (String rt : p.list("releases", false)) {
            releaseTypes.add(Codes.releaseType(rt).orElseThrow(() -> new Failure("bad releases parameter")));
        }
        List<String> tags = new ArrayList<>();
        p.text("tags").ifPresent(t -> Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(org.herd.serve.search.Search::tag).forEach(tags::add));
        Long year = p.number("year").orElse(null);
        String order = p.raw("order").orElse("created");
        if (!List.of("votes", "bounty", "lastvote", "filled", "year", "created", "random").contains(order)) {
            order = "created";
        }
        Requests.Filter filter = new Requests.Filter(scope.list(p), p.text("search").orElse(null), tags,
                !"0".equals(p.raw("tags_type").orElse("1")), p.has("show_filled") || p.has("showall"),
                categories, releaseTypes, p.list("formats", false), p.list("media", false), p.list("bitrates", false),
                year, p.id("artistid").orElse(null), order, "asc".equals(p.raw("sort").orElse("desc")));
        int max = properties.maxResults();
        if ((long) (page - 1) * ServeProperties.PAGE_SIZE >= max) {
            throw new Failure("bad page parameter: requests are counted up to " + max);
        }
        Requests.Page found = requests.list(filter, page, ServeProperties.PAGE_SIZE, max);
        if (found.total() == 0) {
            return obj("currentPage", 1, "pages", 1, "results", new ArrayList<>());
        }
        long pages = pages(found.total(), ServeProperties.PAGE_SIZE);
        checkPage(page, pages);
        List<Object> results = new ArrayList<>();
        for (Requests.Request r : found.requests()) {
            Users.Author requester = users.author(r.origin(), r.requester());
            Users.Author filler = users.author(r.origin(), r.filler());
            results.add(obj(
                    "requestId", r.id(),
                    "requestorId", requester.id(),
                    "requestorName", requester.name(),
                    "timeAdded", time(r.createdAt()),
                    "lastVote", time(r.lastVoteAt()),
                    "voteCount", r.voteCount(),
                    "bounty", r.bountyTotal(),
                    "categoryId", Codes.categoryCode(r.category()),
                    "categoryName", Codes.categoryName(r.category()),
                    "artists", "music".equals(r.category()) ? artistsByRole(r.artists()) : new ArrayList<>(),
                    "title", str(r.title()),
                    "year", Gz.num(r.year()),
                    "image", str(r.image()),
                    "description", str(r.description()),
                    "recordLabel", str(r.recordLabel()),
                    "catalogueNumber", str(r.catalogueNumber()),
                    "releaseType", r.releaseType() == null ? null : Codes.releaseTypeName(r.releaseType()),
                    "bitrateList", str(r.encodingList()),
                    "formatList", str(r.formatList()),
                    "mediaList", str(r.mediaList()),
                    "logCue", str(r.logCue()),
                    "isFilled", r.filled(),
                    "fillerId", filler.id(),
                    "fillerName", filler.name(),
                    "torrentId", Gz.num(r.filledReleaseId()),
                    "timeFilled", time(r.filledAt()),
                    "origin", r.origin()));
        }
        return obj("currentPage", page, "pages", pages, "results", results);
    }

    /** requests.php's artists: one list per role, in importance order, of {id, name} (ids as text). */
    private static List<Object> artistsByRole(List<Credit> credits) {
        Map<Integer, List<Object>> byRole = new java.util.TreeMap<>();
        for (Credit c : credits) {
            byRole.computeIfAbsent(Codes.roleCode(c.role()), k -> new ArrayList<>())
                    .add(obj("id", Long.toString(c.artistId()), "name", c.name()));
        }
        return new ArrayList<>(byRole.values());
    }

    // tcomments.php

    Object torrentComments(Params p) {
        long id = p.requiredId("id");
        Scope.Found<Long> found = scope.find(p, o -> groups.group(o, id).map(g -> g.id()), "bad id parameter");
        String origin = found.origin();
        int page = p.page(properties.maxPage());
        long total = comments.count(origin, "release_group", id);
        long pages = pages(total, Comments.PER_PAGE);
        checkPage(page, pages);
        List<Comments.Comment> list = comments.comments(origin, "release_group", id, page);
        Map<String, Users.Author> authors = users.authors(origin, list.stream().map(Comments.Comment::author).toList());
        List<Object> json = new ArrayList<>();
        for (Comments.Comment c : list) {
            Users.Author a = c.author() == null ? Users.Author.NONE : authors.get(c.author());
            json.add(obj("postId", c.id(), "addedTime", time(c.addedAt()), "bbBody", str(c.body()),
                    "body", BbCode.toHtml(c.body()), "editedUserId", 0, "editedTime", time(c.editedAt()),
                    "editedUsername", "",
                    "userinfo", obj("authorId", a.id(), "authorName", a.name(), "artist", false, "donor", false,
                            "warned", false, "avatar", "", "enabled", true, "userTitle", "")));
        }
        return obj("page", page, "pages", pages, "comments", json);
    }

    // wiki.php: the site's wiki articles are not part of what an origin publishes.

    Object wiki(Params p) {
        if (p.id("id").isEmpty() && p.text("name").isEmpty()) {
            throw new Failure("bad id parameter");
        }
        throw new Failure("article not found");
    }

    // forum/index.php

    Object forum(Params p) {
        String type = p.raw("type").orElse("main");
        return switch (type) {
            case "main" -> forumMain(p);
            case "viewforum" -> viewForum(p);
            case "viewthread" -> viewThread(p);
            default -> throw new Failure("bad type parameter");
        };
    }

    private Object forumMain(Params p) {
        List<Forums.Forum> list = forums.forums(scope.list(p));
        Map<String, Users.Author> authors = new LinkedHashMap<>();
        List<Object> categories = new ArrayList<>();
        Map<String, Object> category = null;
        String lastKey = null;
        for (Forums.Forum f : list) {
            String key = f.origin() + "/" + f.categoryId();
            if (!key.equals(lastKey)) {
                category = obj("categoryID", f.categoryId(), "categoryName", str(f.categoryName()),
                        "forums", new ArrayList<>(), "origin", f.origin());
                categories.add(category);
                lastKey = key;
            }
            Users.Author last = authors.computeIfAbsent(f.origin() + "/" + f.lastAuthor(),
                    k -> users.author(f.origin(), f.lastAuthor()));
            @SuppressWarnings("unchecked")
            List<Object> forumList = (List<Object>) category.get("forums");
            forumList.add(obj(
                    "forumId", f.id(),
                    "forumName", str(f.name()),
                    "forumDescription", BbCode.escape(f.description()),
                    "numTopics", f.topics(),
                    "numPosts", f.posts(),
                    "lastPostId", f.lastPostId(),
                    "lastAuthorId", last.id(),
                    "lastPostAuthorName", last.name(),
                    "lastTopicId", f.lastTopicId(),
                    "lastTime", time(f.lastTime()),
                    "specificRules", new ArrayList<>(),
                    "lastTopic", BbCode.escape(f.lastTopicTitle()),
                    "read", false,
                    "locked", false,
                    "sticky", false));
        }
        return obj("categories", categories);
    }

    private Object viewForum(Params p) {
        long id = p.requiredId("forumid");
        Scope.Found<Forums.Forum> found = scope.find(p, o -> forums.forum(o, id), "bad forumid parameter");
        Forums.Forum f = found.value();
        int page = p.page(properties.maxPage());
        long pages = pages(f.topics(), Forums.TOPICS_PER_PAGE);
        checkPage(page, pages);
        List<Forums.Topic> topics = forums.topics(found.origin(), id, page);
        List<String> refs = new ArrayList<>();
        topics.forEach(t -> {
            refs.add(t.author());
            refs.add(t.lastAuthor());
        });
        Map<String, Users.Author> authors = users.authors(found.origin(), refs);
        List<Object> threads = new ArrayList<>();
        for (Forums.Topic t : topics) {
            Users.Author author = t.author() == null ? Users.Author.NONE : authors.get(t.author());
            Users.Author last = t.lastAuthor() == null ? Users.Author.NONE : authors.get(t.lastAuthor());
            threads.add(obj(
                    "topicId", t.id(),
                    "title", BbCode.escape(t.title()),
                    "authorId", author.id(),
                    "authorName", author.name(),
                    "locked", t.locked(),
                    "sticky", t.sticky(),
                    "postCount", t.posts(),
                    "lastID", t.lastPostId(),
                    "lastTime", time(t.lastTime()),
                    "lastAuthorId", last.id(),
                    "lastAuthorName", last.name(),
                    "lastReadPage", 0,
                    "lastReadPostId", 0,
                    "read", false));
        }
        return obj("forumName", BbCode.escape(f.name()), "specificRules", new ArrayList<>(), "currentPage", page,
                "pages", pages, "threads", threads);
    }

    private Object viewThread(Params p) {
        Optional<Long> threadId = p.id("threadid").or(() -> p.id("topicid"));
        Optional<Long> postId = p.id("postid");
        if (threadId.isEmpty() && postId.isEmpty()) {
            throw new Failure("no post or thread id");
        }
        Scope.Found<Forums.Topic> found = scope.find(p,
                o -> threadId.or(() -> forums.topicOfPost(o, postId.get())).flatMap(t -> forums.topic(o, t)),
                "no such thread exists");
        String origin = found.origin();
        Forums.Topic t = found.value();
        Forums.Forum f = forums.forum(origin, t.forumId()).orElseThrow(() -> new Failure("no such thread exists"));
        int page = p.page(properties.maxPage());
        long pages = pages(t.posts(), Forums.POSTS_PER_PAGE);
        checkPage(page, pages);
        List<Forums.Post> posts = forums.posts(origin, t.id(), page);
        Map<String, Users.Author> authors = users.authors(origin, posts.stream().map(Forums.Post::author).toList());
        List<Object> json = new ArrayList<>();
        for (Forums.Post post : posts) {
            Users.Author a = post.author() == null ? Users.Author.NONE : authors.get(post.author());
            json.add(obj(
                    "postId", post.id(),
                    "addedTime", time(post.addedAt()),
                    "bbBody", str(post.body()),
                    "body", BbCode.toHtml(post.body()),
                    "editedUserId", 0,
                    "editedTime", time(post.editedAt()),
                    "editedUsername", "",
                    "author", obj("authorId", a.id(), "authorName", a.name(), "paranoia", new ArrayList<>(),
                            "artist", false, "donor", false, "warned", false, "avatar", "", "enabled", true,
                            "userTitle", "")));
        }
        return obj(
                "forumId", f.id(),
                "forumName", str(f.name()),
                "threadId", t.id(),
                "threadTitle", BbCode.escape(t.title()),
                "subscribed", false,
                "locked", t.locked(),
                "sticky", t.sticky(),
                "currentPage", page,
                "pages", pages,
                // Polls are not published.
                "poll", null,
                "posts", json);
    }

    static long pages(long total, int perPage) {
        return (total + perPage - 1) / perPage;
    }

    /** Page 1 always exists (an empty list has one empty page); a later page must be within the list. */
    static void checkPage(int page, long pages) {
        if (page > 1 && page > pages) {
            throw new Failure("bad page parameter: page " + page + " is beyond the last page, " + pages);
        }
    }
}
