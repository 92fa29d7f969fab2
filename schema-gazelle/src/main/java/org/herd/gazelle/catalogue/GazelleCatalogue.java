package org.herd.gazelle.catalogue;

import static org.herd.gazelle.catalogue.ColumnDef.aggregate;
import static org.herd.gazelle.catalogue.ColumnDef.internal;
import static org.herd.gazelle.catalogue.ColumnDef.optIn;
import static org.herd.gazelle.catalogue.ColumnDef.publicColumn;
import static org.herd.gazelle.catalogue.ColumnDef.rowFilter;
import static org.herd.gazelle.catalogue.ColumnDef.secret;
import static org.herd.gazelle.catalogue.ColumnDef.user;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Gazelle table Herd knows, per variant, with the privacy class of every column. This is
 * the single source of the allowlist: the sidecar captures only the public columns of the
 * replicated tables named here, the translator drops anything else again, and the leak tests
 * plant canaries in every private column listed here.
 */
public final class GazelleCatalogue {

    private static final String UPLOADER = "who did it: identifies a user";
    private static final String TRACKER = "tracker statistic, rewritten on every announce flush";

    private final GazelleVariant variant;
    private final Map<String, TableDef> tables;

    private GazelleCatalogue(GazelleVariant variant, List<TableDef> tables) {
        this.variant = variant;
        Map<String, TableDef> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        this.tables = Collections.unmodifiableMap(byName);
    }

    public static GazelleCatalogue of(GazelleVariant variant) {
        return switch (variant) {
            case WHATCD -> WHATCD;
            case OPS -> throw new UnsupportedOperationException("the OPS variant is not catalogued yet");
        };
    }

    public GazelleVariant variant() {
        return variant;
    }

    public List<TableDef> tables() {
        return List.copyOf(tables.values());
    }

    public Optional<TableDef> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public List<TableDef> replicatedTables() {
        return tables.values().stream().filter(TableDef::isReplicated).toList();
    }

    private static final GazelleCatalogue WHATCD = new GazelleCatalogue(GazelleVariant.WHATCD, whatcdTables());

    private static List<TableDef> whatcdTables() {
        List<TableDef> t = new ArrayList<>();
        t.add(new TableDef("artists_group", List.of("ArtistID"), List.of(
                publicColumn("ArtistID"), publicColumn("Name"), publicColumn("RevisionID"),
                publicColumn("VanityHouse"),
                internal("LastCommentID", "comment-thread bookkeeping")),
                "Artists."));
        t.add(new TableDef("artists_alias", List.of("AliasID"), List.of(
                publicColumn("AliasID"), publicColumn("ArtistID"), publicColumn("Name"), publicColumn("Redirect"),
                secret("UserID", UPLOADER)),
                "Names an artist is known by."));
        t.add(new TableDef("torrents_group", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("ArtistID"), publicColumn("CategoryID"), publicColumn("Name"),
                publicColumn("Year"), publicColumn("CatalogueNumber"), publicColumn("RecordLabel"),
                publicColumn("ReleaseType"),
                internal("TagList", "denormalised copy of torrents_tags"),
                publicColumn("Time"), publicColumn("RevisionID"), publicColumn("WikiBody"),
                publicColumn("WikiImage"), publicColumn("VanityHouse")),
                "Release groups."));
        t.add(new TableDef("torrents", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("GroupID"),
                secret("UserID", UPLOADER),
                publicColumn("Media"), publicColumn("Format"), publicColumn("Encoding"),
                publicColumn("Remastered"), publicColumn("RemasterYear"), publicColumn("RemasterTitle"),
                publicColumn("RemasterCatalogueNumber"), publicColumn("RemasterRecordLabel"),
                publicColumn("Scene"), publicColumn("HasLog"), publicColumn("HasCue"), publicColumn("LogScore"),
                optIn("info_hash", "identifies the content on the private tracker; publishing it is the operator's opt-in"),
                publicColumn("FileCount"), publicColumn("FileList"),
                internal("FilePath", "the uploader's folder name, not shown as catalogue data"),
                publicColumn("Size"),
                internal("Leechers", TRACKER), internal("Seeders", TRACKER), internal("last_action", TRACKER),
                publicColumn("FreeTorrent"),
                internal("FreeLeechType", "staff reason for a freeleech"),
                publicColumn("Time"), publicColumn("Description"),
                internal("Snatched", TRACKER), internal("balance", TRACKER),
                internal("LastReseedRequest", "site bookkeeping"),
                publicColumn("TranscodedFrom")),
                "Uploads: one edition in one media, format and encoding."));
        t.add(new TableDef("torrents_artists", List.of("GroupID", "ArtistID", "Importance"), List.of(
                publicColumn("GroupID"), publicColumn("ArtistID"), publicColumn("AliasID"),
                secret("UserID", UPLOADER), publicColumn("Importance")),
                "Artist credits of release groups, with their role."));
        t.add(new TableDef("tags", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), publicColumn("TagType"), publicColumn("Uses"),
                secret("UserID", UPLOADER)),
                "Tags."));
        t.add(new TableDef("torrents_tags", List.of("TagID", "GroupID"), List.of(
                publicColumn("TagID"), publicColumn("GroupID"), publicColumn("PositiveVotes"),
                publicColumn("NegativeVotes"), secret("UserID", UPLOADER)),
                "Tags on release groups with their votes."));
        for (String wiki : List.of("wiki_torrents", "wiki_artists")) {
            t.add(new TableDef(wiki, List.of("RevisionID"), List.of(
                    publicColumn("RevisionID"), publicColumn("PageID"), publicColumn("Body"),
                    secret("UserID", UPLOADER), publicColumn("Summary"), publicColumn("Time"),
                    publicColumn("Image")),
                    "Wiki revisions."));
        }
        collagesAndRequests(t);
        t.add(new TableDef("users_main", List.of("ID"), List.of(
                user("ID", "user id"), user("Username", "user name"), secret("Email", "contact"),
                secret("PassHash", "credential"), secret("Secret", "credential"), secret("IRCKey", "credential"),
                secret("LastLogin", "activity"), secret("LastAccess", "activity"), secret("IP", "address"),
                secret("Class", "account"), secret("Uploaded", "transfer totals"),
                secret("Downloaded", "transfer totals"), secret("Title", "account"), secret("Enabled", "account"),
                secret("Paranoia", "privacy settings"), secret("Visible", "account"), secret("Invites", "account"),
                secret("PermissionID", "account"), secret("CustomPermissions", "account"),
                secret("can_leech", "account"), secret("torrent_pass", "passkey: credential"),
                secret("RequiredRatio", "account"), secret("RequiredRatioWork", "account"),
                secret("ipcc", "address"), secret("FLTokens", "account")),
                "User accounts."));
        t.add(new TableDef("pm_messages", List.of("ID"), List.of(
                secret("ID", "private message"), secret("ConvID", "private message"),
                secret("SentDate", "private message"), secret("SenderID", "private message"),
                secret("Body", "private message")),
                "Private messages."));
        t.add(new TableDef("pm_conversations", List.of("ID"), List.of(
                secret("ID", "private message"), secret("Subject", "private message")),
                "Private conversations."));
        forumsAndComments(t);
        return t;
    }

    /**
     * Collages (user-made lists of release groups or artists) and requests (wanted releases with
     * bounties). Deleted collages and hidden requests never leave, and neither do their entries;
     * who added an entry or voted on a request stays home, votes leave only as totals.
     */
    private static void collagesAndRequests(List<TableDef> t) {
        t.add(new TableDef("collages", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), publicColumn("Description"),
                user("UserID", "the collage's owner"),
                internal("NumTorrents", "denormalised count of the collage's entries"),
                rowFilter("Deleted", "a deleted collage and its entries never leave"),
                publicColumn("Locked"), publicColumn("CategoryID"), publicColumn("TagList"),
                publicColumn("MaxGroups"), publicColumn("MaxGroupsPerUser"),
                internal("Featured", "the owner's profile setting"),
                internal("Subscribers", "site bookkeeping"),
                publicColumn("updated")),
                "Collages: lists of release groups or artists made by users."));
        t.add(new TableDef("collages_torrents", List.of("CollageID", "GroupID"), List.of(
                publicColumn("CollageID"), publicColumn("GroupID"), secret("UserID", UPLOADER),
                publicColumn("Sort"), publicColumn("AddedOn")),
                "Release groups in collages, in the collage's order."));
        t.add(new TableDef("collages_artists", List.of("CollageID", "ArtistID"), List.of(
                publicColumn("CollageID"), publicColumn("ArtistID"), secret("UserID", UPLOADER),
                publicColumn("Sort"), publicColumn("AddedOn")),
                "Artists in artist collages, in the collage's order."));
        t.add(new TableDef("requests", List.of("ID"), List.of(
                publicColumn("ID"), user("UserID", "who made the request"),
                publicColumn("TimeAdded"), publicColumn("LastVote"), publicColumn("CategoryID"),
                publicColumn("Title"), publicColumn("Year"), publicColumn("Image"), publicColumn("Description"),
                publicColumn("ReleaseType"), publicColumn("CatalogueNumber"), publicColumn("BitrateList"),
                publicColumn("FormatList"), publicColumn("MediaList"), publicColumn("LogCue"),
                user("FillerID", "who filled the request"), publicColumn("TorrentID"), publicColumn("TimeFilled"),
                rowFilter("Visible", "a hidden request and its artists and tags never leave"),
                publicColumn("RecordLabel"), publicColumn("GroupID"), publicColumn("OCLC")),
                "Requests: releases users want uploaded, with bounties."));
        t.add(new TableDef("requests_artists", List.of("RequestID", "AliasID"), List.of(
                publicColumn("RequestID"), publicColumn("ArtistID"), publicColumn("AliasID"),
                publicColumn("Importance")),
                "Artists of music requests, with their role."));
        t.add(new TableDef("requests_tags", List.of("TagID", "RequestID"), List.of(
                publicColumn("TagID"), publicColumn("RequestID")),
                "Tags on requests."));
        t.add(new TableDef("requests_votes", List.of("RequestID", "UserID"), List.of(
                aggregate("RequestID", "the request a vote counts for"),
                secret("UserID", "who voted"),
                aggregate("Bounty", "summed into the request's bounty total")),
                "Votes on requests with the bounty each voter put up; published only as totals."));
    }

    // Forums and comments -------------------------------------------------------------------------

    private static final String AUTHOR = "who wrote it: leaves only as the user policy allows";
    private static final String EDITOR = "who edited it, often a moderator: identifies a user";
    private static final String COUNTER = "denormalised counter a mirror recomputes from the published rows";
    private static final String LAST_POST = "denormalised copy of the latest post, recomputable from forum_post";

    /**
     * Staff forums share these tables with public ones: a forum leaves only when every user class
     * may read it (MinClassRead, a row filter), and its topics and posts follow it.
     */
    private static void forumsAndComments(List<TableDef> t) {
        t.add(new TableDef("forums_categories", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), publicColumn("Sort")),
                "Groups of forums on the forum index."));
        t.add(new TableDef("forums", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("CategoryID"), publicColumn("Sort"), publicColumn("Name"),
                publicColumn("Description"),
                rowFilter("MinClassRead", "the lowest user class that may read the forum: staff forums stay home"),
                internal("MinClassWrite", "the origin's access control, meaningless without its class ladder"),
                internal("MinClassCreate", "the origin's access control, meaningless without its class ladder"),
                internal("NumTopics", COUNTER), internal("NumPosts", COUNTER),
                internal("LastPostID", LAST_POST),
                internal("LastPostAuthorID", "denormalised copy of the latest post's AuthorID, which leaves as "
                        + "that post's author"),
                internal("LastPostTopicID", LAST_POST), internal("LastPostTime", LAST_POST),
                internal("AutoLock", "site bookkeeping: the scheduler's auto-lock of old topics"),
                internal("AutoLockWeeks", "site bookkeeping: the scheduler's auto-lock of old topics")),
                "Forums, staff forums among them."));
        t.add(new TableDef("forums_topics", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Title"), user("AuthorID", AUTHOR), publicColumn("IsLocked"),
                publicColumn("IsSticky"), publicColumn("ForumID"),
                internal("NumPosts", COUNTER),
                internal("LastPostID", LAST_POST), internal("LastPostTime", LAST_POST),
                internal("LastPostAuthorID", "denormalised copy of the latest post's AuthorID, which leaves as "
                        + "that post's author"),
                publicColumn("StickyPostID"), publicColumn("Ranking"), publicColumn("CreatedTime")),
                "Forum topics (threads)."));
        t.add(new TableDef("forums_posts", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("TopicID"), user("AuthorID", AUTHOR), publicColumn("AddedTime"),
                publicColumn("Body"), secret("EditedUserID", EDITOR), publicColumn("EditedTime")),
                "Forum posts."));
        t.add(new TableDef("comments", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Page"), publicColumn("PageID"), user("AuthorID", AUTHOR),
                publicColumn("AddedTime"), publicColumn("Body"), secret("EditedUserID", EDITOR),
                publicColumn("EditedTime")),
                "Comments on artist, collage, request and release group pages."));
    }
}
