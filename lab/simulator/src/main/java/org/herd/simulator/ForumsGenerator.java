package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.SITE_START;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;

/**
 * Generates Gazelle's forums and comments: the forum index (categories and forums, two of them
 * staff forums that only moderators and sysops may read), topics with their posts, and comments
 * on release groups and artists. The denormalised columns Gazelle keeps on every post (a topic's
 * and a forum's NumPosts and LastPost*, a forum's NumTopics) agree with the rows they count.
 *
 * <p>At scale 1 a what.cd-sized site: 400,000 topics with 10 million posts and 2 million comments.
 * Reply counts are heavily skewed (a few threads run to thousands of posts); topic and comment ids
 * grow with time, post ids topic by topic.
 */
final class ForumsGenerator {

    /** Load order of the tables this class fills. */
    static final List<String> TABLES = List.of("forums_categories", "forums", "forums_topics", "forums_posts",
            "comments");

    /** WhatCD's class levels (gazelle.sql's permissions rows): every user, Elite, Moderator, Sysop. */
    static final int USER_CLASS = 100;
    static final int ELITE_CLASS = 250;
    static final int MODERATOR_CLASS = 800;
    static final int SYSOP_CLASS = 1000;

    private static final double TOPICS = 400_000;
    private static final double POSTS = 10_000_000;
    private static final double COMMENTS = 2_000_000;
    private static final double SPAN = SITE_END - SITE_START;

    private static final long S_TOPIC = 101;
    private static final long S_POST = 102;
    private static final long S_COMMENT = 103;
    private static final long S_PLAN = 104;

    record Category(int id, String name) {
    }

    /**
     * A forum of the generated index.
     *
     * @param weight share of the topics it gets
     */
    record Forum(int id, int categoryId, int sort, String name, String description, int minClassRead,
            int minClassWrite, int weight) {
    }

    /** Gazelle's default categories (ids and sorts as its install data has them) and one for staff. */
    static final List<Category> CATEGORIES = List.of(
            new Category(1, "Site"), new Category(5, "Community"), new Category(8, "Music"),
            new Category(10, "Help"), new Category(20, "Trash"), new Category(30, "Staff"));

    /**
     * The forums. "Staff" sits in the Staff category, "Site Management" among the public forums of
     * Site: a staff forum is told apart only by its MinClassRead, never by where it is listed.
     */
    static final List<Forum> FORUMS = List.of(
            new Forum(1, 1, 10, "Announcements", "News from the staff", USER_CLASS, MODERATOR_CLASS, 2),
            new Forum(2, 1, 20, "Suggestions", "Ideas to make the site better", USER_CLASS, USER_CLASS, 5),
            new Forum(3, 1, 30, "Bugs", "Something broke? Tell us here", USER_CLASS, USER_CLASS, 4),
            new Forum(4, 5, 40, "The Lounge", "Talk about anything", USER_CLASS, USER_CLASS, 14),
            new Forum(5, 5, 50, "Chat", "Expect this to fill up with spam", USER_CLASS, USER_CLASS, 16),
            new Forum(6, 5, 60, "Games", "Forum games and video games", USER_CLASS, USER_CLASS, 6),
            new Forum(7, 5, 70, "Technology", "Hardware, software and the internet", USER_CLASS, USER_CLASS, 6),
            new Forum(8, 8, 80, "Music", "Discuss music of any kind", USER_CLASS, USER_CLASS, 18),
            new Forum(9, 8, 90, "Vanity House", "Self-released music by our users", USER_CLASS, USER_CLASS, 3),
            new Forum(10, 8, 100, "Vinyl & Hi-Fi", "Turntables, rips and gear", USER_CLASS, USER_CLASS, 4),
            new Forum(11, 8, 110, "Concerts & Festivals", "Who are you seeing?", USER_CLASS, USER_CLASS, 3),
            new Forum(12, 10, 120, "Help!", "I fell down and I can't get up", USER_CLASS, USER_CLASS, 7),
            new Forum(13, 10, 130, "Tutorials", "How to rip, tag and upload", USER_CLASS, ELITE_CLASS, 2),
            new Forum(14, 20, 140, "Trash", "Every thread ends up here eventually", USER_CLASS, 500, 6),
            new Forum(15, 30, 150, "Staff", "Moderators only", MODERATOR_CLASS, MODERATOR_CLASS, 2),
            new Forum(16, 1, 160, "Site Management", "Sysops only", SYSOP_CLASS, SYSOP_CLASS, 1));

    private static final int[] FORUM_WEIGHTS = FORUMS.stream().mapToInt(Forum::weight).toArray();

    private final long seed;
    private final int users;
    private final int groups;
    private final int artists;
    private final IntToLongFunction groupCreated;
    private final IntToLongFunction artistCreated;

    final int topics;
    final int posts;
    final int comments;
    private final int[] postsPerTopic;

    /**
     * @param groupCreated  epoch second at which a release group (by ID) was created
     * @param artistCreated epoch second at which an artist (by ArtistID) was created
     */
    ForumsGenerator(long seed, double scale, int users, int groups, int artists, IntToLongFunction groupCreated,
            IntToLongFunction artistCreated) {
        this.seed = seed;
        this.users = users;
        this.groups = groups;
        this.artists = artists;
        this.groupCreated = groupCreated;
        this.artistCreated = artistCreated;
        topics = (int) Math.max(8, Math.round(TOPICS * scale));
        posts = (int) Math.max(topics + 32L, Math.round(POSTS * scale));
        comments = (int) Math.max(20, Math.round(COMMENTS * scale));

        // Every topic has its opening post; the replies go mostly to a few long-running threads.
        postsPerTopic = new int[topics];
        Arrays.fill(postsPerTopic, 1);
        SplittableRandom r = rng(S_PLAN, 1);
        for (long p = topics; p < posts; p++) {
            postsPerTopic[(int) (topics * Math.pow(r.nextDouble(), 2.5))]++;
        }
    }

    /** Rows per table, in load order. */
    Map<String, Long> plannedCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("forums_categories", (long) CATEGORIES.size());
        counts.put("forums", (long) FORUMS.size());
        counts.put("forums_topics", (long) topics);
        counts.put("forums_posts", (long) posts);
        counts.put("comments", (long) comments);
        return counts;
    }

    void generate(RowSink sink) {
        for (Category c : CATEGORIES) {
            sink.row("forums_categories", new Object[] {c.id(), c.name(), c.id()});
        }
        ForumTotals[] totals = new ForumTotals[FORUMS.size()];
        for (int f = 0; f < totals.length; f++) {
            totals[f] = new ForumTotals();
        }
        emitTopicsAndPosts(sink, totals);
        for (int f = 0; f < FORUMS.size(); f++) {
            Forum forum = FORUMS.get(f);
            ForumTotals t = totals[f];
            sink.row("forums", new Object[] {
                forum.id(), forum.categoryId(), forum.sort(), forum.name(), forum.description(),
                forum.minClassRead(), forum.minClassWrite(), forum.minClassWrite(),
                t.topics, t.posts, t.lastPostId, t.lastAuthor, t.lastTopic,
                t.lastPostId == 0 ? ZERO_DATE : datetime(t.lastTime),
                forum.id() == 14 ? "0" : "1", 4,
            });
        }
        emitComments(sink);
    }

    /** A forum's counters and latest post, accumulated while its topics are generated. */
    private static final class ForumTotals {
        int topics;
        int posts;
        int lastPostId;
        int lastAuthor;
        int lastTopic;
        long lastTime;
    }

    // ---------------------------------------------------------------------------------------------
    // forums_topics, forums_posts

    private void emitTopicsAndPosts(RowSink sink, ForumTotals[] totals) {
        int postId = 0;
        for (int t = 0; t < topics; t++) {
            int topicId = t + 1;
            SplittableRandom r = rng(S_TOPIC, topicId);
            int f = GazelleDataGenerator.pickIndex(r, FORUM_WEIGHTS);
            Forum forum = FORUMS.get(f);
            int author = user(r);
            String title = topicTitle(r, forum);
            long created = SITE_START + (long) (SPAN * Math.pow((t + 0.5) / topics, 0.8)) + r.nextInt(600);
            boolean sticky = r.nextInt(1000) < (forum.id() == 1 ? 300 : 8);
            boolean locked = forum.id() == 14 ? r.nextInt(100) < 70 : forum.id() == 1 || r.nextInt(100) < 4;
            int ranking = sticky && r.nextBoolean() ? 1 + r.nextInt(5) : 0;
            boolean zeroCreated = r.nextInt(1000) < 5;

            int firstPost = postId + 1;
            long time = Math.min(SITE_END, created);
            // A thread lives from a day to about two days per reply, and never past the site's end.
            int n = postsPerTopic[t];
            double lifetime = Math.min(Math.max(60, SITE_END - time), 86_400.0 * (1 + 2 * n * r.nextDouble()));
            double meanGap = lifetime / n;
            int lastAuthor = author;
            for (int k = 0; k < n; k++) {
                postId++;
                SplittableRandom pr = rng(S_POST, postId);
                if (k > 0) {
                    time = Math.min(SITE_END, time + 30 + (long) (-Math.log(1 - pr.nextDouble()) * meanGap));
                }
                int poster = k == 0 ? author : user(pr);
                boolean edited = pr.nextInt(100) < 8;
                Integer editor = edited ? (pr.nextInt(100) < 85 ? poster : 1 + pr.nextInt(Math.min(users, 5))) : null;
                String editedTime = edited ? datetime(Math.min(SITE_END, time + 60 + pr.nextLong(86_400L * 3))) : null;
                sink.row("forums_posts", new Object[] {
                    postId, topicId, poster, datetime(time),
                    k == 0 ? openingPost(pr, title, forum) : reply(pr, forum), editor, editedTime,
                });
                lastAuthor = poster;
            }
            sink.row("forums_topics", new Object[] {
                topicId, title, author, locked ? "1" : "0", sticky ? "1" : "0", forum.id(), postsPerTopic[t],
                postId, datetime(time), lastAuthor, sticky && r.nextInt(100) < 30 ? firstPost : 0, ranking,
                zeroCreated ? ZERO_DATE : datetime(Math.min(SITE_END, created)),
            });
            ForumTotals ft = totals[f];
            ft.topics++;
            ft.posts += postsPerTopic[t];
            if (time > ft.lastTime || (time == ft.lastTime && postId > ft.lastPostId)) {
                ft.lastTime = time;
                ft.lastPostId = postId;
                ft.lastAuthor = lastAuthor;
                ft.lastTopic = topicId;
            }
        }
    }

    private static String topicTitle(SplittableRandom r, Forum forum) {
        String genre = Words.pick(r, Words.GENRE_TAGS).replace('.', ' ');
        String title = switch (forum.id()) {
            case 1 -> Words.pick(r, List.of("Site maintenance on ", "New rules for ", "Freeleech weekend: ",
                    "Interviews for ")) + Words.pick(r, Words.NOUNS).toLowerCase(Locale.ROOT) + " "
                    + (2008 + r.nextInt(9));
            case 2, 3 -> Words.pick(r, List.of("Add a ", "Broken ", "Please fix the ", "Idea: better "))
                    + Words.pick(r, List.of("search filter", "collage page", "request form", "log checker",
                    "top 10", "tag voting", "notification", "stylesheet", "upload form"));
            case 8, 9, 10, 11 -> switch (r.nextInt(5)) {
                case 0 -> "Best " + genre + " albums of " + (1960 + r.nextInt(57));
                case 1 -> "Recommend me some " + genre;
                case 2 -> Words.artistName(r) + " - " + Words.title(r) + " (" + (1960 + r.nextInt(57)) + ")";
                case 3 -> "What are you listening to right now?";
                default -> "Underrated " + genre + " records";
            };
            case 12, 13 -> Words.pick(r, List.of("How do I ", "Can't ", "Help: cannot ", "Guide: how to "))
                    + Words.pick(r, List.of("check my log score", "connect to the tracker", "fix my ratio",
                    "read spectrals", "tag FLAC files", "make a torrent", "find the right edition"));
            default -> switch (r.nextInt(4)) {
                case 0 -> "The " + Words.pick(r, Words.ADJECTIVES).toLowerCase(Locale.ROOT) + " "
                        + Words.pick(r, Words.NOUNS).toLowerCase(Locale.ROOT) + " thread";
                case 1 -> "Post your " + Words.pick(r, Words.PLURALS).toLowerCase(Locale.ROOT);
                case 2 -> Words.title(r);
                default -> "What's the last " + Words.pick(r, List.of("film", "book", "game", "gig"))
                        + " you " + Words.pick(r, List.of("saw", "read", "played", "went to")) + "?";
            };
        };
        return Words.cut(title, 150);
    }

    private static String openingPost(SplittableRandom r, String title, Forum forum) {
        StringBuilder b = new StringBuilder();
        if (forum.id() == 1 || forum.id() == 13) {
            b.append("[size=4][b]").append(title).append("[/b][/size]\n\n");
        }
        b.append(Words.paragraph(r, 2 + r.nextInt(3)));
        switch (r.nextInt(5)) {
            case 0 -> b.append("\n\n[list]\n[*]").append(Words.sentence(r)).append("\n[*]").append(Words.sentence(r))
                    .append("\n[/list]");
            case 1 -> b.append("\n\n[img]").append(Words.imageUrl(r)).append("[/img]");
            case 2 -> b.append("\n\n[url=https://www.discogs.com/release/").append(10_000 + r.nextInt(9_000_000))
                    .append("]Discogs[/url]");
            default -> {
            }
        }
        return b.toString();
    }

    private static String reply(SplittableRandom r, Forum forum) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> Words.paragraph(r, 1 + r.nextInt(3));
            case 2, 3 -> "[quote=" + quotedName(r) + "]" + Words.sentence(r) + "[/quote]\n" + Words.sentence(r);
            case 4 -> Words.pick(r, List.of("+1", "This.", "Agreed.", "Thanks for sharing!", "Bump.", ":lol:",
                    "Seconded, great thread."));
            case 5 -> "Check out [artist]" + Words.artistName(r) + "[/artist], " + Words.sentence(r).toLowerCase(Locale.ROOT);
            case 6 -> "[spoiler]" + Words.sentence(r) + "[/spoiler]";
            case 7 -> forum.id() == 12 || forum.id() == 13
                    ? "Read the [url=wiki.php?action=article&id=" + (1 + r.nextInt(200)) + "]wiki article[/url] first."
                    : "[img]" + Words.imageUrl(r) + "[/img]";
            case 8 -> "[b]" + Words.title(r) + "[/b]\n[i]" + Words.sentence(r) + "[/i]";
            default -> Words.sentence(r) + " [url=torrents.php?id=" + (1 + r.nextInt(1_000_000)) + "]This one[/url].";
        };
    }

    /** A name as a quote tag carries it; forum text names users freely, as real posts do. */
    private static String quotedName(SplittableRandom r) {
        return Words.pick(r, Words.ADJECTIVES) + Words.pick(r, Words.NOUNS) + (r.nextBoolean() ? "" : r.nextInt(100));
    }

    // ---------------------------------------------------------------------------------------------
    // comments

    /**
     * Comments on release groups (most) and artists, ids growing with time; each on a page that
     * existed when it was written.
     */
    private void emitComments(RowSink sink) {
        for (int c = 0; c < comments; c++) {
            int commentId = c + 1;
            SplittableRandom r = rng(S_COMMENT, commentId);
            double f = (c + 0.5) / comments;
            long time = SITE_START + (long) (SPAN * Math.pow(f, 0.8)) + r.nextInt(600);
            boolean onArtist = r.nextInt(100) < 15;
            int pages = onArtist ? artists : groups;
            int eligible = (int) Math.max(1, Math.min(pages, Math.floor(f * pages + 0.5)));
            // Half go to recent pages (new uploads draw comments), half to any page older than that.
            int pageId = r.nextBoolean() ? eligible - r.nextInt(Math.max(1, eligible / 50)) : 1 + r.nextInt(eligible);
            long created = onArtist ? artistCreated.applyAsLong(pageId) : groupCreated.applyAsLong(pageId);
            time = Math.min(SITE_END, Math.max(time, created + 60));
            int author = user(r);
            boolean edited = r.nextInt(100) < 5;
            sink.row("comments", new Object[] {
                commentId, onArtist ? "artist" : "torrents", pageId, author, datetime(time),
                onArtist ? artistComment(r) : groupComment(r),
                edited ? (r.nextInt(100) < 85 ? author : 1 + r.nextInt(Math.min(users, 5))) : null,
                edited ? datetime(Math.min(SITE_END, time + 60 + r.nextLong(86_400L))) : null,
            });
        }
    }

    private static String groupComment(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Words.pick(r, List.of("Thanks for the upload!", "Great [b]rip[/b], thanks!", "Classic.",
                    "Been looking for this for ages.", "Thanks!"));
            case 1 -> "Does anyone have the " + Words.pick(r, List.of("vinyl rip", "FLAC", "24bit version",
                    "original pressing", "cassette")) + " of this?";
            case 2 -> "Spectrals look fine: [hide][img]" + Words.imageUrl(r) + "[/img][/hide]";
            case 3 -> "[quote=" + quotedName(r) + "]" + Words.sentence(r) + "[/quote]\n" + Words.sentence(r);
            case 4 -> "Track " + (1 + r.nextInt(14)) + " is " + Words.pick(r, List.of("incredible", "skippable",
                    "the highlight", "mislabelled in the log")) + ". " + Words.sentence(r);
            default -> Words.paragraph(r, 1 + r.nextInt(3));
        };
    }

    private static String artistComment(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> "Saw them live in " + Words.pick(r, Words.PLACES) + ", " + Words.sentence(r).toLowerCase(Locale.ROOT);
            case 1 -> "Start with [i]" + Words.title(r) + "[/i]. " + Words.sentence(r);
            case 2 -> "Anyone know if they're working on a new record?";
            default -> Words.paragraph(r, 1 + r.nextInt(2));
        };
    }

    // ---------------------------------------------------------------------------------------------
    // shared draws

    /** Posters are skewed towards a core of regulars, less so than uploaders. */
    private int user(SplittableRandom r) {
        return 1 + Math.min(users - 1, (int) (users * Math.pow(r.nextDouble(), 2)));
    }

    private SplittableRandom rng(long salt, long id) {
        return new SplittableRandom(GazelleDataGenerator.mix64(
                GazelleDataGenerator.mix64(seed + salt * 0x9E3779B97F4A7C15L) ^ id));
    }
}
