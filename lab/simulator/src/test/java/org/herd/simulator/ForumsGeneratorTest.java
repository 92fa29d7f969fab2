package org.herd.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forums and comments as the generator makes them, checked in memory at scale 0.001. */
class ForumsGeneratorTest {

    private static GazelleDataGenerator generator;
    private static Generated data;

    @BeforeAll
    static void generate() {
        generator = new GazelleDataGenerator(new GeneratorSettings(42, 0.001));
        data = Generated.of(generator);
    }

    @Test
    void countsFollowTheScale() {
        GeneratedCounts planned = generator.plannedCounts();
        assertThat(planned.of("forums_categories")).isEqualTo(6);
        assertThat(planned.of("forums")).isEqualTo(16);
        assertThat(planned.of("forums_topics")).isEqualTo(400);
        assertThat(planned.of("forums_posts")).isEqualTo(10_000);
        assertThat(planned.of("comments")).isEqualTo(2_000);
        // What.cd size at scale 1, planned without generating it.
        ForumsGenerator full = new ForumsGenerator(1, 1, 100_000, 1_000_000, 400_000, id -> 0, id -> 0);
        assertThat(full.plannedCounts()).containsEntry("forums_posts", 10_000_000L)
                .containsEntry("forums_topics", 400_000L).containsEntry("comments", 2_000_000L);
        assertThat(full.plannedCounts().keySet()).containsExactlyElementsOf(ForumsGenerator.TABLES);
        assertThat(GazelleDataGenerator.TABLES).containsSubsequence(ForumsGenerator.TABLES);
    }

    @Test
    void twoForumsAreStaffForumsAndGetTopics() {
        List<Object[]> forums = data.table("forums");
        Set<Integer> staff = forums.stream().filter(f -> data.integer("forums", f, "MinClassRead") > ForumsGenerator.USER_CLASS)
                .map(f -> data.integer("forums", f, "ID")).collect(Collectors.toSet());
        assertThat(staff).hasSize(2);
        assertThat(forums).allSatisfy(f -> assertThat(data.integer("forums", f, "MinClassRead"))
                .isIn(ForumsGenerator.USER_CLASS, ForumsGenerator.MODERATOR_CLASS, ForumsGenerator.SYSOP_CLASS));
        long staffTopics = data.table("forums_topics").stream()
                .filter(t -> staff.contains(data.integer("forums_topics", t, "ForumID"))).count();
        assertThat(staffTopics).isPositive().isLessThan(400 / 10);
        Set<Object> categories = data.table("forums_categories").stream()
                .map(c -> data.value("forums_categories", c, "ID")).collect(Collectors.toSet());
        assertThat(forums).allSatisfy(f -> assertThat(categories).contains(data.value("forums", f, "CategoryID")));
    }

    @Test
    void topicAndForumCountersAndLastPostsAgreeWithThePosts() {
        Map<Integer, Integer> count = new HashMap<>();
        Map<Integer, Object[]> last = new HashMap<>();
        Map<Integer, Object[]> first = new HashMap<>();
        for (Object[] p : data.table("forums_posts")) {
            int topic = data.integer("forums_posts", p, "TopicID");
            count.merge(topic, 1, Integer::sum);
            last.merge(topic, p, (a, b) -> data.integer("forums_posts", a, "ID") > data.integer("forums_posts", b, "ID") ? a : b);
            first.merge(topic, p, (a, b) -> data.integer("forums_posts", a, "ID") < data.integer("forums_posts", b, "ID") ? a : b);
        }
        Map<Integer, int[]> forumCounts = new HashMap<>();
        for (Object[] t : data.table("forums_topics")) {
            int id = data.integer("forums_topics", t, "ID");
            Object[] lastPost = last.get(id);
            assertThat(data.integer("forums_topics", t, "NumPosts")).isEqualTo(count.get(id));
            assertThat(data.value("forums_topics", t, "LastPostID")).isEqualTo(data.value("forums_posts", lastPost, "ID"));
            assertThat(data.value("forums_topics", t, "LastPostAuthorID")).isEqualTo(data.value("forums_posts", lastPost, "AuthorID"));
            assertThat(data.value("forums_topics", t, "LastPostTime")).isEqualTo(data.value("forums_posts", lastPost, "AddedTime"));
            assertThat(data.value("forums_topics", t, "AuthorID")).isEqualTo(data.value("forums_posts", first.get(id), "AuthorID"));
            int sticky = data.integer("forums_topics", t, "StickyPostID");
            assertThat(sticky == 0 || sticky == data.integer("forums_posts", first.get(id), "ID")).isTrue();
            int[] fc = forumCounts.computeIfAbsent(data.integer("forums_topics", t, "ForumID"), f -> new int[2]);
            fc[0]++;
            fc[1] += count.get(id);
        }
        for (Object[] f : data.table("forums")) {
            int[] fc = forumCounts.getOrDefault(data.integer("forums", f, "ID"), new int[2]);
            assertThat(data.integer("forums", f, "NumTopics")).isEqualTo(fc[0]);
            assertThat(data.integer("forums", f, "NumPosts")).isEqualTo(fc[1]);
            if (fc[0] > 0) {
                Object[] lastTopic = data.table("forums_topics").get(data.integer("forums", f, "LastPostTopicID") - 1);
                assertThat(data.value("forums_topics", lastTopic, "LastPostID")).isEqualTo(data.value("forums", f, "LastPostID"));
                assertThat(data.value("forums_topics", lastTopic, "LastPostTime")).isEqualTo(data.value("forums", f, "LastPostTime"));
            }
        }
        // A few threads run long.
        int longest = count.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(longest).isGreaterThan(10 * 10_000 / 400);
    }

    @Test
    void postsAndCommentsLookLikeForumText() {
        List<Object[]> posts = data.table("forums_posts");
        for (Object[] p : posts) {
            assertThat(data.integer("forums_posts", p, "AuthorID")).isBetween(1, 100);
            assertThat(data.string("forums_posts", p, "Body")).isNotBlank();
            assertThat(data.value("forums_posts", p, "EditedUserID") == null)
                    .isEqualTo(data.value("forums_posts", p, "EditedTime") == null);
        }
        assertThat(posts.stream().filter(p -> data.string("forums_posts", p, "Body").contains("[quote=")).count()).isPositive();
        assertThat(posts.stream().filter(p -> data.value("forums_posts", p, "EditedTime") != null).count() / 10_000.0)
                .isBetween(0.04, 0.12);
        for (Object[] c : data.table("comments")) {
            String page = data.string("comments", c, "Page");
            assertThat(page).isIn("torrents", "artist");
            assertThat(data.integer("comments", c, "PageID")).isBetween(1, page.equals("artist") ? 400 : 1000);
            assertThat(data.string("comments", c, "Body")).isNotBlank();
            assertThat(data.string("comments", c, "AddedTime")).isNotEqualTo(GazelleDataGenerator.ZERO_DATE);
        }
        long onArtists = data.table("comments").stream().filter(c -> data.string("comments", c, "Page").equals("artist")).count();
        assertThat(onArtists / 2000.0).isBetween(0.08, 0.25);
        assertThat(data.table("forums_topics").stream()
                .filter(t -> data.string("forums_topics", t, "CreatedTime").equals(GazelleDataGenerator.ZERO_DATE)).count())
                .as("topics with a zero CreatedTime").isLessThan(20);
    }
}
