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
                    optional("name", TEXT, "artists_group.Name", "Artist name."),
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
                            "Main artist for non-music categories; null when unset (Gazelle: NULL or 0)."),
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
                            "Release this one was transcoded from; null when none (0).")));

    public static final EntityType RELEASE_GROUP_ARTIST = new EntityType("release_group_artist",
            "An artist credited on a release group, in one role.",
            List.of(
                    required("release_group_id", INTEGER, "torrents_artists.GroupID", "The release group."),
                    required("artist_id", INTEGER, "torrents_artists.ArtistID", "The artist."),
                    required("role", TEXT, "torrents_artists.Importance",
                            "main, guest, remixer, composer, conductor, dj_compiler, producer or arranger.")),
            List.of(required("alias_id", INTEGER, "torrents_artists.AliasID",
                    "The alias the artist is credited under.")));

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
                            "The log as uploaded (EAC or XLD text); null when empty."),
                    optional("details", TEXT, "torrents_logs_new.Details",
                            "The checker's findings, one a line, e.g. deductions; null when empty."),
                    required("score", INTEGER, "torrents_logs_new.Score",
                            "Score out of 100; a release's log_score is the average of its logs' scores."),
                    required("checker_revision", INTEGER, "torrents_logs_new.Revision",
                            "Revision of the log checker that scored it."),
                    required("adjusted", BOOLEAN, "torrents_logs_new.Adjusted",
                            "Whether staff adjusted the checker's score by hand."),
                    required("not_english", BOOLEAN, "torrents_logs_new.NotEnglish",
                            "Whether the log is in a language other than English.")));

    private static final Map<String, EntityType> BY_NAME = index(List.of(
            ARTIST, ARTIST_ALIAS, RELEASE_GROUP, RELEASE, RELEASE_GROUP_ARTIST, TAG, RELEASE_GROUP_TAG,
            RELEASE_GROUP_WIKI, ARTIST_WIKI,
            ARTIST_SIMILARITY, ARTIST_SIMILARITY_ARTIST, RELEASE_GROUP_VOTES, RELEASE_LOG));

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

    public static Optional<EntityType> entity(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
