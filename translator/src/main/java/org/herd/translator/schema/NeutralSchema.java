package org.herd.translator.schema;

import static org.herd.translator.schema.Field.optional;
import static org.herd.translator.schema.Field.required;
import static org.herd.translator.schema.FieldType.BOOLEAN;
import static org.herd.translator.schema.FieldType.FILE_LIST;
import static org.herd.translator.schema.FieldType.INTEGER;
import static org.herd.translator.schema.FieldType.TEXT;
import static org.herd.translator.schema.FieldType.TIMESTAMP;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The neutral schema: every entity Herd publishes, in a form independent of Gazelle's tables.
 * This is the contract between the sidecar and every mirror; {@code docs/wire-format.md}
 * documents it field by field and a test keeps the two in step. {@link #VERSION} changes only
 * when a change is not backwards compatible for readers.
 */
public final class NeutralSchema {

    /** Version of the wire format and of this schema; carried in every record. */
    public static final int VERSION = 1;

    public static final EntityType ARTIST = new EntityType("artist",
            "An artist page.",
            List.of(required("artist_id", INTEGER, "artists_group.ArtistID", "Artist id on the origin.")),
            List.of(
                    optional("name", TEXT, "artists_group.Name",
                            "Artist name; null on OPS, which names an artist by its primary alias "
                                    + "(primary_alias_id)."),
                    optional("primary_alias_id", INTEGER, "artists_group.PrimaryAlias",
                            "The alias (artist_alias) whose name is the artist's name, on OPS; null on WhatCD, "
                                    + "whose artists carry their name, and while OPS creates an artist (Gazelle: 0)."),
                    optional("revision_id", INTEGER, "artists_group.RevisionID",
                            "Current revision of the artist's wiki (see artist_wiki)."),
                    required("vanity_house", BOOLEAN, "artists_group.VanityHouse",
                            "Whether the artist is a Vanity House (self-released) artist.")));

    public static final EntityType ARTIST_ALIAS = new EntityType("artist_alias",
            "Another name of an artist; credits name the alias they were made under.",
            List.of(required("alias_id", INTEGER, "artists_alias.AliasID", "Alias id on the origin.")),
            List.of(
                    required("artist_id", INTEGER, "artists_alias.ArtistID", "The artist this alias belongs to."),
                    optional("name", TEXT, "artists_alias.Name", "The alias."),
                    optional("redirect_alias_id", INTEGER, "artists_alias.Redirect",
                            "Alias this one redirects to; null when it does not redirect (Gazelle: 0).")));

    public static final EntityType RELEASE_GROUP = new EntityType("release_group",
            "A release group (torrent group): one album, EP, book or program, in all its editions.",
            List.of(required("release_group_id", INTEGER, "torrents_group.ID", "Group id on the origin.")),
            List.of(
                    optional("artist_id", INTEGER, "torrents_group.ArtistID",
                            "Main artist for non-music categories; null when unset (Gazelle: NULL or 0), and always "
                                    + "on OPS, which dropped the column."),
                    optional("category", TEXT, "torrents_group.CategoryID",
                            "music, applications, e_books, audiobooks, e_learning_videos, comedy or comics."),
                    optional("name", TEXT, "torrents_group.Name", "Title."),
                    optional("year", INTEGER, "torrents_group.Year", "Original release year; null when unknown (0)."),
                    optional("catalogue_number", TEXT, "torrents_group.CatalogueNumber",
                            "Original catalogue number; null when empty."),
                    optional("record_label", TEXT, "torrents_group.RecordLabel", "Original label; null when empty."),
                    optional("release_type", TEXT, "torrents_group.ReleaseType",
                            "album, soundtrack, ep, anthology, compilation, sampler, single, demo, live_album, "
                                    + "split, remix, bootleg, interview, mixtape, dj_mix, concert_recording or "
                                    + "unknown; null outside the music category."),
                    optional("added_at", TIMESTAMP, "torrents_group.Time",
                            "When the group was created; null when Gazelle has a zero date."),
                    optional("revision_id", INTEGER, "torrents_group.RevisionID",
                            "Current revision of the group's wiki (see release_group_wiki)."),
                    optional("wiki_body", TEXT, "torrents_group.WikiBody",
                            "Current description, raw BBCode; null when empty."),
                    optional("wiki_image", TEXT, "torrents_group.WikiImage", "Cover image URL; null when empty."),
                    required("vanity_house", BOOLEAN, "torrents_group.VanityHouse",
                            "Whether this is a Vanity House release.")));

    public static final EntityType RELEASE = new EntityType("release",
            "One upload of a release group: an edition in one media, format and encoding.",
            List.of(required("release_id", INTEGER, "torrents.ID", "Torrent id on the origin.")),
            List.of(
                    required("release_group_id", INTEGER, "torrents.GroupID", "The group this release belongs to."),
                    optional("media", TEXT, "torrents.Media", "CD, DVD, Vinyl, Soundboard, SACD, DAT, Cassette, WEB, BD."),
                    optional("format", TEXT, "torrents.Format", "MP3, FLAC, Ogg Vorbis, AAC, AC3, DTS."),
                    optional("encoding", TEXT, "torrents.Encoding", "Bitrate or quality, e.g. 320, V0 (VBR), Lossless."),
                    required("remastered", BOOLEAN, "torrents.Remastered", "Whether this is a specific edition."),
                    optional("remaster_year", INTEGER, "torrents.RemasterYear", "Edition year; null when unknown (0)."),
                    optional("remaster_title", TEXT, "torrents.RemasterTitle", "Edition title; null when empty."),
                    optional("remaster_catalogue_number", TEXT, "torrents.RemasterCatalogueNumber",
                            "Edition catalogue number; null when empty."),
                    optional("remaster_record_label", TEXT, "torrents.RemasterRecordLabel",
                            "Edition label; null when empty."),
                    required("scene", BOOLEAN, "torrents.Scene", "Whether this is a scene release."),
                    required("has_log", BOOLEAN, "torrents.HasLog", "Whether a rip log is included."),
                    required("has_cue", BOOLEAN, "torrents.HasCue", "Whether a cue sheet is included."),
                    required("log_score", INTEGER, "torrents.LogScore", "Score of the rip log, 0 to 100."),
                    required("file_count", INTEGER, "torrents.FileCount", "Number of files."),
                    required("size_bytes", INTEGER, "torrents.Size", "Total size in bytes."),
                    optional("files", FILE_LIST, "torrents.FileList",
                            "The files in Gazelle's order: path inside the release's folder ('/' between "
                                    + "directories) and size in bytes; null when Gazelle stored no list."),
                    required("freeleech", TEXT, "torrents.FreeTorrent", "normal, freeleech or neutral."),
                    optional("uploaded_at", TIMESTAMP, "torrents.Time",
                            "When it was uploaded; null when Gazelle has a zero date."),
                    optional("description", TEXT, "torrents.Description",
                            "Release description, raw BBCode; null when empty."),
                    optional("transcoded_from", INTEGER, "torrents.TranscodedFrom",
                            "Release this one was transcoded from; null when none (0), and always on OPS, which "
                                    + "dropped the column."),
                    optional("info_hash", TEXT, "torrents.info_hash",
                            "BitTorrent info hash, 40 lower-case hex digits; null unless the origin's operator "
                                    + "opted in to publishing it.")));

    /**
     * Keyed by the alias credited, not the artist: OPS credit rows name only the alias (its key is
     * GroupID, Importance, AliasID), and on WhatCD an alias belongs to one artist, so the alias
     * identifies a credit there too.
     */
    public static final EntityType RELEASE_GROUP_ARTIST = new EntityType("release_group_artist",
            "An artist credited on a release group, under one of its aliases, in one role.",
            List.of(
                    required("release_group_id", INTEGER, "torrents_artists.GroupID", "The release group."),
                    required("alias_id", INTEGER, "torrents_artists.AliasID",
                            "The alias the artist is credited under (artist_alias)."),
                    required("role", TEXT, "torrents_artists.Importance",
                            "main, guest, remixer, composer, conductor, dj_compiler, producer or arranger.")),
            List.of(optional("artist_id", INTEGER, "torrents_artists.ArtistID",
                    "The artist; null on OPS, whose credits name only the alias (the artist is the alias's "
                            + "artist_id).")));

    public static final EntityType TAG = new EntityType("tag",
            "A tag that release groups can carry.",
            List.of(required("tag_id", INTEGER, "tags.ID", "Tag id on the origin.")),
            List.of(
                    optional("name", TEXT, "tags.Name", "Tag name, lower case, words joined by '.'."),
                    required("tag_type", TEXT, "tags.TagType", "genre (an official genre tag) or other."),
                    required("uses", INTEGER, "tags.Uses", "How many groups carry the tag.")));

    public static final EntityType RELEASE_GROUP_TAG = new EntityType("release_group_tag",
            "A tag on a release group with its vote counts.",
            List.of(
                    required("release_group_id", INTEGER, "torrents_tags.GroupID", "The release group."),
                    required("tag_id", INTEGER, "torrents_tags.TagID", "The tag.")),
            List.of(
                    required("positive_votes", INTEGER, "torrents_tags.PositiveVotes", "Votes for the tag."),
                    required("negative_votes", INTEGER, "torrents_tags.NegativeVotes", "Votes against the tag.")));

    public static final EntityType RELEASE_GROUP_WIKI = new EntityType("release_group_wiki",
            "A revision of a release group's description.",
            List.of(required("revision_id", INTEGER, "wiki_torrents.RevisionID", "Revision id on the origin.")),
            List.of(
                    required("release_group_id", INTEGER, "wiki_torrents.PageID", "The release group."),
                    optional("body", TEXT, "wiki_torrents.Body", "Description, raw BBCode."),
                    optional("image", TEXT, "wiki_torrents.Image", "Cover image URL; null when empty."),
                    optional("summary", TEXT, "wiki_torrents.Summary", "Edit summary; null when empty."),
                    optional("created_at", TIMESTAMP, "wiki_torrents.Time",
                            "When the revision was made; null when Gazelle has a zero date.")));

    public static final EntityType ARTIST_WIKI = new EntityType("artist_wiki",
            "A revision of an artist's description.",
            List.of(required("revision_id", INTEGER, "wiki_artists.RevisionID", "Revision id on the origin.")),
            List.of(
                    required("artist_id", INTEGER, "wiki_artists.PageID", "The artist."),
                    optional("body", TEXT, "wiki_artists.Body", "Description, raw BBCode."),
                    optional("image", TEXT, "wiki_artists.Image", "Image URL; null when empty."),
                    optional("summary", TEXT, "wiki_artists.Summary", "Edit summary; null when empty."),
                    optional("created_at", TIMESTAMP, "wiki_artists.Time",
                            "When the revision was made; null when Gazelle has a zero date.")));

    public static final EntityType USER = new EntityType("user",
            "A user of the origin; published only when the origin's operator made user names public.",
            List.of(required("user_ref", TEXT, "users_main.ID",
                    "The user's reference, as the author fields of other entities carry it.")),
            List.of(optional("username", TEXT, "users_main.Username", "User name.")));

    // Collages and requests ----------------------------------------------------------------------

    public static final EntityType COLLAGE = new EntityType("collage",
            "A collage: a list of release groups (or of artists) made by a user. Deleted collages are not published.",
            List.of(required("collage_id", INTEGER, "collages.ID", "Collage id on the origin.")),
            List.of(
                    optional("name", TEXT, "collages.Name", "Collage name; null when empty."),
                    optional("description", TEXT, "collages.Description", "Description, raw BBCode; null when empty."),
                    required("category", TEXT, "collages.CategoryID",
                            "personal, theme, genre_introduction, discography, label, staff_picks, charts or "
                                    + "artists (a list of artists, see collage_artist; the others list release "
                                    + "groups, see collage_release_group)."),
                    optional("owner", TEXT, "collages.UserID",
                            "The user who made the collage, as the origin's user policy allows (see user); null "
                                    + "when the policy publishes no users."),
                    required("locked", BOOLEAN, "collages.Locked", "Whether the collage is closed to additions."),
                    optional("tag_list", TEXT, "collages.TagList",
                            "The collage's tags as stored: names joined by a space; null when empty."),
                    optional("max_entries", INTEGER, "collages.MaxGroups",
                            "Most entries the collage may hold; null when unlimited (0)."),
                    optional("max_entries_per_user", INTEGER, "collages.MaxGroupsPerUser",
                            "Most entries one user may add; null when unlimited (0)."),
                    optional("updated_at", TIMESTAMP, "collages.updated",
                            "When an entry was last added; null when Gazelle has a zero date.")));

    public static final EntityType COLLAGE_RELEASE_GROUP = new EntityType("collage_release_group",
            "A release group in a collage; published only while the collage is.",
            List.of(
                    required("collage_id", INTEGER, "collages_torrents.CollageID", "The collage."),
                    required("release_group_id", INTEGER, "collages_torrents.GroupID", "The release group.")),
            List.of(
                    required("sort", INTEGER, "collages_torrents.Sort",
                            "Position in the collage: entries are listed by ascending sort."),
                    optional("added_at", TIMESTAMP, "collages_torrents.AddedOn",
                            "When the entry was added; null when Gazelle has a zero date.")));

    public static final EntityType COLLAGE_ARTIST = new EntityType("collage_artist",
            "An artist in an artist collage; published only while the collage is.",
            List.of(
                    required("collage_id", INTEGER, "collages_artists.CollageID", "The collage."),
                    required("artist_id", INTEGER, "collages_artists.ArtistID", "The artist.")),
            List.of(
                    required("sort", INTEGER, "collages_artists.Sort",
                            "Position in the collage: entries are listed by ascending sort."),
                    optional("added_at", TIMESTAMP, "collages_artists.AddedOn",
                            "When the entry was added; null when Gazelle has a zero date.")));

    public static final EntityType REQUEST = new EntityType("request",
            "A request for a release not yet uploaded, with its bounty. Hidden requests are not published.",
            List.of(required("request_id", INTEGER, "requests.ID", "Request id on the origin.")),
            List.of(
                    optional("requester", TEXT, "requests.UserID",
                            "The user who made the request, as the origin's user policy allows (see user); null "
                                    + "when the policy publishes no users."),
                    optional("created_at", TIMESTAMP, "requests.TimeAdded",
                            "When the request was made; null when Gazelle has a zero date."),
                    optional("last_vote_at", TIMESTAMP, "requests.LastVote",
                            "When the request was last voted on; null when never."),
                    required("category", TEXT, "requests.CategoryID",
                            "music, applications, e_books, audiobooks, e_learning_videos, comedy or comics."),
                    optional("title", TEXT, "requests.Title", "Title of the wanted release."),
                    optional("year", INTEGER, "requests.Year", "Release year; null when unknown (NULL or 0)."),
                    optional("image", TEXT, "requests.Image", "Cover image URL; null when empty."),
                    optional("description", TEXT, "requests.Description", "Description, raw BBCode; null when empty."),
                    optional("release_type", TEXT, "requests.ReleaseType",
                            "As release_group.release_type; null outside the music category or when unset."),
                    optional("catalogue_number", TEXT, "requests.CatalogueNumber",
                            "Catalogue number; null when empty."),
                    optional("record_label", TEXT, "requests.RecordLabel", "Label; null when empty."),
                    optional("encoding_list", TEXT, "requests.BitrateList",
                            "Acceptable encodings as Gazelle stores them: names joined by '|' (e.g. "
                                    + "Lossless|V0 (VBR)), or Any; null when unset (non-music requests)."),
                    optional("format_list", TEXT, "requests.FormatList",
                            "Acceptable formats, names joined by '|' (e.g. FLAC|MP3), or Any; null when unset."),
                    optional("media_list", TEXT, "requests.MediaList",
                            "Acceptable media, names joined by '|' (e.g. CD|WEB), or Any; null when unset."),
                    optional("log_cue", TEXT, "requests.LogCue",
                            "Rip log and cue requirement as Gazelle words it (e.g. Log (100%) + Cue); null when none."),
                    optional("release_group_id", INTEGER, "requests.GroupID",
                            "The release group the request is for; null when none (NULL or 0)."),
                    optional("oclc", TEXT, "requests.OCLC", "WorldCat (OCLC) numbers as entered; null when empty."),
                    optional("filler", TEXT, "requests.FillerID",
                            "The user who filled the request, as the user policy allows; null when unfilled or "
                                    + "when the policy publishes no users."),
                    optional("filled_release_id", INTEGER, "requests.TorrentID",
                            "The release that filled the request; null while unfilled (0)."),
                    optional("filled_at", TIMESTAMP, "requests.TimeFilled",
                            "When the request was filled; null while unfilled (zero date)."),
                    required("vote_count", INTEGER, "requests_votes: COUNT per RequestID",
                            "Number of users who voted for the request; who they are never leaves the origin."),
                    required("bounty_total", INTEGER, "requests_votes: SUM(Bounty) per RequestID",
                            "Total bounty in bytes of upload credit offered by the voters.")));

    public static final EntityType REQUEST_ARTIST = new EntityType("request_artist",
            "An artist named by a music request, in one role; published only while the request is.",
            List.of(
                    required("request_id", INTEGER, "requests_artists.RequestID", "The request."),
                    required("alias_id", INTEGER, "requests_artists.AliasID", "The alias the artist is named under.")),
            List.of(
                    optional("artist_id", INTEGER, "requests_artists.ArtistID",
                            "The artist; null on OPS, whose rows name only the alias (the artist is the alias's "
                                    + "artist_id)."),
                    optional("role", TEXT, "requests_artists.Importance",
                            "As release_group_artist.role; null when unset.")));

    public static final EntityType REQUEST_TAG = new EntityType("request_tag",
            "A tag on a request; published only while the request is.",
            List.of(
                    required("request_id", INTEGER, "requests_tags.RequestID", "The request."),
                    required("tag_id", INTEGER, "requests_tags.TagID", "The tag (see tag).")),
            List.of());

    // Forums and comments. Staff forums never leave: a forum is published only when every user
    // class of the origin may read it, and its topics and posts only while it is.

    /** Who wrote a topic, post or comment, as the origin's user policy allows. */
    private static String authorOf(String what) {
        return "Who wrote the " + what + ", as the origin's user policy allows: a pseudonym or a user_ref "
                + "(see user); null when the origin publishes no authors.";
    }

    public static final EntityType FORUM_CATEGORY = new EntityType("forum_category",
            "A group of forums on the forum index; published whether or not it holds a published forum.",
            List.of(required("forum_category_id", INTEGER, "forums_categories.ID", "Category id on the origin.")),
            List.of(
                    optional("name", TEXT, "forums_categories.Name", "Category name; null when empty."),
                    required("sort", INTEGER, "forums_categories.Sort", "Position on the forum index, ascending.")));

    public static final EntityType FORUM = new EntityType("forum",
            "A forum every user of the origin may read; staff forums are never published.",
            List.of(required("forum_id", INTEGER, "forums.ID", "Forum id on the origin.")),
            List.of(
                    required("forum_category_id", INTEGER, "forums.CategoryID", "The category it is listed under."),
                    required("sort", INTEGER, "forums.Sort", "Position within the forum index, ascending."),
                    optional("name", TEXT, "forums.Name", "Forum name; null when empty."),
                    optional("description", TEXT, "forums.Description", "One-line description; null when empty.")));

    public static final EntityType FORUM_TOPIC = new EntityType("forum_topic",
            "A topic (thread) of a published forum; retracted when it moves into a staff forum.",
            List.of(required("forum_topic_id", INTEGER, "forums_topics.ID", "Topic id on the origin.")),
            List.of(
                    required("forum_id", INTEGER, "forums_topics.ForumID", "The forum the topic is in."),
                    optional("title", TEXT, "forums_topics.Title", "Title."),
                    optional("author", TEXT, "forums_topics.AuthorID", authorOf("topic")),
                    required("locked", BOOLEAN, "forums_topics.IsLocked", "Whether replies are closed."),
                    required("sticky", BOOLEAN, "forums_topics.IsSticky",
                            "Whether the topic is pinned above the others."),
                    optional("sticky_post_id", INTEGER, "forums_topics.StickyPostID",
                            "A post pinned to the top of every page of the topic; null when none (0)."),
                    optional("sticky_rank", INTEGER, "forums_topics.Ranking",
                            "Order among the forum's sticky topics, ascending; null when unranked (0)."),
                    optional("created_at", TIMESTAMP, "forums_topics.CreatedTime",
                            "When the topic was started; null when Gazelle has a zero date.")));

    public static final EntityType FORUM_POST = new EntityType("forum_post",
            "A post in a topic of a published forum.",
            List.of(required("forum_post_id", INTEGER, "forums_posts.ID", "Post id on the origin.")),
            List.of(
                    required("forum_topic_id", INTEGER, "forums_posts.TopicID", "The topic the post is in."),
                    optional("author", TEXT, "forums_posts.AuthorID", authorOf("post")),
                    optional("body", TEXT, "forums_posts.Body", "The post, raw BBCode."),
                    optional("added_at", TIMESTAMP, "forums_posts.AddedTime",
                            "When it was posted; null when Gazelle has a zero date."),
                    optional("edited_at", TIMESTAMP, "forums_posts.EditedTime",
                            "When it was last edited; null when never.")));

    public static final EntityType COMMENT = new EntityType("comment",
            "A comment on an artist, collage, request or release group page; published while that page is.",
            List.of(required("comment_id", INTEGER, "comments.ID", "Comment id on the origin.")),
            List.of(
                    required("page", TEXT, "comments.Page",
                            "What the comment is on: artist, collage, request or release_group."),
                    required("page_id", INTEGER, "comments.PageID",
                            "The artist_id, collage id, request id or release_group_id of that page."),
                    optional("author", TEXT, "comments.AuthorID", authorOf("comment")),
                    optional("body", TEXT, "comments.Body", "The comment, raw BBCode."),
                    optional("added_at", TIMESTAMP, "comments.AddedTime",
                            "When it was posted; null when Gazelle has a zero date."),
                    optional("edited_at", TIMESTAMP, "comments.EditedTime",
                            "When it was last edited; null when never.")));

    // Similar artists, album votes and rip logs ---------------------------------------------------

    public static final EntityType ARTIST_SIMILARITY = new EntityType("artist_similarity",
            "A similarity between two artists, with the score its votes gave it; artist_similarity_artist "
                    + "names the two artists.",
            List.of(required("similarity_id", INTEGER, "artists_similar_scores.SimilarID",
                    "Similarity id on the origin.")),
            List.of(required("score", INTEGER, "artists_similar_scores.Score",
                    "200 when proposed, 200 more each time it is proposed again, 100 more or less per up "
                            + "or down vote; Gazelle removes similarities whose score falls to 0.")));

    public static final EntityType ARTIST_SIMILARITY_ARTIST = new EntityType("artist_similarity_artist",
            "One of the two artists of a similarity.",
            List.of(
                    required("similarity_id", INTEGER, "artists_similar.SimilarID", "The similarity."),
                    required("artist_id", INTEGER, "artists_similar.ArtistID", "The artist.")),
            List.of());

    public static final EntityType RELEASE_GROUP_VOTES = new EntityType("release_group_votes",
            "The album votes of a release group, counted; who voted stays at the origin. Deleted with "
                    + "its group.",
            List.of(required("release_group_id", INTEGER, "torrents_votes.GroupID", "The release group.")),
            List.of(
                    required("up_votes", INTEGER, "torrents_votes.Ups", "Votes for the album."),
                    required("total_votes", INTEGER, "torrents_votes.Total",
                            "All votes, up and down.")));

    public static final EntityType RELEASE_LOG = new EntityType("release_log",
            "A rip log uploaded with a release, as the site's log checker scored it.",
            List.of(required("log_id", INTEGER, "torrents_logs_new.LogID", "Log id on the origin.")),
            List.of(
                    required("release_id", INTEGER, "torrents_logs_new.TorrentID", "The release."),
                    optional("log", TEXT, "torrents_logs_new.Log",
                            "The log as uploaded (EAC or XLD text), after the origin's text scrubbing (see "
                                    + "scrubbed); null when empty or withheld by the origin."),
                    optional("details", TEXT, "torrents_logs_new.Details",
                            "The checker's findings, one a line, e.g. deductions; null when empty."),
                    required("score", INTEGER, "torrents_logs_new.Score",
                            "Score out of 100; a release's log_score is the average of its logs' scores."),
                    required("checker_revision", INTEGER, "torrents_logs_new.Revision",
                            "Revision of the log checker that scored it."),
                    required("adjusted", BOOLEAN, "torrents_logs_new.Adjusted",
                            "Whether staff adjusted the checker's score by hand."),
                    required("not_english", BOOLEAN, "torrents_logs_new.NotEnglish",
                            "Whether the log is in a language other than English."),
                    // Nullable so that records published before the field existed, which compacted
                    // topics keep, still read: null means "not said".
                    optional("scrubbed", BOOLEAN, "Herd's text scrub of torrents_logs_new.Log",
                            "Whether the origin changed the log before publishing it: true when a scrubbing rule "
                                    + "replaced something in it (the ripper's home directory, an address, a key) or "
                                    + "the origin withholds the log (log is null); the log then no longer matches the "
                                    + "checksum EAC or XLD wrote into it, while score remains the checker's verdict on "
                                    + "the log as uploaded. false when the log is published as uploaded; null in "
                                    + "records from a sidecar older than this field.")));

    private static final Map<String, EntityType> BY_NAME = index(List.of(
            ARTIST, ARTIST_ALIAS, RELEASE_GROUP, RELEASE, RELEASE_GROUP_ARTIST, TAG, RELEASE_GROUP_TAG,
            RELEASE_GROUP_WIKI, ARTIST_WIKI,
            ARTIST_SIMILARITY, ARTIST_SIMILARITY_ARTIST, RELEASE_GROUP_VOTES, RELEASE_LOG,
            COLLAGE, COLLAGE_RELEASE_GROUP, COLLAGE_ARTIST, REQUEST, REQUEST_ARTIST, REQUEST_TAG,
            FORUM_CATEGORY, FORUM, FORUM_TOPIC, FORUM_POST, COMMENT,
            USER));

    private NeutralSchema() {
    }

    private static Map<String, EntityType> index(List<EntityType> entities) {
        Map<String, EntityType> map = new LinkedHashMap<>();
        entities.forEach(e -> map.put(e.name(), e));
        return map;
    }

    /** Every entity, in a stable order (the documentation's and the mirror's). */
    public static List<EntityType> entities() {
        return List.copyOf(BY_NAME.values());
    }

    /** Each entity as {@link #entity} gives it: a mirror asks by name for every record it reads. */
    private static final Map<String, Optional<EntityType>> FOUND = found(BY_NAME);

    private static Map<String, Optional<EntityType>> found(Map<String, EntityType> byName) {
        Map<String, Optional<EntityType>> found = new java.util.HashMap<>();
        byName.forEach((name, entity) -> found.put(name, Optional.of(entity)));
        return Map.copyOf(found);
    }

    public static Optional<EntityType> entity(String name) {
        Optional<EntityType> entity = name == null ? null : FOUND.get(name);
        return entity != null ? entity : Optional.empty();
    }
}
