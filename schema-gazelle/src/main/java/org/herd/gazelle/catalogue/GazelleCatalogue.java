package org.herd.gazelle.catalogue;

import static org.herd.gazelle.catalogue.ColumnDef.aggregate;
import static org.herd.gazelle.catalogue.ColumnDef.internal;
import static org.herd.gazelle.catalogue.ColumnDef.optIn;
import static org.herd.gazelle.catalogue.ColumnDef.prose;
import static org.herd.gazelle.catalogue.ColumnDef.publicColumn;
import static org.herd.gazelle.catalogue.ColumnDef.ripLog;
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
 * plant canaries in every private column listed here. It also says which public columns are free
 * text ({@link TextKind}), which the translator scrubs of pasted secrets before publishing.
 */
public final class GazelleCatalogue {

    private static final String UPLOADER = "who did it: identifies a user";
    private static final String TRACKER = "tracker statistic, rewritten on every announce flush";
    private static final String VOTER = "who voted how: identifies a user";
    private static final String SEARCH = "search-index queue: copies of public and tracker columns";

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
            case OPS -> OPS;
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

    /**
     * The free-text columns of the replicated tables, by table, in DDL order: what the translator
     * scrubs before a mapping reads a row (see {@link TextKind}).
     */
    public Map<String, List<ColumnDef>> freeTextColumns() {
        Map<String, List<ColumnDef>> byTable = new LinkedHashMap<>();
        for (TableDef t : replicatedTables()) {
            List<ColumnDef> text = t.freeTextColumns();
            if (!text.isEmpty()) {
                byTable.put(t.name(), text);
            }
        }
        return Collections.unmodifiableMap(byTable);
    }

    private static final GazelleCatalogue WHATCD = new GazelleCatalogue(GazelleVariant.WHATCD, whatcdTables());

    private static final GazelleCatalogue OPS = new GazelleCatalogue(GazelleVariant.OPS, OpsTables.tables());

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
                publicColumn("Time"), publicColumn("RevisionID"), prose("WikiBody"),
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
                publicColumn("Time"), prose("Description"),
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
                    publicColumn("RevisionID"), publicColumn("PageID"), prose("Body"),
                    secret("UserID", UPLOADER), prose("Summary"), publicColumn("Time"),
                    publicColumn("Image")),
                    "Wiki revisions."));
        }
        collagesAndRequests(t);
        // Similar artists, album votes, rip logs
        t.add(new TableDef("artists_similar", List.of("ArtistID", "SimilarID"), List.of(
                publicColumn("ArtistID"), publicColumn("SimilarID")),
                "The two artists of each similarity."));
        t.add(new TableDef("artists_similar_scores", List.of("SimilarID"), List.of(
                publicColumn("SimilarID"), publicColumn("Score")),
                "Similarities between artists with the score their votes gave them."));
        t.add(new TableDef("torrents_votes", List.of("GroupID"), List.of(
                publicColumn("GroupID"), publicColumn("Ups"), publicColumn("Total"),
                internal("Score", "derived: binomial_ci(Ups, Total), recomputed on every vote")),
                "Album votes per release group, counted."));
        t.add(new TableDef("torrents_logs_new", List.of("LogID"), List.of(
                publicColumn("LogID"), publicColumn("TorrentID"), ripLog("Log"),
                // The checker's findings: machine-written, but scrubbed as prose in case a checker quotes a line.
                prose("Details"),
                publicColumn("Score"), publicColumn("Revision"), publicColumn("Adjusted"),
                secret("AdjustedBy", "the staff member who adjusted the score: identifies a user"),
                publicColumn("NotEnglish"),
                secret("AdjustmentReason", "staff note on the adjustment; may name users")),
                "Rip logs with the log checker's score; every member reads them on the release's log page."));
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
        t.addAll(privateTables());
        return t;
    }

    /**
     * Collages (user-made lists of release groups or artists) and requests (wanted releases with
     * bounties). Deleted collages and hidden requests never leave, and neither do their entries;
     * who added an entry or voted on a request stays home, votes leave only as totals.
     */
    private static void collagesAndRequests(List<TableDef> t) {
        t.add(new TableDef("collages", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Name"), prose("Description"),
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
                publicColumn("Title"), publicColumn("Year"), publicColumn("Image"), prose("Description"),
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
                prose("Description"),
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
                prose("Body"), secret("EditedUserID", EDITOR), publicColumn("EditedTime")),
                "Forum posts."));
        t.add(new TableDef("comments", List.of("ID"), List.of(
                publicColumn("ID"), publicColumn("Page"), publicColumn("PageID"), user("AuthorID", AUTHOR),
                publicColumn("AddedTime"), prose("Body"), secret("EditedUserID", EDITOR),
                publicColumn("EditedTime")),
                "Comments on artist, collage, request and release group pages."));
    }

    /** Tables that never leave, each column with the reason; present so that leak tests plant secrets there. */
    private static List<TableDef> privateTables() {
        List<TableDef> t = new ArrayList<>();
        t.add(privateTable("users_info", List.of(), "Profiles and account settings.",
                "UserID", "user id",
                "StyleID", "settings", "StyleURL", "settings", "Info", "profile text",
                "Avatar", "profile image URL", "AdminComment", "staff notes on the user",
                "SiteOptions", "settings", "ViewAvatars", "settings", "Donor", "account",
                "Artist", "account", "DownloadAlt", "settings", "Warned", "discipline",
                "SupportFor", "account", "TorrentGrouping", "settings", "ShowTags", "settings",
                "NotifyOnQuote", "settings", "AuthKey", "credential: form token of every session",
                "ResetKey", "credential: password reset token", "ResetExpires", "credential",
                "JoinDate", "account", "Inviter", "who invited the user",
                "BitcoinAddress", "payment address", "WarnedTimes", "discipline",
                "DisableAvatar", "discipline", "DisableInvites", "discipline", "DisablePosting", "discipline",
                "DisableForums", "discipline", "DisableIRC", "discipline", "DisableTagging", "discipline",
                "DisableUpload", "discipline", "DisableWiki", "discipline", "DisablePM", "discipline",
                "RatioWatchEnds", "discipline", "RatioWatchDownload", "transfer totals",
                "RatioWatchTimes", "discipline", "BanDate", "discipline", "BanReason", "discipline",
                "CatchupTime", "activity", "LastReadNews", "activity", "HideCountryChanges", "settings",
                "RestrictedForums", "account", "DisableRequests", "discipline", "PermittedForums", "account",
                "UnseededAlerts", "settings", "LastReadBlog", "activity", "InfoTitle", "profile text"));
        t.add(privateTable("users_sessions", List.of("UserID", "SessionID"), "Login sessions.",
                "UserID", "user id", "SessionID", "session id: credential", "KeepLogged", "session",
                "Browser", "client", "OperatingSystem", "client", "IP", "address", "LastUpdate", "activity",
                "Active", "session", "FullUA", "client"));
        t.add(privateTable("invites", List.of("InviteKey"), "Pending invitations.",
                "InviterID", "user id", "InviteKey", "credential: the invitation's key", "Email", "contact",
                "Expires", "invitation", "Reason", "invitation"));
        t.add(privateTable("invite_tree", List.of("UserID"), "Who invited whom.",
                "UserID", "user id", "InviterID", "user id", "TreePosition", "invitation tree",
                "TreeID", "invitation tree", "TreeLevel", "invitation tree"));
        t.add(privateTable("ip_bans", List.of("ID"), "Banned address ranges.",
                "ID", "ban", "FromIP", "address", "ToIP", "address", "Reason", "staff note"));
        t.add(privateTable("login_attempts", List.of("ID"), "Failed logins.",
                "ID", "login attempt", "UserID", "user id", "IP", "address", "LastAttempt", "activity",
                "Attempts", "activity", "BannedUntil", "discipline", "Bans", "discipline"));
        t.add(privateTable("users_history_emails", List.of(), "E-mail address history.",
                "UserID", "user id", "Email", "contact", "Time", "activity", "IP", "address"));
        t.add(privateTable("users_history_passwords", List.of(), "Password change history.",
                "UserID", "user id", "ChangeTime", "activity", "ChangerIP", "address"));
        t.add(privateTable("users_history_ips", List.of("UserID", "IP", "StartTime"), "Address history.",
                "UserID", "user id", "IP", "address", "StartTime", "activity", "EndTime", "activity"));
        t.add(privateTable("email_blacklist", List.of("ID"), "Refused e-mail addresses.",
                "ID", "staff record", "UserID", "user id", "Email", "contact", "Time", "staff record",
                "Comment", "staff note"));
        t.add(privateTable("staff_pm_conversations", List.of("ID"), "Conversations with staff.",
                "ID", "staff message", "Subject", "staff message", "UserID", "user id", "Status", "staff message",
                "Level", "staff message", "AssignedToUser", "user id", "Date", "staff message",
                "Unread", "staff message", "ResolverID", "user id"));
        t.add(privateTable("staff_pm_messages", List.of("ID"), "Messages to and from staff.",
                "ID", "staff message", "UserID", "user id", "SentDate", "staff message",
                "Message", "staff message body", "ConvID", "staff message"));
        t.add(privateTable("reports", List.of("ID"), "Reports to staff.",
                "ID", "report", "UserID", "user id", "ThingID", "report", "Type", "report", "Comment", "report",
                "ResolverID", "user id", "Status", "report", "ResolvedTime", "report", "ReportedTime", "report",
                "Reason", "report", "ClaimerID", "user id", "Notes", "staff note"));
        t.add(privateTable("reportsv2", List.of("ID"), "Torrent reports.",
                "ID", "report", "ReporterID", "user id", "TorrentID", "report", "Type", "report",
                "UserComment", "report", "ResolverID", "user id", "Status", "report", "ReportedTime", "report",
                "LastChangeTime", "report", "ModComment", "staff note", "Track", "report", "Image", "report",
                "ExtraID", "report", "Link", "report", "LogMessage", "staff note"));
        t.add(privateTable("log", List.of("ID"), "The site log.",
                "ID", "site log", "Message", "site log: names users", "Time", "site log"));
        t.add(privateTable("group_log", List.of("ID"), "Group edit history.",
                "ID", "edit history", "GroupID", "edit history", "TorrentID", "edit history", "UserID", "user id",
                "Info", "edit history: names users", "Time", "edit history", "Hidden", "edit history"));
        t.add(privateTable("torrents_files", List.of("TorrentID"), "The .torrent files.",
                "TorrentID", "torrent file", "File", "torrent file: the content's info hash, tracker data"));
        t.add(privateTable("torrents_peerlists", List.of("TorrentID"), "Peer counts per torrent.",
                "TorrentID", "tracker statistic", "GroupID", "tracker statistic", "Seeders", "tracker statistic",
                "Leechers", "tracker statistic", "Snatches", "tracker statistic"));
        t.add(privateTable("xbt_files_users", List.of("peer_id", "fid", "uid"), "The tracker's peers.",
                "uid", "user id", "active", "peer", "announced", "peer", "completed", "peer",
                "downloaded", "transfer totals", "remaining", "peer", "uploaded", "transfer totals",
                "upspeed", "peer", "downspeed", "peer", "corrupt", "peer", "timespent", "peer",
                "useragent", "client", "connectable", "peer", "peer_id", "client id", "fid", "peer",
                "mtime", "activity", "ip", "address"));
        t.add(privateTable("xbt_snatched", List.of(), "Completed downloads.",
                "uid", "user id", "tstamp", "activity", "fid", "activity", "IP", "address"));
        t.add(privateTable("bookmarks_torrents", List.of(), "Bookmarks.",
                "UserID", "user id", "GroupID", "bookmark", "Time", "bookmark", "Sort", "bookmark"));
        t.add(privateTable("friends", List.of("UserID", "FriendID"), "Friends lists.",
                "UserID", "user id", "FriendID", "user id", "Comment", "private note"));
        t.add(privateTable("donations", List.of(), "Donations.",
                "UserID", "user id", "Amount", "payment", "Email", "contact", "Time", "payment",
                "Currency", "payment", "Source", "payment", "Reason", "staff note", "Rank", "payment",
                "AddedBy", "user id", "TotalRank", "payment"));
        t.add(privateTable("api_users", List.of("UserID", "AppID"), "API tokens.",
                "UserID", "user id", "AppID", "API access", "Token", "credential", "State", "API access",
                "Time", "API access", "Access", "API access"));
        t.add(privateTable("sphinx_delta", List.of("ID"), "The search index's delta queue.",
                "ID", SEARCH, "GroupID", SEARCH, "GroupName", SEARCH, "ArtistName", SEARCH, "TagList", SEARCH,
                "Year", SEARCH, "CatalogueNumber", SEARCH, "RecordLabel", SEARCH, "CategoryID", SEARCH,
                "Time", SEARCH, "ReleaseType", SEARCH, "Size", SEARCH, "Snatched", SEARCH, "Seeders", SEARCH,
                "Leechers", SEARCH, "LogScore", SEARCH, "Scene", SEARCH, "VanityHouse", SEARCH, "HasLog", SEARCH,
                "HasCue", SEARCH, "FreeTorrent", SEARCH, "Media", SEARCH, "Format", SEARCH, "Encoding", SEARCH,
                "RemasterYear", SEARCH, "RemasterTitle", SEARCH, "RemasterRecordLabel", SEARCH,
                "RemasterCatalogueNumber", SEARCH, "FileList", SEARCH, "Description", SEARCH,
                "VoteScore", SEARCH, "LastChanged", SEARCH));
        t.add(privateTable("site_options", List.of("ID"), "Run-time site settings.",
                "ID", "site setting", "Name", "site setting", "Value", "site setting", "Comment", "site setting"));
        t.add(privateTable("schedule", List.of(), "The scheduler's state.",
                "NextHour", "site bookkeeping", "NextDay", "site bookkeeping", "NextBiWeekly", "site bookkeeping"));
        t.add(privateTable("users_votes", List.of("UserID", "GroupID"), "Who voted for which album.",
                "UserID", VOTER, "GroupID", VOTER, "Type", VOTER, "Time", VOTER));
        t.add(privateTable("artists_similar_votes", List.of("SimilarID", "UserID", "Way"),
                "Who voted on which artist similarity.",
                "SimilarID", VOTER, "UserID", VOTER, "Way", VOTER));
        return t;
    }

    /** A table whose every column is private: name, reason, name, reason, ... in DDL order. */
    private static TableDef privateTable(String name, List<String> primaryKey, String note, String... columnsAndWhy) {
        if (columnsAndWhy.length % 2 != 0) {
            throw new IllegalArgumentException(name + ": every column needs its reason");
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 0; i < columnsAndWhy.length; i += 2) {
            columns.add(secret(columnsAndWhy[i], columnsAndWhy[i + 1]));
        }
        return new TableDef(name, primaryKey, columns, note);
    }
}
