package org.herd.gazelle.catalogue;

import static org.herd.gazelle.catalogue.ColumnDef.aggregate;
import static org.herd.gazelle.catalogue.ColumnDef.internal;
import static org.herd.gazelle.catalogue.ColumnDef.optIn;
import static org.herd.gazelle.catalogue.ColumnDef.prose;
import static org.herd.gazelle.catalogue.ColumnDef.publicColumn;
import static org.herd.gazelle.catalogue.ColumnDef.rowFilter;
import static org.herd.gazelle.catalogue.ColumnDef.secret;
import static org.herd.gazelle.catalogue.ColumnDef.user;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables of the OPS variant with the privacy class of every column, in the shape OPS's
 * migrations leave them (see {@code ops/schema.sql}). Kept apart from the WhatCD list because the
 * two differ table by table: OPS names artists through {@code PrimaryAlias}, keys credits by alias,
 * moved the tracker's statistics to {@code torrents_leech_stats} and soft-deletes into
 * {@code deleted_*} tables.
 *
 * <p>Forums, comments, collages and requests are classified here as well (the translator maps
 * them in {@code Mappings.ops()}).
 */
final class OpsTables {

    private static final String UPLOADER = "who did it: identifies a user";
    private static final String AUTHOR = "who wrote it: leaves only as the user policy allows";
    private static final String LAST_AUTHOR = "denormalised copy of the latest post's AuthorID, which leaves as that "
            + "post's author";
    private static final String TRACKER = "tracker statistic, rewritten on every announce flush";
    private static final String BOOKKEEPING = "row bookkeeping of the PHP code";
    private static final String SOFT_DELETE = "copy of a deleted row: the delete itself reaches mirrors";

    private OpsTables() {
    }

    static List<TableDef> tables() {
        List<TableDef> t = new ArrayList<>();
        codeLists(t);
        catalogue(t);
        softDeletes(t);
        community(t);
        albumVotes(t);
        privateTables(t);
        return t;
    }

    /** Lookup tables whose ids the translator resolves with its own code lists. */
    private static void codeLists(List<TableDef> t) {
        t.add(new TableDef("artist_role", List.of("artist_role_id"), List.of(
                internal("artist_role_id", "code list: the ids equal torrents_artists.Importance"),
                internal("sequence", "display order"), internal("slug", "code list"), internal("name", "code list"),
                internal("title", "code list"), internal("collection", "code list")),
                "Credit roles; the translator names them from Importance."));
        t.add(new TableDef("release_type", List.of("ID"), List.of(
                internal("ID", "code list: torrents_group.ReleaseType"), internal("Name", "code list")),
                "Release types; the translator names them from torrents_group.ReleaseType."));
        t.add(new TableDef("torrent_attr", List.of("ID"), List.of(
                internal("ID", "flag list"), internal("Name", "flag list"), internal("Description", "flag list")),
                "Flags a torrent can carry; not in the neutral schema yet."));
    }

    private static void catalogue(List<TableDef> t) {
        t.add(new TableDef("artists_group", List.of("ArtistID"), List.of(
                publicColumn("ArtistID"), publicColumn("RevisionID"), publicColumn("VanityHouse"),
                internal("LastCommentID", "comment-thread bookkeeping"),
                publicColumn("PrimaryAlias")),
                "Artists; the name is the artists_alias row PrimaryAlias points at."));
        t.add(new TableDef("artists_alias", List.of("AliasID"), List.of(
                publicColumn("AliasID"), publicColumn("ArtistID"), publicColumn("Name"), publicColumn("Redirect"),
                secret("UserID", UPLOADER)),
                "Names an artist is known by, the primary one included."));
        t.add(new TableDef("wiki_artists", List.of("RevisionID"), List.of(
                publicColumn("RevisionID"), publicColumn("PageID"), prose("Body"),
                secret("UserID", UPLOADER), prose("summary"), publicColumn("Time"), publicColumn("Image")),
                "Revisions of artist biographies (OPS spells summary in lower case)."));
        t.add(new TableDef("torrents_group", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("CategoryID"), publicColumn("Name"), publicColumn("Year"),
                publicColumn("CatalogueNumber"), publicColumn("RecordLabel"), publicColumn("ReleaseType"),
                internal("TagList", "denormalised copy of torrents_tags"),
                publicColumn("Time"), publicColumn("RevisionID"), prose("WikiBody"),
                publicColumn("WikiImage"), publicColumn("VanityHouse"),
                internal("created", BOOKKEEPING), internal("updated", BOOKKEEPING)),
                "Release groups."));
        t.add(new TableDef("wiki_torrents", List.of("RevisionID"), List.of(
                publicColumn("RevisionID"), publicColumn("PageID"), prose("Body"),
                secret("UserID", UPLOADER), prose("Summary"), publicColumn("Time"), publicColumn("Image")),
                "Revisions of release-group descriptions."));
        t.add(new TableDef("torrents", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("GroupID"),
                secret("UserID", UPLOADER),
                publicColumn("Media"), publicColumn("Format"), publicColumn("Encoding"),
                publicColumn("Remastered"), publicColumn("RemasterYear"), publicColumn("RemasterTitle"),
                publicColumn("RemasterCatalogueNumber"), publicColumn("RemasterRecordLabel"),
                publicColumn("Scene"), publicColumn("HasLog"), publicColumn("HasCue"),
                internal("HasLogDB", "whether the log is in the site's log database; not in the neutral schema"),
                publicColumn("LogScore"),
                internal("LogChecksum", "log checksum verdict; not in the neutral schema"),
                optIn("info_hash", "identifies the content on the private tracker; publishing it is the operator's"
                        + " opt-in"),
                publicColumn("FileCount"), publicColumn("FileList"),
                internal("FilePath", "the uploader's folder name, not shown as catalogue data"),
                publicColumn("Size"), publicColumn("FreeTorrent"),
                internal("FreeLeechType", "staff reason for a freeleech"),
                publicColumn("Time"), prose("Description"),
                internal("LastReseedRequest", "site bookkeeping"),
                internal("created", BOOKKEEPING), internal("updated", BOOKKEEPING)),
                "Uploads: one edition in one media, format and encoding."));
        t.add(new TableDef("torrents_leech_stats", List.of("TorrentID"), List.of(
                internal("TorrentID", TRACKER), internal("Seeders", TRACKER), internal("Leechers", TRACKER),
                internal("Snatched", TRACKER), internal("Balance", TRACKER), internal("last_action", TRACKER)),
                "The tracker's statistics per torrent: noise, never replicated."));
        t.add(new TableDef("torrent_has_attr", List.of("TorrentID", "TorrentAttrID"), List.of(
                internal("TorrentID", "torrent flags are not in the neutral schema yet"),
                internal("TorrentAttrID", "torrent flags are not in the neutral schema yet"),
                secret("UserID", "who flagged it: identifies a user"),
                internal("created", BOOKKEEPING)),
                "Flags set on torrents."));
        t.add(new TableDef("torrents_artists", List.of("GroupID", "Importance", "AliasID"), List.of(
                publicColumn("GroupID"), publicColumn("AliasID"), secret("UserID", UPLOADER),
                publicColumn("Importance"),
                internal("artist_role_id", "repeats Importance as a reference into artist_role"),
                internal("created", BOOKKEEPING)),
                "Artist credits of release groups, by alias and role."));
        t.add(new TableDef("tags", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), publicColumn("TagType"), publicColumn("Uses"),
                secret("UserID", UPLOADER)),
                "Tags."));
        t.add(new TableDef("torrents_tags", List.of("TagID", "GroupID"), List.of(
                publicColumn("TagID"), publicColumn("GroupID"), publicColumn("PositiveVotes"),
                publicColumn("NegativeVotes"), secret("UserID", UPLOADER)),
                "Tags on release groups with their votes."));
    }

    /** Copies of deleted rows: private in full, so that nothing can ever bring a deleted row back. */
    private static void softDeletes(List<TableDef> t) {
        t.add(softDeleteOf("deleted_torrents_group", List.of("ID", "CategoryID", "Name", "Year", "CatalogueNumber",
                "RecordLabel", "ReleaseType", "TagList", "Time", "RevisionID", "WikiBody", "WikiImage", "VanityHouse",
                "created", "updated"), List.of("ID")));
        t.add(softDeleteOf("deleted_torrents", List.of("ID", "GroupID", "UserID", "Media", "Format", "Encoding",
                "Remastered", "RemasterYear", "RemasterTitle", "RemasterCatalogueNumber", "RemasterRecordLabel", "Scene",
                "HasLog", "HasCue", "HasLogDB", "LogScore", "LogChecksum", "info_hash", "FileCount", "FileList",
                "FilePath", "Size", "FreeTorrent", "FreeLeechType", "Time", "Description", "LastReseedRequest",
                "created", "updated"), List.of("ID")));
        t.add(softDeleteOf("deleted_torrents_leech_stats", List.of("TorrentID", "Seeders", "Leechers", "Snatched",
                "Balance", "last_action"), List.of("TorrentID")));
        t.add(softDeleteOf("deleted_torrent_has_attr", List.of("TorrentID", "TorrentAttrID", "UserID", "created"),
                List.of("TorrentID", "TorrentAttrID")));
    }

    private static TableDef softDeleteOf(String table, List<String> columns, List<String> key) {
        return new TableDef(table, key, columns.stream().map(c -> secret(c, SOFT_DELETE)).toList(),
                "Soft-deleted rows of " + table.substring("deleted_".length()) + ".");
    }

    /**
     * Forums, comments, collages and requests, classified as the WhatCD catalogue classifies the
     * same columns. Authors, collage owners and request makers and fillers are user references
     * (they leave as the user policy allows); who edited, added or voted never leaves; the columns
     * that decide whether a row may leave at all (MinClassRead, Deleted, Visible) are row filters;
     * bounties are aggregates.
     */
    private static void community(List<TableDef> t) {
        t.add(new TableDef("forums_categories", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), publicColumn("Sort")),
                "Forum categories."));
        t.add(new TableDef("forums", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("CategoryID"), publicColumn("Sort"), publicColumn("Name"),
                prose("Description"),
                rowFilter("MinClassRead", "staff forums share the table: only those every class may read leave"),
                internal("MinClassWrite", "permission setting"), internal("MinClassCreate", "permission setting"),
                internal("NumTopics", "denormalised count"), internal("NumPosts", "denormalised count"),
                internal("LastPostID", "denormalised copy of the latest post"),
                internal("LastPostAuthorID", LAST_AUTHOR),
                internal("LastPostTopicID", "denormalised copy of the latest post"),
                internal("LastPostTime", "denormalised copy of the latest post"),
                internal("AutoLock", "moderation setting"), internal("AutoLockWeeks", "moderation setting")),
                "Forums; only those every user class may read are public (MinClassRead)."));
        t.add(new TableDef("forums_topics", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Title"), user("AuthorID", AUTHOR), publicColumn("IsLocked"),
                publicColumn("IsSticky"), publicColumn("ForumID"),
                internal("NumPosts", "denormalised count"),
                internal("LastPostID", "denormalised copy of the latest post"),
                internal("LastPostTime", "denormalised copy of the latest post"),
                internal("LastPostAuthorID", LAST_AUTHOR),
                publicColumn("StickyPostID"), publicColumn("Ranking"), publicColumn("CreatedTime")),
                "Forum threads."));
        t.add(new TableDef("forums_posts", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("TopicID"), user("AuthorID", AUTHOR), publicColumn("AddedTime"),
                prose("Body"), secret("EditedUserID", "who edited it: identifies a user"),
                publicColumn("EditedTime")),
                "Forum posts."));
        t.add(new TableDef("comments", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Page"), publicColumn("PageID"), user("AuthorID", AUTHOR),
                publicColumn("AddedTime"), prose("Body"),
                secret("EditedUserID", "who edited it: identifies a user"), publicColumn("EditedTime")),
                "Comments on artist, collage, request and release-group pages."));
        t.add(new TableDef("collages", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), prose("Description"),
                user("UserID", "who made it: identifies a user"),
                internal("NumTorrents", "denormalised count"),
                rowFilter("Deleted", "a deleted collage and its entries never leave"), publicColumn("Locked"),
                publicColumn("CategoryID"), publicColumn("TagList"),
                publicColumn("MaxGroups"), publicColumn("MaxGroupsPerUser"),
                internal("Featured", "the owner's profile setting"), internal("Subscribers", "denormalised count"),
                publicColumn("updated")),
                "Collages; those with Deleted = '1' are not public."));
        t.add(new TableDef("collages_torrents", List.of("CollageID", "GroupID"), List.of(
                publicColumn("CollageID"), publicColumn("GroupID"), secret("UserID", "who added it: identifies a user"),
                publicColumn("Sort"), publicColumn("AddedOn")),
                "Release groups in collages."));
        t.add(new TableDef("collages_artists", List.of("CollageID", "ArtistID"), List.of(
                publicColumn("CollageID"), publicColumn("ArtistID"),
                secret("UserID", "who added it: identifies a user"), publicColumn("Sort"), publicColumn("AddedOn")),
                "Artists in artist collages."));
        t.add(new TableDef("requests", List.of("ID"), List.of(
                publicColumn("ID"), user("UserID", "who asked: identifies a user"), publicColumn("TimeAdded"),
                publicColumn("LastVote"), publicColumn("CategoryID"), publicColumn("Title"), publicColumn("Year"),
                publicColumn("Image"), prose("Description"), publicColumn("ReleaseType"),
                publicColumn("CatalogueNumber"), publicColumn("BitrateList"), publicColumn("FormatList"),
                publicColumn("MediaList"), publicColumn("LogCue"),
                user("FillerID", "who filled it: identifies a user"),
                publicColumn("TorrentID"), publicColumn("TimeFilled"),
                rowFilter("Visible", "a hidden request and its artists and tags never leave"),
                publicColumn("RecordLabel"), publicColumn("GroupID"), publicColumn("OCLC"),
                internal("Checksum", "whether a checksummed log is required; site setting"),
                internal("created", BOOKKEEPING), internal("updated", BOOKKEEPING)),
                "Requests; only visible ones are public."));
        t.add(new TableDef("requests_artists", List.of("RequestID", "Importance", "AliasID"), List.of(
                publicColumn("RequestID"), publicColumn("AliasID"), publicColumn("Importance"),
                internal("artist_role_id", "repeats Importance as a reference into artist_role"),
                secret("UserID", "who added it: identifies a user"), internal("created", BOOKKEEPING)),
                "Artists a request asks for, by alias and role."));
        t.add(new TableDef("requests_tags", List.of("TagID", "RequestID"), List.of(
                publicColumn("TagID"), publicColumn("RequestID")),
                "Tags of requests."));
        t.add(new TableDef("requests_votes", List.of("requests_votes_id"), List.of(
                internal("requests_votes_id", "one vote: votes leave only as per-request totals"),
                aggregate("RequestID", "the request a vote counts for"),
                secret("UserID", "who voted: identifies a user"),
                aggregate("Bounty", "summed into the request's bounty total"),
                secret("created", "when someone voted: with public activity it can identify the voter")),
                "Votes and bounties on requests; at most their sum and count per request may leave."));
    }

    /**
     * Album votes, counted per release group, in WhatCD's shape. OPS's similar artists are not
     * catalogued: removing a similarity deletes only its artists_similar_scores row and lets a
     * foreign key cascade delete the two artists_similar rows, below the binlog, where nothing
     * could retract them from mirrors.
     */
    private static void albumVotes(List<TableDef> t) {
        t.add(new TableDef("torrents_votes", List.of("GroupID"), List.of(
                publicColumn("GroupID"), publicColumn("Ups"), publicColumn("Total"),
                internal("Score", "derived: binomial_ci(Ups, Total), recomputed on every vote")),
                "Album votes per release group, counted."));
    }

    private static void privateTables(List<TableDef> t) {
        t.add(new TableDef("users_main", List.of("ID"), List.of(
                user("ID", "user id"), user("Username", "user name"), secret("Email", "contact"),
                secret("PassHash", "credential"), secret("IRCKey", "credential"), secret("IP", "address"),
                secret("title", "account"), secret("Enabled", "account"), secret("Paranoia", "privacy settings"),
                secret("Visible", "account"), secret("Invites", "account"), secret("PermissionID", "account"),
                secret("CustomPermissions", "account"), secret("can_leech", "account"),
                secret("torrent_pass", "passkey: credential"), secret("RequiredRatio", "account"),
                secret("ipcc", "address"), secret("created", "account"), secret("updated", "activity"),
                secret("auth_key", "credential"), secret("avatar", "profile"), secret("collage_total", "account"),
                secret("inviter_user_id", "account"), secret("profile_info", "profile"),
                secret("profile_title", "profile"), secret("slogan", "profile"), secret("stylesheet_id", "settings"),
                secret("stylesheet_url", "settings")),
                "User accounts."));
        t.add(new TableDef("pm_conversations", List.of("ID"), List.of(
                secret("ID", "private message"), secret("Subject", "private message")),
                "Private conversations."));
        t.add(new TableDef("pm_conversations_users", List.of("UserID", "ConvID"), List.of(
                secret("UserID", "private message"), secret("ConvID", "private message"),
                secret("InInbox", "private message"), secret("InSentbox", "private message"),
                secret("SentDate", "private message"), secret("ReceivedDate", "private message"),
                secret("UnRead", "private message"), secret("Sticky", "private message"),
                secret("ForwardedTo", "private message")),
                "Who takes part in a private conversation."));
        t.add(new TableDef("pm_messages", List.of("ID"), List.of(
                secret("ID", "private message"), secret("ConvID", "private message"),
                secret("SentDate", "private message"), secret("SenderID", "private message"),
                secret("Body", "private message")),
                "Private messages."));
    }
}
