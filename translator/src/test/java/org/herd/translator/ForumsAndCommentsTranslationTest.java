package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.mapping.CommentsMapping;
import org.herd.translator.wire.WireFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forums, topics, posts and comments: row filters through the origin lookup, cascades and authors. */
class ForumsAndCommentsTranslationTest {

    /** What the sidecar passes for rows read again because their parent was hidden or shown. */
    private static final Cascade SHOWN_OR_HIDDEN = new Cascade("any", Map.of("ID", 1L));

    private static final byte[] KEY = "an origin secret of thirty-two+ bytes".getBytes(StandardCharsets.UTF_8);
    private static final SourcePosition LATER = new SourcePosition("mysql-bin.000003", 5000, 1, 0, false,
            1_700_000_100_000L);
    private static final int PUBLIC_FORUM = 1;
    private static final int STAFF_FORUM = 2;
    private static final int AUTHOR = 4242;
    private static final int EDITOR = 9_876_543;

    private final Translator translator = translator(UserReferences.pseudonymous(KEY));
    private Origin origin;

    private static Translator translator(UserReferences users) {
        return new Translator(new TranslatorSettings("site", GazelleVariant.WHATCD, users, false));
    }

    @BeforeEach
    void origin() {
        origin = new Origin();
        origin.put("forums", forum(PUBLIC_FORUM, 100));
        origin.put("forums", forum(STAFF_FORUM, 800));
        origin.put("forums_topics", topic(10, PUBLIC_FORUM));
        origin.put("forums_topics", topic(20, STAFF_FORUM));
    }

    // ---------------------------------------------------------------------------------------------
    // Forums, topics, posts

    @Test
    void aPublicForumItsTopicsAndPostsArePublished() {
        NeutralRecord forum = only(translator.translate(RowChange.read("forums", forum(PUBLIC_FORUM, 100), POS), origin));
        assertThat(forum.entity()).isEqualTo("forum");
        assertThat(forum.key()).containsExactly(Map.entry("forum_id", 1L));
        assertThat(forum.payload()).containsEntry("forum_category_id", 5L).containsEntry("sort", 30L)
                .containsEntry("name", "Forum 1").containsEntry("description", null).hasSize(4);

        NeutralRecord topic = only(translator.translate(RowChange.insert("forums_topics", topic(10, PUBLIC_FORUM), POS),
                origin));
        assertThat(topic.entity()).isEqualTo("forum_topic");
        assertThat(topic.payload())
                .containsEntry("forum_id", 1L)
                .containsEntry("title", "Vinyl rips: which cartridge?")
                .containsEntry("locked", false)
                .containsEntry("sticky", true)
                .containsEntry("sticky_post_id", null)
                .containsEntry("sticky_rank", 2L)
                .containsEntry("created_at", null);

        NeutralRecord post = only(translator.translate(RowChange.insert("forums_posts", post(100, 10), POS), origin));
        assertThat(post.entity()).isEqualTo("forum_post");
        assertThat(post.key()).containsExactly(Map.entry("forum_post_id", 100L));
        assertThat(post.payload())
                .containsEntry("forum_topic_id", 10L)
                .containsEntry("body", "[quote=someone]Which one?[/quote]\nThe [b]2M Red[/b], easily.")
                .containsEntry("added_at", LocalDateTime.of(2015, 3, 4, 5, 6, 7))
                .containsEntry("edited_at", LocalDateTime.of(2015, 3, 4, 6, 0, 0));
        assertThat(post.payload().keySet()).doesNotContain("edited_by", "edited_user_id");
    }

    @Test
    void aStaffForumItsTopicsAndPostsNeverLeave() {
        assertThat(translator.translate(RowChange.read("forums", forum(STAFF_FORUM, 800), POS), origin).records())
                .isEmpty();
        assertThat(translator.translate(RowChange.insert("forums_topics", topic(20, STAFF_FORUM), POS), origin)
                .records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("forums_posts", post(200, 20), POS), origin).records())
                .isEmpty();
        // Their deletion is retracted by key alone: whether a mirror holds the row can no longer be
        // told (see aPostDeletedAfterItsTopicIsRetractedByKey), and no content goes with it.
        assertThat(translator.translate(RowChange.delete("forums_posts", post(200, 20), POS), origin).records())
                .singleElement().satisfies(r -> {
                    assertThat(r.op()).isEqualTo(Operation.DELETE);
                    assertThat(r.payload()).isEmpty();
                });
        // One class above the lowest is already too high: Power Users' forums stay home too.
        assertThat(translator.translate(RowChange.read("forums", forum(3, 101), POS), origin).records()).isEmpty();
    }

    @Test
    void aForumBelowTheLowestClassIsReadableByEveryone() {
        // MinClassRead defaults to 0; Gazelle compares MinClassRead <= Class, so every user reads it.
        assertThat(translator.translate(RowChange.read("forums", forum(4, 0), POS), origin).records()).hasSize(1);
    }

    @Test
    void aMissingParentMeansNotPublished() {
        assertThat(translator.translate(RowChange.insert("forums_topics", topic(30, 99), POS), origin).records())
                .isEmpty();
        assertThat(translator.translate(RowChange.insert("forums_posts", post(300, 999), POS), origin).records())
                .isEmpty();
    }

    @Test
    void aPostDeletedAfterItsTopicIsRetractedByKey() {
        // Gazelle deletes a topic with its posts; the database no longer has the topic when the
        // posts' deletes are translated, so whether they were public cannot be told any more.
        // A topic moved into a staff forum and then a post deleted, translated late, is the same:
        // the cascade that retracted the topic's posts read them after this one was gone.
        assertThat(translator.translate(RowChange.delete("forums_posts", post(300, 999), POS), origin).records())
                .singleElement().satisfies(r -> {
                    assertThat(r.op()).isEqualTo(Operation.DELETE);
                    assertThat(r.key()).containsExactly(Map.entry("forum_post_id", 300L));
                    assertThat(r.payload()).isEmpty();
                });
    }

    @Test
    void aTopicMovedBetweenTwoStaffForumsIsRetractedAgainWithItsPosts() {
        // Translated late: the first forum became a staff forum before the move, and its cascade
        // read the database after the topic had left it, so the topic may still be in mirrors.
        origin.put("forums", forum(9, 800));
        Translation t = translator.translate(RowChange.update("forums_topics", topic(10, STAFF_FORUM),
                topic(10, 9), LATER), origin);

        assertThat(t.records()).singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.DELETE);
        assertThat(t.cascades()).containsExactly(new Cascade("forums_posts", Map.of("TopicID", 10L)));
    }

    @Test
    void aTopicMovedIntoAStaffForumIsRetractedWithItsPosts() {
        Map<String, Object> before = topic(10, PUBLIC_FORUM);
        Map<String, Object> after = topic(10, STAFF_FORUM);
        origin.put("forums_topics", after);

        Translation t = translator.translate(RowChange.update("forums_topics", before, after, LATER), origin);

        assertThat(t.records()).singleElement().satisfies(r -> {
            assertThat(r.op()).isEqualTo(Operation.DELETE);
            assertThat(r.entity()).isEqualTo("forum_topic");
            assertThat(r.key()).containsExactly(Map.entry("forum_topic_id", 10L));
            assertThat(r.position()).isEqualTo(LATER);
        });
        assertThat(t.cascades()).containsExactly(new Cascade("forums_posts", Map.of("TopicID", 10L)));

        // The sidecar reads the topic's posts again; each is now retracted.
        Translation post = translator.translateCascaded(RowChange.read("forums_posts", post(100, 10), LATER), SHOWN_OR_HIDDEN, origin);
        assertThat(post.records()).singleElement().satisfies(r -> {
            assertThat(r.op()).isEqualTo(Operation.DELETE);
            assertThat(r.key()).containsExactly(Map.entry("forum_post_id", 100L));
        });
        assertThat(post.cascades()).isEmpty();
    }

    @Test
    void aTopicMovedOutOfAStaffForumIsPublishedWithItsPosts() {
        Map<String, Object> before = topic(20, STAFF_FORUM);
        Map<String, Object> after = topic(20, PUBLIC_FORUM);
        origin.put("forums_topics", after);

        Translation t = translator.translate(RowChange.update("forums_topics", before, after, LATER), origin);

        assertThat(t.records()).singleElement().satisfies(r -> {
            assertThat(r.op()).isEqualTo(Operation.UPSERT);
            assertThat(r.payload()).containsEntry("forum_id", 1L);
        });
        assertThat(t.cascades()).containsExactly(new Cascade("forums_posts", Map.of("TopicID", 20L)));
        assertThat(only(translator.translateCascaded(RowChange.read("forums_posts", post(200, 20), LATER), SHOWN_OR_HIDDEN, origin))
                .op()).isEqualTo(Operation.UPSERT);
    }

    @Test
    void aForumThatBecomesAStaffForumCascadesToItsTopicsAndThroughThemToTheirPosts() {
        Map<String, Object> before = forum(PUBLIC_FORUM, 100);
        Map<String, Object> after = forum(PUBLIC_FORUM, 800);
        origin.put("forums", after);

        Translation forum = translator.translate(RowChange.update("forums", before, after, LATER), origin);
        assertThat(forum.records()).extracting(NeutralRecord::op).containsExactly(Operation.DELETE);
        assertThat(forum.cascades()).containsExactly(new Cascade("forums_topics", Map.of("ForumID", 1L)));

        Translation topic = translator.translateCascaded(RowChange.read("forums_topics", topic(10, PUBLIC_FORUM),
                LATER), SHOWN_OR_HIDDEN, origin);
        assertThat(topic.records()).extracting(NeutralRecord::op).containsExactly(Operation.DELETE);
        assertThat(topic.cascades()).containsExactly(new Cascade("forums_posts", Map.of("TopicID", 10L)));

        Translation post = translator.translateCascaded(RowChange.read("forums_posts", post(100, 10), LATER), SHOWN_OR_HIDDEN, origin);
        assertThat(post.records()).extracting(NeutralRecord::op).containsExactly(Operation.DELETE);
    }

    @Test
    void countersAndLastPostCopiesAreNotPublishedSoANewPostTouchesOnlyThePost() {
        Map<String, Object> forumBefore = forum(PUBLIC_FORUM, 100);
        Map<String, Object> forumAfter = new HashMap<>(forumBefore);
        forumAfter.put("NumPosts", 1235);
        forumAfter.put("LastPostID", 101);
        forumAfter.put("LastPostAuthorID", EDITOR);
        forumAfter.put("LastPostTime", LocalDateTime.of(2016, 1, 1, 0, 0));
        assertThat(translator.translate(RowChange.update("forums", forumBefore, forumAfter, LATER), origin))
                .isEqualTo(Translation.NOTHING);

        Map<String, Object> topicBefore = topic(10, PUBLIC_FORUM);
        Map<String, Object> topicAfter = new HashMap<>(topicBefore);
        topicAfter.put("NumPosts", 2);
        topicAfter.put("LastPostID", 101);
        topicAfter.put("LastPostAuthorID", EDITOR);
        assertThat(translator.translate(RowChange.update("forums_topics", topicBefore, topicAfter, LATER), origin))
                .isEqualTo(Translation.NOTHING);
    }

    // ---------------------------------------------------------------------------------------------
    // Authors

    @Test
    void authorsAreWhatTheUserPolicyAllowsAndEditorsNeverLeave() {
        String pseudonym = UserReferences.pseudonymous(KEY).reference("site", AUTHOR);
        Map<UserReferences, String> expected = new LinkedHashMap<>();
        expected.put(UserReferences.pseudonymous(KEY), pseudonym);
        expected.put(UserReferences.none(), null);
        expected.put(UserReferences.publicIds(), "4242");

        expected.forEach((users, author) -> {
            Translator t = translator(users);
            List<NeutralRecord> records = List.of(
                    only(t.translate(RowChange.insert("forums_topics", topic(10, PUBLIC_FORUM), POS), origin)),
                    only(t.translate(RowChange.insert("forums_posts", post(100, 10), POS), origin)),
                    only(t.translate(RowChange.insert("comments", comment(7, "torrents", 77), POS), origin)));
            for (NeutralRecord r : records) {
                assertThat(r.payload()).as("%s under %s", r.entity(), users).containsEntry("author", author);
                String wire = new String(WireFormat.encode(r), StandardCharsets.UTF_8);
                assertThat(wire).as("%s under %s", r.entity(), users).doesNotContain(String.valueOf(EDITOR));
                if (users.policy() != UserPolicy.PUBLIC) {
                    assertThat(wire).as("%s under %s", r.entity(), users).doesNotContain(String.valueOf(AUTHOR));
                }
            }
        });
        assertThat(pseudonym).hasSize(26).doesNotContain("4242");
    }

    // ---------------------------------------------------------------------------------------------
    // Comments

    @Test
    void commentsOnReleaseGroupsAndArtistsNeedNoLookup() {
        NeutralRecord onGroup = only(translator.translate(RowChange.insert("comments", comment(7, "torrents", 77), POS),
                OriginLookup.NONE));
        assertThat(onGroup.entity()).isEqualTo("comment");
        assertThat(onGroup.key()).containsExactly(Map.entry("comment_id", 7L));
        assertThat(onGroup.payload())
                .containsEntry("page", "release_group")
                .containsEntry("page_id", 77L)
                .containsEntry("body", "Great [b]rip[/b], thanks!")
                .containsEntry("added_at", LocalDateTime.of(2012, 6, 7, 8, 9, 10))
                .containsEntry("edited_at", null);
        assertThat(only(translator.translate(RowChange.insert("comments", comment(8, "artist", 9), POS),
                OriginLookup.NONE)).payload()).containsEntry("page", "artist").containsEntry("page_id", 9L);
    }

    @Test
    void commentsOnACollageFollowTheCollagesDeletedFlag() {
        origin.put("collages", Map.of("ID", 5, "Deleted", "0", "CategoryID", 1));
        origin.put("collages", Map.of("ID", 6, "Deleted", "1", "CategoryID", 1));

        assertThat(only(translator.translate(RowChange.insert("comments", comment(1, "collages", 5), POS), origin))
                .payload()).containsEntry("page", "collage").containsEntry("page_id", 5L);
        assertThat(translator.translate(RowChange.insert("comments", comment(2, "collages", 6), POS), origin)
                .records()).isEmpty();
        // A collage the origin does not have (or a catalogue that cannot read collages yet): not published.
        assertThat(translator.translate(RowChange.insert("comments", comment(3, "collages", 404), POS), origin)
                .records()).isEmpty();
        // A deleted collage: its comments are retracted when the collage mapping cascades to them.
        origin.put("collages", Map.of("ID", 5, "Deleted", "1", "CategoryID", 1));
        assertThat(only(translator.translateCascaded(RowChange.read("comments", comment(1, "collages", 5), LATER), SHOWN_OR_HIDDEN, origin)).op()).isEqualTo(Operation.DELETE);
    }

    @Test
    void commentsOnARequestFollowTheRequestsVisibleFlagInEveryFormBinaryOneArrives() {
        origin.put("requests", Map.of("ID", 1, "Visible", new byte[] {'1'}));
        origin.put("requests", Map.of("ID", 2, "Visible", new byte[] {'0'}));
        origin.put("requests", Map.of("ID", 3, "Visible", "1"));
        origin.put("requests", Map.of("ID", 4, "Visible", new byte[] {1}));
        origin.put("requests", Map.of("ID", 5, "Visible", "0"));

        for (int request : new int[] {1, 3, 4}) {
            assertThat(translator.translate(RowChange.insert("comments", comment(request, "requests", request), POS),
                    origin).records()).as("request %d", request).singleElement()
                    .satisfies(r -> assertThat(r.payload()).containsEntry("page", "request"));
        }
        for (int request : new int[] {2, 5, 404}) {
            assertThat(translator.translate(RowChange.insert("comments", comment(request, "requests", request), POS),
                    origin).records()).as("request %d", request).isEmpty();
        }
    }

    @Test
    void onPageNamesTheCommentsOfOnePageForTheCollageAndRequestMappings() {
        assertThat(CommentsMapping.onPage("collages", 5))
                .isEqualTo(new Cascade("comments", Map.of("Page", "collages", "PageID", 5L)));
        assertThatThrownBy(() -> CommentsMapping.onPage("forums", 5)).hasMessageContaining("forums");
    }

    // ---------------------------------------------------------------------------------------------
    // Categories

    @Test
    void everyCategoryIsPublishedEvenOneHoldingOnlyStaffForums() {
        Map<String, Object> staff = new HashMap<>(Map.of("ID", 30, "Name", "Staff", "Sort", 30));
        NeutralRecord r = only(translator.translate(RowChange.read("forums_categories", staff, POS), OriginLookup.NONE));
        assertThat(r.entity()).isEqualTo("forum_category");
        assertThat(r.key()).containsExactly(Map.entry("forum_category_id", 30L));
        assertThat(r.payload()).containsExactly(Map.entry("name", "Staff"), Map.entry("sort", 30L));
    }

    // ---------------------------------------------------------------------------------------------
    // Bad values

    @Test
    void anUnknownCommentPageIsAnErrorNamingTableKeyColumnAndValue() {
        assertThatThrownBy(() -> translator.translate(RowChange.insert("comments", comment(7, "forums", 1), POS), origin))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("comments")
                .hasMessageContaining("ID=7")
                .hasMessageContaining("column Page")
                .hasMessageContaining("'forums'")
                .hasMessageContaining("mysql-bin.000003:4711");
    }

    @Test
    void aBadMinClassReadIsAnErrorThatDoesNotQuoteTheRowFilterValue() {
        Map<String, Object> forum = forum(PUBLIC_FORUM, 100);
        forum.put("MinClassRead", "staff-only-canary");
        assertThatThrownBy(() -> translator.translate(RowChange.read("forums", forum, POS), origin))
                .isInstanceOf(TranslationException.class)
                .satisfies(e -> assertThat(((TranslationException) e).table()).isEqualTo("forums"))
                .satisfies(e -> assertThat(((TranslationException) e).column()).isEqualTo("MinClassRead"))
                .hasMessageContaining("ID=1")
                .message().doesNotContain("staff-only-canary");

        // The same value met through a lookup fails the row being translated, naming its own column.
        origin.put("forums", forum);
        assertThatThrownBy(() -> translator.translate(RowChange.insert("forums_posts", post(100, 10), POS), origin))
                .isInstanceOf(TranslationException.class)
                .satisfies(e -> assertThat(((TranslationException) e).table()).isEqualTo("forums_posts"))
                .satisfies(e -> assertThat(((TranslationException) e).column()).isEqualTo("TopicID"))
                .hasMessageContaining("ID=100")
                .hasMessageContaining("forums {ID=1}")
                .message().doesNotContain("staff-only-canary");
    }

    @Test
    void aBadRequestVisibleFlagIsAnErrorThatDoesNotQuoteIt() {
        origin.put("requests", Map.of("ID", 1, "Visible", new byte[] {'x'}));
        assertThatThrownBy(() -> translator.translate(RowChange.insert("comments", comment(7, "requests", 1), POS), origin))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("comments")
                .hasMessageContaining("ID=7")
                .hasMessageContaining("column PageID")
                .hasMessageContaining("requests {ID=1}");
    }

    @Test
    void aMissingForumIdOrABadFlagIsAnErrorNamingTheColumn() {
        Map<String, Object> topic = topic(10, PUBLIC_FORUM);
        topic.put("ForumID", null);
        assertThatThrownBy(() -> translator.translate(RowChange.insert("forums_topics", topic, POS), origin))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("forums_topics")
                .hasMessageContaining("ID=10")
                .hasMessageContaining("column ForumID");

        Map<String, Object> locked = topic(10, PUBLIC_FORUM);
        locked.put("IsLocked", "yes");
        assertThatThrownBy(() -> translator.translate(RowChange.insert("forums_topics", locked, POS), origin))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("column IsLocked")
                .hasMessageContaining("'yes'");
    }

    // ---------------------------------------------------------------------------------------------
    // Rows as the capture layer hands them over

    private static NeutralRecord only(Translation t) {
        assertThat(t.records()).hasSize(1);
        return t.records().get(0);
    }

    private static Map<String, Object> forum(int id, int minClassRead) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("CategoryID", 5);
        r.put("Sort", 30);
        r.put("Name", "Forum " + id);
        r.put("Description", "");
        r.put("MinClassRead", minClassRead);
        r.put("MinClassWrite", minClassRead);
        r.put("MinClassCreate", minClassRead);
        r.put("NumTopics", 12);
        r.put("NumPosts", 1234);
        r.put("LastPostID", 100);
        r.put("LastPostAuthorID", AUTHOR);
        r.put("LastPostTopicID", 10);
        r.put("LastPostTime", LocalDateTime.of(2015, 3, 4, 5, 6, 7));
        r.put("AutoLock", "1");
        r.put("AutoLockWeeks", 4);
        return r;
    }

    private static Map<String, Object> topic(int id, int forumId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("Title", "Vinyl rips: which cartridge?");
        r.put("AuthorID", AUTHOR);
        r.put("IsLocked", "0");
        r.put("IsSticky", "1");
        r.put("ForumID", forumId);
        r.put("NumPosts", 1);
        r.put("LastPostID", 100);
        r.put("LastPostTime", LocalDateTime.of(2015, 3, 4, 5, 6, 7));
        r.put("LastPostAuthorID", AUTHOR);
        r.put("StickyPostID", 0);
        r.put("Ranking", 2);
        // Debezium's stand-in for a NOT NULL zero date.
        r.put("CreatedTime", LocalDateTime.of(1970, 1, 1, 0, 0));
        return r;
    }

    private static Map<String, Object> post(int id, int topicId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("TopicID", topicId);
        r.put("AuthorID", AUTHOR);
        r.put("AddedTime", LocalDateTime.of(2015, 3, 4, 5, 6, 7));
        r.put("Body", "[quote=someone]Which one?[/quote]\nThe [b]2M Red[/b], easily.");
        r.put("EditedUserID", EDITOR);
        r.put("EditedTime", LocalDateTime.of(2015, 3, 4, 6, 0, 0));
        return r;
    }

    private static Map<String, Object> comment(int id, String page, int pageId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("Page", page);
        r.put("PageID", pageId);
        r.put("AuthorID", AUTHOR);
        r.put("AddedTime", "2012-06-07 08:09:10");
        r.put("Body", "Great [b]rip[/b], thanks!");
        r.put("EditedUserID", EDITOR);
        r.put("EditedTime", null);
        return r;
    }

    /** The origin's rows by table and primary key, as the sidecar's lookup would answer. */
    private static final class Origin implements OriginLookup {

        private final Map<String, Map<Map<String, Object>, Map<String, Object>>> tables = new HashMap<>();

        void put(String table, Map<String, Object> row) {
            tables.computeIfAbsent(table, t -> new HashMap<>()).put(key(Map.of("ID", row.get("ID"))), row);
        }

        @Override
        public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
            return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(key(key)));
        }

        @Override
        public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
            throw new AssertionError("forums and comments need no aggregate, asked for " + table);
        }

        /** Keys compare by value, whatever integer type carries them. */
        private static Map<String, Object> key(Map<String, Object> key) {
            Map<String, Object> k = new HashMap<>();
            key.forEach((c, v) -> k.put(c, v instanceof Number n ? (Object) n.longValue() : v));
            return k;
        }
    }
}
