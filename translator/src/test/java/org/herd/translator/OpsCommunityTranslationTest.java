package org.herd.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.GazelleRows.POS;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.mapping.Mappings;
import org.herd.translator.mapping.TableMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OPS's forums, comments, collages and requests, in the shapes OPS's tables have: the same neutral
 * entities as WhatCD's, with staff forums, deleted collages and hidden requests kept home.
 */
class OpsCommunityTranslationTest {

    private static final byte[] KEY = "an origin secret of thirty-two+ bytes".getBytes(StandardCharsets.UTF_8);
    private static final int PUBLIC_FORUM = 7;
    private static final int STAFF_FORUM = 5;
    private static final long AUTHOR = 55012;
    private static final long VISIBLE_REQUEST = 90210;
    private static final long HIDDEN_REQUEST = 90211;

    private final UserReferences users = UserReferences.pseudonymous(KEY);
    private final Translator translator = new Translator(new TranslatorSettings("ops", GazelleVariant.OPS, users,
            false));
    private final OriginRows origin = new OriginRows(GazelleVariant.OPS);

    @BeforeEach
    void origin() {
        origin.put("forums", forum(PUBLIC_FORUM, 100))
                .put("forums", forum(STAFF_FORUM, 800))
                .put("forums_topics", topic(1201, PUBLIC_FORUM))
                .put("forums_topics", topic(1202, STAFF_FORUM))
                .put("collages", collage(31, "0"))
                .put("collages", collage(32, "1"))
                .put("requests", request(VISIBLE_REQUEST, '1'))
                .put("requests", request(HIDDEN_REQUEST, '0'))
                .put("requests_votes", vote(1, VISIBLE_REQUEST, 104_857_600L))
                .put("requests_votes", vote(2, VISIBLE_REQUEST, 1_073_741_824L))
                .put("requests_votes", vote(3, HIDDEN_REQUEST, 52_428_800L));
    }

    @Test
    void opsMapsEveryCommunityTableItsCatalogueClassifies() {
        List<String> mapped = Mappings.of(GazelleVariant.OPS).stream().map(TableMapping::table).toList();
        assertThat(mapped).contains("forums_categories", "forums", "forums_topics", "forums_posts", "comments",
                "collages", "collages_torrents", "collages_artists", "requests", "requests_artists", "requests_tags",
                "requests_votes");
        GazelleCatalogue ops = GazelleCatalogue.of(GazelleVariant.OPS);
        assertThat(mapped).allSatisfy(table -> assertThat(ops.table(table)).as(table).isPresent());
    }

    // ---------------------------------------------------------------------------------------------
    // Forums

    @Test
    void aForumEveryUserReadsLeavesWithItsTopicsAndPosts() {
        NeutralRecord category = only(translator.translate(RowChange.read("forums_categories",
                row("ID", 1, "Name", "Site", "Sort", 1), POS), origin));
        assertThat(category.entity()).isEqualTo("forum_category");
        assertThat(category.payload()).containsEntry("name", "Site").containsEntry("sort", 1L);

        NeutralRecord forum = only(translator.translate(RowChange.read("forums", forum(PUBLIC_FORUM, 100), POS),
                origin));
        assertThat(forum.entity()).isEqualTo("forum");
        assertThat(forum.key()).containsExactly(Map.entry("forum_id", 7L));
        assertThat(forum.payload()).containsEntry("forum_category_id", 1L).containsEntry("name", "The Lounge")
                .containsEntry("description", "Chat, off topic").hasSize(4);

        NeutralRecord topic = only(translator.translate(RowChange.insert("forums_topics", topic(1201, PUBLIC_FORUM),
                POS), origin));
        assertThat(topic.payload()).containsEntry("forum_id", 7L).containsEntry("title", "Now playing 🎶")
                .containsEntry("author", users.reference("ops", AUTHOR))
                .containsEntry("created_at", LocalDateTime.of(2023, 5, 6, 7, 8, 9))
                .containsEntry("sticky_post_id", null);

        NeutralRecord post = only(translator.translate(RowChange.insert("forums_posts", post(88001, 1201), POS),
                origin));
        assertThat(post.entity()).isEqualTo("forum_post");
        assertThat(post.payload()).containsEntry("forum_topic_id", 1201L)
                .containsEntry("body", "[artist]Bicep[/artist] on repeat 🎧")
                .containsEntry("edited_at", null);
        assertThat(post.payload().toString()).doesNotContain("31337");
    }

    @Test
    void opsStaffForumsTheirTopicsAndPostsNeverLeave() {
        assertThat(translator.translate(RowChange.read("forums", forum(STAFF_FORUM, 800), POS), origin).records())
                .isEmpty();
        assertThat(translator.translate(RowChange.insert("forums_topics", topic(1202, STAFF_FORUM), POS), origin)
                .records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("forums_posts", post(88002, 1202), POS), origin).records())
                .isEmpty();
        // Member (150) is the class above OPS's lowest, User (100): its forums stay home as well.
        assertThat(translator.translate(RowChange.read("forums", forum(9, 150), POS), origin).records()).isEmpty();
        assertThat(translator.translate(RowChange.read("forums", forum(9, 101), POS), origin).records()).isEmpty();
    }

    @Test
    void aForumBecomingAStaffForumRetractsItAndReadsItsTopicsAgain() {
        Translation t = translator.translate(RowChange.update("forums", forum(PUBLIC_FORUM, 100),
                forum(PUBLIC_FORUM, 800), POS), origin);
        assertThat(t.records()).singleElement().extracting(NeutralRecord::op).isEqualTo(Operation.DELETE);
        assertThat(t.cascades()).containsExactly(new Cascade("forums_topics", Map.of("ForumID", 7L)));
    }

    // ---------------------------------------------------------------------------------------------
    // Comments

    @Test
    void commentsLeaveWhereTheirPageDoes() {
        NeutralRecord onArtist = only(translator.translate(RowChange.insert("comments",
                comment(501, "artist", 2604), POS), origin));
        assertThat(onArtist.entity()).isEqualTo("comment");
        assertThat(onArtist.payload()).containsEntry("page", "artist").containsEntry("page_id", 2604L)
                .containsEntry("author", users.reference("ops", AUTHOR))
                .containsEntry("body", "Their [b]fabric[/b] mix is 🔥");
        assertThat(onArtist.payload().toString()).doesNotContain("31337");

        assertThat(translator.translate(RowChange.insert("comments", comment(502, "requests", VISIBLE_REQUEST), POS),
                origin).records()).hasSize(1);
        assertThat(translator.translate(RowChange.insert("comments", comment(503, "requests", HIDDEN_REQUEST), POS),
                origin).records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("comments", comment(504, "collages", 31), POS), origin)
                .records()).hasSize(1);
        assertThat(translator.translate(RowChange.insert("comments", comment(505, "collages", 32), POS), origin)
                .records()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Collages

    @Test
    void aCollageAndItsEntriesLeaveUnlessDeleted() {
        NeutralRecord collage = only(translator.translate(RowChange.read("collages", collage(31, "0"), POS), origin));
        assertThat(collage.entity()).isEqualTo("collage");
        assertThat(collage.payload()).containsEntry("name", "Warp Records: the essentials")
                .containsEntry("category", "label").containsEntry("owner", users.reference("ops", AUTHOR))
                .containsEntry("max_entries", null).containsEntry("updated_at", LocalDateTime.of(2024, 2, 3, 4, 5, 6));

        NeutralRecord group = only(translator.translate(RowChange.insert("collages_torrents",
                entry("GroupID", 31, 1502117), POS), origin));
        assertThat(group.entity()).isEqualTo("collage_release_group");
        assertThat(group.key()).containsEntry("collage_id", 31L).containsEntry("release_group_id", 1502117L);
        assertThat(group.payload()).containsEntry("sort", 10L)
                .containsEntry("added_at", LocalDateTime.of(2024, 2, 3, 4, 5, 6));
        NeutralRecord artist = only(translator.translate(RowChange.insert("collages_artists",
                entry("ArtistID", 31, 2604), POS), origin));
        assertThat(artist.entity()).isEqualTo("collage_artist");
        assertThat(artist.key()).containsEntry("artist_id", 2604L);

        assertThat(translator.translate(RowChange.read("collages", collage(32, "1"), POS), origin).records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("collages_torrents", entry("GroupID", 32, 1502117), POS),
                origin).records()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Requests

    @Test
    void aVisibleOpsRequestLeavesWithItsVoteTotals() {
        Translation t = translator.translate(RowChange.insert("requests", request(VISIBLE_REQUEST, '1'), POS), origin);
        NeutralRecord request = only(t);
        assertThat(request.entity()).isEqualTo("request");
        assertThat(request.key()).containsExactly(Map.entry("request_id", VISIBLE_REQUEST));
        assertThat(request.payload())
                .containsEntry("requester", users.reference("ops", AUTHOR))
                .containsEntry("title", "Fabric Presents Bicep")
                .containsEntry("release_type", "dj_mix")
                .containsEntry("release_group_id", null)
                .containsEntry("filler", null)
                .containsEntry("filled_at", null)
                .containsEntry("vote_count", 2L)
                .containsEntry("bounty_total", 1_178_599_424L);
        assertThat(request.payload().keySet()).doesNotContain("checksum", "created", "updated");
    }

    @Test
    void aHiddenOpsRequestItsArtistsTagsAndVotesNeverLeave() {
        assertThat(translator.translate(RowChange.insert("requests", request(HIDDEN_REQUEST, '0'), POS), origin)
                .records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("requests_artists", requestArtist(HIDDEN_REQUEST, "1"), POS),
                origin).records()).isEmpty();
        assertThat(translator.translate(RowChange.insert("requests_tags", requestTag(HIDDEN_REQUEST), POS), origin)
                .records()).isEmpty();
        // A vote translates its request again, which is still hidden.
        Translation vote = translator.translate(RowChange.insert("requests_votes", vote(4, HIDDEN_REQUEST, 1L << 30),
                POS), origin);
        assertThat(vote.records()).isEmpty();
        assertThat(vote.cascades()).containsExactly(new Cascade("requests", Map.of("ID", HIDDEN_REQUEST), false));
    }

    @Test
    void anOpsRequestArtistNamesOnlyTheAlias() {
        NeutralRecord artist = only(translator.translate(RowChange.insert("requests_artists",
                requestArtist(VISIBLE_REQUEST, "8"), POS), origin));
        assertThat(artist.entity()).isEqualTo("request_artist");
        assertThat(artist.key()).containsEntry("request_id", VISIBLE_REQUEST).containsEntry("alias_id", 40112L);
        assertThat(artist.payload()).containsEntry("artist_id", null).containsEntry("role", "arranger").hasSize(2);

        NeutralRecord tag = only(translator.translate(RowChange.insert("requests_tags", requestTag(VISIBLE_REQUEST),
                POS), origin));
        assertThat(tag.key()).containsEntry("request_id", VISIBLE_REQUEST).containsEntry("tag_id", 77L);
    }

    @Test
    void anOpsVoteWithItsSurrogateKeyTranslatesItsRequestAgain() {
        Map<String, Object> vote = vote(4, VISIBLE_REQUEST, 1L << 30);
        for (RowChange change : List.of(RowChange.insert("requests_votes", vote, POS),
                RowChange.delete("requests_votes", vote, POS))) {
            Translation t = translator.translate(change, origin);
            assertThat(t.records()).isEmpty();
            assertThat(t.cascades()).containsExactly(new Cascade("requests", Map.of("ID", VISIBLE_REQUEST), false));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // OPS rows

    private static NeutralRecord only(Translation t) {
        assertThat(t.records()).hasSize(1);
        return t.records().get(0);
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            r.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return r;
    }

    private static Map<String, Object> forum(int id, int minClassRead) {
        return row("ID", id, "CategoryID", 1, "Sort", 20, "Name", id == PUBLIC_FORUM ? "The Lounge" : "Staff",
                "Description", id == PUBLIC_FORUM ? "Chat, off topic" : "No place like home",
                "MinClassRead", minClassRead, "MinClassWrite", minClassRead, "MinClassCreate", minClassRead,
                "NumTopics", 2, "NumPosts", 9, "LastPostID", 88001, "LastPostAuthorID", 31337,
                "LastPostTopicID", 1201, "LastPostTime", LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                "AutoLock", "1", "AutoLockWeeks", 4);
    }

    private static Map<String, Object> topic(int id, int forumId) {
        return row("ID", id, "Title", "Now playing 🎶", "AuthorID", (int) AUTHOR, "IsLocked", "0", "IsSticky", "0",
                "ForumID", forumId, "NumPosts", 3, "LastPostID", 88001,
                "LastPostTime", LocalDateTime.of(2024, 1, 2, 3, 4, 5), "LastPostAuthorID", 31337,
                "StickyPostID", 0, "Ranking", 0, "CreatedTime", LocalDateTime.of(2023, 5, 6, 7, 8, 9));
    }

    private static Map<String, Object> post(int id, int topicId) {
        return row("ID", id, "TopicID", topicId, "AuthorID", (int) AUTHOR,
                "AddedTime", LocalDateTime.of(2024, 1, 2, 3, 4, 5), "Body", "[artist]Bicep[/artist] on repeat 🎧",
                "EditedUserID", null, "EditedTime", null);
    }

    private static Map<String, Object> comment(int id, String page, long pageId) {
        return row("ID", id, "Page", page, "PageID", (int) pageId, "AuthorID", (int) AUTHOR,
                "AddedTime", LocalDateTime.of(2024, 3, 1, 12, 0, 0), "Body", "Their [b]fabric[/b] mix is 🔥",
                "EditedUserID", 31337, "EditedTime", LocalDateTime.of(2024, 3, 1, 12, 5, 0));
    }

    private static Map<String, Object> collage(int id, String deleted) {
        return row("ID", id, "Name", id == 31 ? "Warp Records: the essentials" : "Spam", "Description",
                "Label [url=https://warp.net]site[/url]", "UserID", (int) AUTHOR, "NumTorrents", 1,
                "Deleted", deleted, "Locked", "0", "CategoryID", 4, "TagList", "electronic idm", "MaxGroups", 0,
                "MaxGroupsPerUser", 0, "Featured", 0, "Subscribers", 12,
                "updated", LocalDateTime.of(2024, 2, 3, 4, 5, 6));
    }

    private static Map<String, Object> entry(String column, int collageId, int id) {
        return row("CollageID", collageId, column, id, "UserID", 31337, "Sort", 10,
                "AddedOn", LocalDateTime.of(2024, 2, 3, 4, 5, 6));
    }

    /** An OPS request: Visible is binary(1), GroupID nullable, with Checksum and bookkeeping columns. */
    private static Map<String, Object> request(long id, char visible) {
        return row("ID", (int) id, "UserID", (int) AUTHOR, "TimeAdded", LocalDateTime.of(2024, 4, 1, 9, 0, 0),
                "LastVote", LocalDateTime.of(2024, 4, 2, 9, 0, 0), "CategoryID", 1, "Title", "Fabric Presents Bicep",
                "Year", 2020, "Image", null, "Description", "The [i]WEB[/i] release, 24-bit", "ReleaseType", 17,
                "CatalogueNumber", "", "BitrateList", "24bit Lossless", "FormatList", "FLAC", "MediaList", "WEB",
                "LogCue", "", "FillerID", 0, "TorrentID", 0, "TimeFilled", null, "Visible", new byte[] {(byte) visible},
                "RecordLabel", "fabric Records", "GroupID", null, "OCLC", "", "Checksum", 0,
                "created", LocalDateTime.of(2024, 4, 1, 9, 0, 0), "updated", LocalDateTime.of(2024, 4, 2, 9, 0, 0));
    }

    private static Map<String, Object> requestArtist(long requestId, String importance) {
        return row("RequestID", (int) requestId, "AliasID", 40112, "Importance", importance,
                "artist_role_id", Integer.parseInt(importance), "UserID", 31337,
                "created", LocalDateTime.of(2024, 4, 1, 9, 0, 0));
    }

    private static Map<String, Object> requestTag(long requestId) {
        return row("TagID", 77, "RequestID", (int) requestId);
    }

    private static Map<String, Object> vote(long voteId, long requestId, long bounty) {
        return row("requests_votes_id", (int) voteId, "RequestID", (int) requestId, "UserID", 31337,
                "Bounty", bounty, "created", LocalDateTime.of(2024, 4, 2, 9, 0, 0));
    }
}
