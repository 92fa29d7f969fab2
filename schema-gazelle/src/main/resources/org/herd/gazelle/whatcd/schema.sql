-- Herd: the WhatCD (2016) Gazelle tables the sidecar reads.
--
-- Only the tables in Herd's catalogue are defined here. Column names, types, NULL-ability,
-- defaults, enum values, index names and the table character set follow the original what.cd
-- database exactly, because the sidecar and the translator must meet the real thing:
-- defaults, enum values, keys (and their absence), foreign keys, storage engines and the table
-- character set follow the original what.cd database exactly, because the sidecar and the
-- translator must meet the real thing:
--   * every table is declared with the legacy 3-byte `utf8` character set (utf8mb3), so nothing
--     outside the Basic Multilingual Plane can be stored;
--   * "never" and "unknown" are the zero date '0000-00-00 00:00:00', used as a column default,
--     which only loads when the session's sql_mode is not strict (GazelleSchema.load sets it);
--   * yes/no flags are enum('0','1') strings, not booleans;
--   * several NOT NULL text columns (TagList, WikiBody, WikiImage, Title) have no default: the PHP
--     code always supplies them, and a non-strict server fills in '' when it does not;
--   * some tables have no primary key, and three are MyISAM (no transactions);
--   * torrents_votes and users_votes rely on ON DELETE CASCADE foreign keys, whose deletions InnoDB
--     makes without writing them to the binlog.
--
-- Statements are separated by a semicolon at the end of a line; GazelleSchema splits on it.

-- Artists ----------------------------------------------------------------------------------------

-- One row per artist. Name is the display name; RevisionID points at the current wiki_artists
-- revision (NULL until someone writes a biography).
CREATE TABLE `artists_group` (
    `ArtistID`      int(10)      NOT NULL AUTO_INCREMENT,
    `Name`          varchar(200)          DEFAULT NULL,
    `RevisionID`    int(12)               DEFAULT NULL,
    `VanityHouse`   tinyint(1)            DEFAULT '0',
    `LastCommentID` int(10)      NOT NULL DEFAULT '0',
    PRIMARY KEY (`ArtistID`),
    KEY `Name`       (`Name`),
    KEY `RevisionID` (`RevisionID`)
) ENGINE=InnoDB CHARSET utf8;

-- Every name an artist is known by, the artist's own name included. Redirect is the AliasID a
-- non-preferred spelling forwards to, 0 for none.
CREATE TABLE `artists_alias` (
    `AliasID`  int(10)          NOT NULL AUTO_INCREMENT,
    `ArtistID` int(10)          NOT NULL,
    `Name`     varchar(200)              DEFAULT NULL,
    `Redirect` int(10)          NOT NULL DEFAULT '0',
    `UserID`   int(10) unsigned NOT NULL DEFAULT '0',
    PRIMARY KEY (`AliasID`),
    KEY `ArtistID` (`ArtistID`),
    KEY `Name`     (`Name`)
) ENGINE=InnoDB CHARSET utf8;

-- Release groups and their uploads ---------------------------------------------------------------

-- A release group ("album"): the work, independent of edition and format. TagList and
-- WikiBody/WikiImage are denormalised copies kept in step by the PHP code: TagList of the group's
-- torrents_tags names, the wiki columns of the revision that RevisionID names.
CREATE TABLE `torrents_group` (
    `ID`              int(10)      NOT NULL AUTO_INCREMENT,
    `ArtistID`        int(10)               DEFAULT NULL,
    `CategoryID`      int(3)                DEFAULT NULL,
    `Name`            varchar(300)          DEFAULT NULL,
    `Year`            int(4)                DEFAULT NULL,
    `CatalogueNumber` varchar(80)  NOT NULL DEFAULT '',
    `RecordLabel`     varchar(80)  NOT NULL DEFAULT '',
    `ReleaseType`     tinyint(2)            DEFAULT '21',
    `TagList`         varchar(500) NOT NULL,
    `Time`            datetime     NOT NULL DEFAULT '0000-00-00 00:00:00',
    `RevisionID`      int(12)               DEFAULT NULL,
    `WikiBody`        text         NOT NULL,
    `WikiImage`       varchar(255) NOT NULL,
    `VanityHouse`     tinyint(1)            DEFAULT '0',
    PRIMARY KEY (`ID`),
    KEY `ArtistID`   (`ArtistID`),
    KEY `CategoryID` (`CategoryID`),
    KEY `Name`       (`Name`(255)),
    KEY `Year`       (`Year`),
    KEY `Time`       (`Time`),
    KEY `RevisionID` (`RevisionID`)
) ENGINE=InnoDB CHARSET utf8;

-- One upload: an edition of a group in one media, format and encoding. The tracker (Ocelot)
-- rewrites Seeders, Leechers, Snatched, balance and last_action on every flush; info_hash is the
-- 20-byte SHA-1 of the torrent's info dictionary, unique on its first 40 bytes.
CREATE TABLE `torrents` (
    `ID`                      int(10)                                 NOT NULL AUTO_INCREMENT,
    `GroupID`                 int(10)                                 NOT NULL,
    `UserID`                  int(10)                                          DEFAULT NULL,
    `Media`                   varchar(20)                                      DEFAULT NULL,
    `Format`                  varchar(10)                                      DEFAULT NULL,
    `Encoding`                varchar(15)                                      DEFAULT NULL,
    `Remastered`              enum('0','1')                           NOT NULL DEFAULT '0',
    `RemasterYear`            int(4)                                           DEFAULT NULL,
    `RemasterTitle`           varchar(80)                             NOT NULL DEFAULT '',
    `RemasterCatalogueNumber` varchar(80)                             NOT NULL DEFAULT '',
    `RemasterRecordLabel`     varchar(80)                             NOT NULL DEFAULT '',
    `Scene`                   enum('0','1')                           NOT NULL DEFAULT '0',
    `HasLog`                  enum('0','1')                           NOT NULL DEFAULT '0',
    `HasCue`                  enum('0','1')                           NOT NULL DEFAULT '0',
    `LogScore`                int(6)                                  NOT NULL DEFAULT '0',
    `info_hash`               blob                                    NOT NULL,
    `FileCount`               int(6)                                  NOT NULL,
    `FileList`                mediumtext                              NOT NULL,
    `FilePath`                varchar(255)                            NOT NULL DEFAULT '',
    `Size`                    bigint(12)                              NOT NULL,
    `Leechers`                int(6)                                  NOT NULL DEFAULT '0',
    `Seeders`                 int(6)                                  NOT NULL DEFAULT '0',
    `last_action`             datetime                                NOT NULL DEFAULT '0000-00-00 00:00:00',
    `FreeTorrent`             enum('0','1','2')                       NOT NULL DEFAULT '0',
    `FreeLeechType`           enum('0','1','2','3','4','5','6','7')   NOT NULL DEFAULT '0',
    `Time`                    datetime                                NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Description`             text,
    `Snatched`                int(10) unsigned                        NOT NULL DEFAULT '0',
    `balance`                 bigint(20)                              NOT NULL DEFAULT '0',
    `LastReseedRequest`       datetime                                NOT NULL DEFAULT '0000-00-00 00:00:00',
    `TranscodedFrom`          int(10)                                 NOT NULL DEFAULT '0',
    PRIMARY KEY (`ID`),
    UNIQUE KEY `InfoHash` (`info_hash`(40)),
    KEY `GroupID`     (`GroupID`),
    KEY `UserID`      (`UserID`),
    KEY `Media`       (`Media`),
    KEY `Format`      (`Format`),
    KEY `Encoding`    (`Encoding`),
    KEY `Year`        (`RemasterYear`),
    KEY `FileCount`   (`FileCount`),
    KEY `Size`        (`Size`),
    KEY `Seeders`     (`Seeders`),
    KEY `Leechers`    (`Leechers`),
    KEY `Snatched`    (`Snatched`),
    KEY `last_action` (`last_action`),
    KEY `Time`        (`Time`),
    KEY `FreeTorrent` (`FreeTorrent`)
) ENGINE=InnoDB CHARSET utf8;

-- Artist credits of a group. Importance is the role as a one-character enum: '1' main,
-- '2' guest, '3' remixer, '4' composer, '5' conductor, '6' DJ / compiler, '7' producer. The same
-- artist may hold several roles on one group, hence the three-column key.
CREATE TABLE `torrents_artists` (
    `GroupID`    int(10)                             NOT NULL,
    `ArtistID`   int(10)                             NOT NULL,
    `AliasID`    int(10)                             NOT NULL,
    `UserID`     int(10) unsigned                    NOT NULL DEFAULT '0',
    `Importance` enum('1','2','3','4','5','6','7')   NOT NULL DEFAULT '1',
    PRIMARY KEY (`GroupID`,`ArtistID`,`Importance`),
    KEY `ArtistID`   (`ArtistID`),
    KEY `AliasID`    (`AliasID`),
    KEY `Importance` (`Importance`),
    KEY `GroupID`    (`GroupID`),
    KEY `UserID`     (`UserID`)
) ENGINE=InnoDB CHARSET utf8;

-- Tags ---------------------------------------------------------------------------------------------

-- Tag names are unique (case-insensitively, by the table's collation); Uses counts the groups
-- carrying the tag and is maintained by the PHP code, not by a trigger.
CREATE TABLE `tags` (
    `ID`      int(10)                NOT NULL AUTO_INCREMENT,
    `Name`    varchar(100)                    DEFAULT NULL,
    `TagType` enum('genre','other')  NOT NULL DEFAULT 'other',
    `Uses`    int(12)                NOT NULL DEFAULT '1',
    `UserID`  int(10)                         DEFAULT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name_2` (`Name`),
    KEY `TagType` (`TagType`),
    KEY `Uses`    (`Uses`),
    KEY `UserID`  (`UserID`)
) ENGINE=InnoDB CHARSET utf8;

-- A tag on a release group with its up and down votes (both start at 1).
CREATE TABLE `torrents_tags` (
    `TagID`         int(10) NOT NULL DEFAULT '0',
    `GroupID`       int(10) NOT NULL DEFAULT '0',
    `PositiveVotes` int(6)  NOT NULL DEFAULT '1',
    `NegativeVotes` int(6)  NOT NULL DEFAULT '1',
    `UserID`        int(10)          DEFAULT NULL,
    PRIMARY KEY (`TagID`,`GroupID`),
    KEY `TagID`         (`TagID`),
    KEY `GroupID`       (`GroupID`),
    KEY `PositiveVotes` (`PositiveVotes`),
    KEY `NegativeVotes` (`NegativeVotes`),
    KEY `UserID`        (`UserID`)
) ENGINE=InnoDB CHARSET utf8;

-- Wikis ------------------------------------------------------------------------------------------

-- Revision history of release-group descriptions: PageID is the torrents_group ID. Every edit
-- appends a row; the group's RevisionID names the current one.
CREATE TABLE `wiki_torrents` (
    `RevisionID` int(12)      NOT NULL AUTO_INCREMENT,
    `PageID`     int(10)      NOT NULL DEFAULT '0',
    `Body`       text,
    `UserID`     int(10)      NOT NULL DEFAULT '0',
    `Summary`    varchar(100)          DEFAULT NULL,
    `Time`       datetime     NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Image`      varchar(255)          DEFAULT NULL,
    PRIMARY KEY (`RevisionID`),
    KEY `PageID` (`PageID`),
    KEY `UserID` (`UserID`),
    KEY `Time`   (`Time`)
) ENGINE=InnoDB CHARSET utf8;

-- Revision history of artist biographies: PageID is the artists_group ArtistID.
CREATE TABLE `wiki_artists` (
    `RevisionID` int(12)      NOT NULL AUTO_INCREMENT,
    `PageID`     int(10)      NOT NULL DEFAULT '0',
    `Body`       text,
    `UserID`     int(10)      NOT NULL DEFAULT '0',
    `Summary`    varchar(100)          DEFAULT NULL,
    `Time`       datetime     NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Image`      varchar(255)          DEFAULT NULL,
    PRIMARY KEY (`RevisionID`),
    KEY `PageID` (`PageID`),
    KEY `UserID` (`UserID`),
    KEY `Time`   (`Time`)
) ENGINE=InnoDB CHARSET utf8;

-- Collages and requests ----------------------------------------------------------------------------

-- A collage: a user-made list of release groups (or, in category 7, of artists). CategoryID is
-- 0 personal, 1 theme, 2 genre introduction, 3 discography, 4 label, 5 staff picks, 6 charts,
-- 7 artists. Deleting a personal collage removes the row and its entries; any other collage is
-- only flagged Deleted = '1' (and can be recovered). Deleted is the one nullable flag: the site's
-- lists show a collage only WHERE Deleted = '0'. NumTorrents counts the entries; `updated` has no
-- default and stays a zero date until the first entry is added.
CREATE TABLE `collages` (
    `ID`               int(10)       NOT NULL AUTO_INCREMENT,
    `Name`             varchar(100)  NOT NULL DEFAULT '',
    `Description`      text          NOT NULL,
    `UserID`           int(10)       NOT NULL DEFAULT '0',
    `NumTorrents`      int(4)        NOT NULL DEFAULT '0',
    `Deleted`          enum('0','1')          DEFAULT '0',
    `Locked`           enum('0','1') NOT NULL DEFAULT '0',
    `CategoryID`       int(2)        NOT NULL DEFAULT '1',
    `TagList`          varchar(500)  NOT NULL DEFAULT '',
    `MaxGroups`        int(10)       NOT NULL DEFAULT '0',
    `MaxGroupsPerUser` int(10)       NOT NULL DEFAULT '0',
    `Featured`         tinyint(4)    NOT NULL DEFAULT '0',
    `Subscribers`      int(10)                DEFAULT '0',
    `updated`          datetime      NOT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name` (`Name`),
    KEY `UserID`     (`UserID`),
    KEY `CategoryID` (`CategoryID`)
) ENGINE=InnoDB CHARSET utf8;

-- The release groups of a collage. Sort orders the list; the PHP code appends at MAX(Sort) + 10.
-- UserID is who added the entry.
CREATE TABLE `collages_torrents` (
    `CollageID` int(10)  NOT NULL,
    `GroupID`   int(10)  NOT NULL,
    `UserID`    int(10)  NOT NULL,
    `Sort`      int(10)  NOT NULL DEFAULT '0',
    `AddedOn`   datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
    PRIMARY KEY (`CollageID`,`GroupID`),
    KEY `UserID` (`UserID`),
    KEY `Sort`   (`Sort`)
) ENGINE=InnoDB CHARSET utf8;

-- The artists of an artist collage (category 7), ordered like collages_torrents.
CREATE TABLE `collages_artists` (
    `CollageID` int(10)  NOT NULL,
    `ArtistID`  int(10)  NOT NULL,
    `UserID`    int(10)  NOT NULL,
    `Sort`      int(10)  NOT NULL DEFAULT '0',
    `AddedOn`   datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
    PRIMARY KEY (`CollageID`,`ArtistID`),
    KEY `UserID` (`UserID`),
    KEY `Sort`   (`Sort`)
) ENGINE=InnoDB CHARSET utf8;

-- A request for a release nobody has uploaded yet. The three lists name the acceptable encodings
-- (BitrateList), formats and media joined by '|', or hold 'Any'; they, ReleaseType and LogCue are
-- set for music requests only. A fill sets FillerID, TorrentID and TimeFilled (0 and the zero date
-- while unfilled). Visible is a binary(1) holding the character '1' or '0'; staff hide a request
-- by setting it to '0'.
CREATE TABLE `requests` (
    `ID`              int(10) unsigned NOT NULL AUTO_INCREMENT,
    `UserID`          int(10) unsigned NOT NULL DEFAULT '0',
    `TimeAdded`       datetime         NOT NULL,
    `LastVote`        datetime                  DEFAULT NULL,
    `CategoryID`      int(3)           NOT NULL,
    `Title`           varchar(255)              DEFAULT NULL,
    `Year`            int(4)                    DEFAULT NULL,
    `Image`           varchar(255)              DEFAULT NULL,
    `Description`     text             NOT NULL,
    `ReleaseType`     tinyint(2)                DEFAULT NULL,
    `CatalogueNumber` varchar(50)      NOT NULL,
    `BitrateList`     varchar(255)              DEFAULT NULL,
    `FormatList`      varchar(255)              DEFAULT NULL,
    `MediaList`       varchar(255)              DEFAULT NULL,
    `LogCue`          varchar(20)               DEFAULT NULL,
    `FillerID`        int(10) unsigned NOT NULL DEFAULT '0',
    `TorrentID`       int(10) unsigned NOT NULL DEFAULT '0',
    `TimeFilled`      datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Visible`         binary(1)        NOT NULL DEFAULT '1',
    `RecordLabel`     varchar(80)               DEFAULT NULL,
    `GroupID`         int(10)                   DEFAULT NULL,
    `OCLC`            varchar(55)      NOT NULL DEFAULT '',
    PRIMARY KEY (`ID`),
    KEY `Userid`     (`UserID`),
    KEY `Name`       (`Title`),
    KEY `Filled`     (`TorrentID`),
    KEY `FillerID`   (`FillerID`),
    KEY `TimeAdded`  (`TimeAdded`),
    KEY `Year`       (`Year`),
    KEY `TimeFilled` (`TimeFilled`),
    KEY `LastVote`   (`LastVote`),
    KEY `GroupID`    (`GroupID`)
) ENGINE=InnoDB CHARSET utf8;

-- Artists of a music request; Importance as in torrents_artists, but nullable.
CREATE TABLE `requests_artists` (
    `RequestID`  int(10) unsigned                  NOT NULL,
    `ArtistID`   int(10)                           NOT NULL,
    `AliasID`    int(10)                           NOT NULL,
    `Importance` enum('1','2','3','4','5','6','7')          DEFAULT NULL,
    PRIMARY KEY (`RequestID`,`AliasID`)
) ENGINE=InnoDB CHARSET utf8;

CREATE TABLE `requests_tags` (
    `TagID`     int(10) NOT NULL DEFAULT '0',
    `RequestID` int(10) NOT NULL DEFAULT '0',
    PRIMARY KEY (`TagID`,`RequestID`),
    KEY `TagID`     (`TagID`),
    KEY `RequestID` (`RequestID`)
) ENGINE=InnoDB CHARSET utf8;

-- One row per voter and request: Bounty is the upload credit in bytes the voter put up (after the
-- site's tax); a second vote by the same user adds to it.
CREATE TABLE `requests_votes` (
    `RequestID` int(10)             NOT NULL DEFAULT '0',
    `UserID`    int(10)             NOT NULL DEFAULT '0',
    `Bounty`    bigint(20) unsigned NOT NULL,
    PRIMARY KEY (`RequestID`,`UserID`),
    KEY `RequestID` (`RequestID`),
    KEY `UserID`    (`UserID`),
    KEY `Bounty`    (`Bounty`)
) ENGINE=InnoDB CHARSET utf8;

-- Forums and comments ---------------------------------------------------------------------------

-- Groups of forums on the forum index, shown in Sort order.
CREATE TABLE `forums_categories` (
    `ID`   tinyint(2)       NOT NULL AUTO_INCREMENT,
    `Name` varchar(40)      NOT NULL DEFAULT '',
    `Sort` int(6) unsigned  NOT NULL DEFAULT '0',
    PRIMARY KEY (`ID`),
    KEY `Sort` (`Sort`)
) ENGINE=InnoDB CHARSET utf8;

-- A forum. A user may read it when their class level (permissions.Level) is at least
-- MinClassRead, so staff forums live in this same table with a high MinClassRead. The NumTopics,
-- NumPosts and LastPost* columns are copies the PHP code updates on every post.
CREATE TABLE `forums` (
    `ID`               int(6) unsigned  NOT NULL AUTO_INCREMENT,
    `CategoryID`       tinyint(2)       NOT NULL DEFAULT '0',
    `Sort`             int(6) unsigned  NOT NULL,
    `Name`             varchar(40)      NOT NULL DEFAULT '',
    `Description`      varchar(255)              DEFAULT '',
    `MinClassRead`     int(4)           NOT NULL DEFAULT '0',
    `MinClassWrite`    int(4)           NOT NULL DEFAULT '0',
    `MinClassCreate`   int(4)           NOT NULL DEFAULT '0',
    `NumTopics`        int(10)          NOT NULL DEFAULT '0',
    `NumPosts`         int(10)          NOT NULL DEFAULT '0',
    `LastPostID`       int(10)          NOT NULL DEFAULT '0',
    `LastPostAuthorID` int(10)          NOT NULL DEFAULT '0',
    `LastPostTopicID`  int(10)          NOT NULL DEFAULT '0',
    `LastPostTime`     datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `AutoLock`         enum('0','1')             DEFAULT '1',
    `AutoLockWeeks`    int(3) unsigned  NOT NULL DEFAULT '4',
    PRIMARY KEY (`ID`),
    KEY `Sort`         (`Sort`),
    KEY `MinClassRead` (`MinClassRead`)
) ENGINE=InnoDB CHARSET utf8;

-- A topic (thread). LastPostID and LastPostAuthorID have no default: the PHP code writes them
-- with the topic's first post. StickyPostID is a post pinned to the top of every page, 0 for none;
-- Ranking orders sticky topics (0 = unranked).
CREATE TABLE `forums_topics` (
    `ID`               int(10)        NOT NULL AUTO_INCREMENT,
    `Title`            varchar(150)   NOT NULL,
    `AuthorID`         int(10)        NOT NULL,
    `IsLocked`         enum('0','1')  NOT NULL DEFAULT '0',
    `IsSticky`         enum('0','1')  NOT NULL DEFAULT '0',
    `ForumID`          int(3)         NOT NULL,
    `NumPosts`         int(10)        NOT NULL DEFAULT '0',
    `LastPostID`       int(10)        NOT NULL,
    `LastPostTime`     datetime       NOT NULL DEFAULT '0000-00-00 00:00:00',
    `LastPostAuthorID` int(10)        NOT NULL,
    `StickyPostID`     int(10)        NOT NULL DEFAULT '0',
    `Ranking`          tinyint(2)              DEFAULT '0',
    `CreatedTime`      datetime       NOT NULL DEFAULT '0000-00-00 00:00:00',
    PRIMARY KEY (`ID`),
    KEY `AuthorID`    (`AuthorID`),
    KEY `ForumID`     (`ForumID`),
    KEY `IsSticky`    (`IsSticky`),
    KEY `LastPostID`  (`LastPostID`),
    KEY `Title`       (`Title`),
    KEY `CreatedTime` (`CreatedTime`)
) ENGINE=InnoDB CHARSET utf8;

-- A forum post, raw BBCode. EditedUserID/EditedTime stay NULL until someone edits it.
CREATE TABLE `forums_posts` (
    `ID`           int(10)     NOT NULL AUTO_INCREMENT,
    `TopicID`      int(10)     NOT NULL,
    `AuthorID`     int(10)     NOT NULL,
    `AddedTime`    datetime    NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Body`         mediumtext,
    `EditedUserID` int(10)              DEFAULT NULL,
    `EditedTime`   datetime             DEFAULT NULL,
    PRIMARY KEY (`ID`),
    KEY `TopicID`  (`TopicID`),
    KEY `AuthorID` (`AuthorID`)
) ENGINE=InnoDB CHARSET utf8;

-- Comments on a page: Page says which kind ('torrents' is a release group, PageID its ID), PageID
-- which one.
CREATE TABLE `comments` (
    `ID`           int(10)                                          NOT NULL AUTO_INCREMENT,
    `Page`         enum('artist','collages','requests','torrents')  NOT NULL,
    `PageID`       int(10)                                          NOT NULL,
    `AuthorID`     int(10)                                          NOT NULL,
    `AddedTime`    datetime                                         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Body`         mediumtext,
    `EditedUserID` int(10)                                                   DEFAULT NULL,
    `EditedTime`   datetime                                                  DEFAULT NULL,
    PRIMARY KEY (`ID`),
    KEY `Page`     (`Page`,`PageID`),
    KEY `AuthorID` (`AuthorID`)
) ENGINE=InnoDB CHARSET utf8;

-- Similar artists, album votes, rip logs ---------------------------------------------------------

-- A similarity between two artists is one artists_similar_scores row (its SimilarID) and two
-- artists_similar rows, one per artist. Proposing it again adds 200 to the score, each vote 100 up
-- or down; the nightly schedule deletes similarities whose score fell to 0 or below.
CREATE TABLE `artists_similar` (
    `ArtistID`  int(10) NOT NULL DEFAULT '0',
    `SimilarID` int(12) NOT NULL DEFAULT '0',
    PRIMARY KEY (`ArtistID`,`SimilarID`),
    KEY `ArtistID`  (`ArtistID`),
    KEY `SimilarID` (`SimilarID`)
) ENGINE=InnoDB CHARSET utf8;

CREATE TABLE `artists_similar_scores` (
    `SimilarID` int(12) NOT NULL AUTO_INCREMENT,
    `Score`     int(10) NOT NULL DEFAULT '0',
    PRIMARY KEY (`SimilarID`),
    KEY `Score` (`Score`)
) ENGINE=InnoDB CHARSET utf8;

-- Album votes of a group, counted (who voted is in users_votes). Score is the lower bound of the
-- Wilson interval of Ups out of Total (the binomial_ci function), recomputed on every vote. The
-- foreign key cascade deletes the row with its group: the PHP code never deletes it itself, and
-- InnoDB's cascade does not reach the binlog.
CREATE TABLE `torrents_votes` (
    `GroupID` int(10)          NOT NULL,
    `Ups`     int(10) unsigned NOT NULL DEFAULT '0',
    `Total`   int(10) unsigned NOT NULL DEFAULT '0',
    `Score`   float            NOT NULL DEFAULT '0',
    PRIMARY KEY (`GroupID`),
    KEY `Score` (`Score`),
    CONSTRAINT `torrents_votes_ibfk_1` FOREIGN KEY (`GroupID`) REFERENCES `torrents_group` (`ID`) ON DELETE CASCADE
) ENGINE=InnoDB CHARSET utf8;

-- Rip logs uploaded with a torrent and the log checker's verdict: Score out of 100 (the torrent's
-- LogScore is the average over its logs), Details the checker's findings one a line, Revision the
-- checker's version. Staff may adjust a score by hand: Adjusted, AdjustedBy (who) and
-- AdjustmentReason (why). Rows stay behind when their torrent is deleted.
CREATE TABLE `torrents_logs_new` (
    `LogID`            int(10)       NOT NULL AUTO_INCREMENT,
    `TorrentID`        int(10)       NOT NULL DEFAULT '0',
    `Log`              mediumtext    NOT NULL,
    `Details`          mediumtext    NOT NULL,
    `Score`            int(3)        NOT NULL,
    `Revision`         int(3)        NOT NULL,
    `Adjusted`         enum('1','0') NOT NULL DEFAULT '0',
    `AdjustedBy`       int(10)       NOT NULL DEFAULT '0',
    `NotEnglish`       enum('1','0') NOT NULL DEFAULT '0',
    `AdjustmentReason` text,
    PRIMARY KEY (`LogID`),
    KEY `TorrentID` (`TorrentID`)
) ENGINE=InnoDB CHARSET utf8;

-- Private tables: present so that tests can plant secrets the sidecar must never emit -------------

-- User accounts with credentials (PassHash is bcrypt, Secret/IRCKey/torrent_pass 32 characters)
-- and the transfer totals the tracker rewrites on every flush.
CREATE TABLE `users_main` (
    `ID`                int(10) unsigned NOT NULL AUTO_INCREMENT,
    `Username`          varchar(20)      NOT NULL,
    `Email`             varchar(255)     NOT NULL,
    `PassHash`          varchar(60)      NOT NULL,
    `Secret`            char(32)         NOT NULL,
    `IRCKey`            char(32)                  DEFAULT NULL,
    `LastLogin`         datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `LastAccess`        datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `IP`                varchar(15)      NOT NULL DEFAULT '0.0.0.0',
    `Class`             tinyint(2)       NOT NULL DEFAULT '5',
    `Uploaded`          bigint(20) unsigned NOT NULL DEFAULT '0',
    `Downloaded`        bigint(20) unsigned NOT NULL DEFAULT '0',
    `Title`             text             NOT NULL,
    `Enabled`           enum('0','1','2') NOT NULL DEFAULT '0',
    `Paranoia`          text,
    `Visible`           enum('1','0')    NOT NULL DEFAULT '1',
    `Invites`           int(10) unsigned NOT NULL DEFAULT '0',
    `PermissionID`      int(10) unsigned NOT NULL,
    `CustomPermissions` text,
    `can_leech`         tinyint(4)       NOT NULL DEFAULT '1',
    `torrent_pass`      char(32)         NOT NULL,
    `RequiredRatio`     double(10,8)     NOT NULL DEFAULT '0.00000000',
    `RequiredRatioWork` double(10,8)     NOT NULL DEFAULT '0.00000000',
    `ipcc`              varchar(2)       NOT NULL DEFAULT '',
    `FLTokens`          int(10)          NOT NULL DEFAULT '0',
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Username` (`Username`),
    KEY `Email`         (`Email`),
    KEY `PassHash`      (`PassHash`),
    KEY `LastAccess`    (`LastAccess`),
    KEY `IP`            (`IP`),
    KEY `Class`         (`Class`),
    KEY `Uploaded`      (`Uploaded`),
    KEY `Downloaded`    (`Downloaded`),
    KEY `Enabled`       (`Enabled`),
    KEY `Invites`       (`Invites`),
    KEY `torrent_pass`  (`torrent_pass`),
    KEY `RequiredRatio` (`RequiredRatio`),
    KEY `cc_index`      (`ipcc`),
    KEY `PermissionID`  (`PermissionID`)
) ENGINE=InnoDB CHARSET utf8;

-- Private messages: one row per message, grouped into conversations.
CREATE TABLE `pm_messages` (
    `ID`       int(12)  NOT NULL AUTO_INCREMENT,
    `ConvID`   int(12)  NOT NULL DEFAULT '0',
    `SentDate` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
    `SenderID` int(10)  NOT NULL DEFAULT '0',
    `Body`     text,
    PRIMARY KEY (`ID`),
    KEY `ConvID` (`ConvID`)
) ENGINE=InnoDB CHARSET utf8;

CREATE TABLE `pm_conversations` (
    `ID`      int(12)      NOT NULL AUTO_INCREMENT,
    `Subject` varchar(255)          DEFAULT NULL,
    PRIMARY KEY (`ID`)
) ENGINE=InnoDB CHARSET utf8;

-- More private tables: what else a WhatCD site holds about its users, their sessions and their
-- activity, staff work and site bookkeeping. Nothing here is replicated; the tables exist so that
-- the leak tests have secrets in every such place and the workload can make the noise a site
-- makes in them.

-- Profile and account settings, one row per user (no primary key, a unique key on UserID). Info is
-- the profile text, Avatar an image URL stored HTML-escaped, AdminComment staff notes, AuthKey the
-- form token of every session, ResetKey a password-reset token, BitcoinAddress a donation address.
CREATE TABLE `users_info` (
    `UserID`             int(10) unsigned     NOT NULL,
    `StyleID`            int(10) unsigned     NOT NULL,
    `StyleURL`           varchar(255)                  DEFAULT NULL,
    `Info`               text                 NOT NULL,
    `Avatar`             varchar(255)         NOT NULL,
    `AdminComment`       text                 NOT NULL,
    `SiteOptions`        text                 NOT NULL,
    `ViewAvatars`        enum('0','1')        NOT NULL DEFAULT '1',
    `Donor`              enum('0','1')        NOT NULL DEFAULT '0',
    `Artist`             enum('0','1')        NOT NULL DEFAULT '0',
    `DownloadAlt`        enum('0','1')        NOT NULL DEFAULT '0',
    `Warned`             datetime             NOT NULL,
    `SupportFor`         varchar(255)         NOT NULL,
    `TorrentGrouping`    enum('0','1','2')    NOT NULL COMMENT '0=Open,1=Closed,2=Off',
    `ShowTags`           enum('0','1')        NOT NULL DEFAULT '1',
    `NotifyOnQuote`      enum('0','1','2')    NOT NULL DEFAULT '0',
    `AuthKey`            varchar(32)          NOT NULL,
    `ResetKey`           varchar(32)          NOT NULL,
    `ResetExpires`       datetime             NOT NULL DEFAULT '0000-00-00 00:00:00',
    `JoinDate`           datetime             NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Inviter`            int(10)                       DEFAULT NULL,
    `BitcoinAddress`     varchar(34)                   DEFAULT NULL,
    `WarnedTimes`        int(2)               NOT NULL DEFAULT '0',
    `DisableAvatar`      enum('0','1')        NOT NULL DEFAULT '0',
    `DisableInvites`     enum('0','1')        NOT NULL DEFAULT '0',
    `DisablePosting`     enum('0','1')        NOT NULL DEFAULT '0',
    `DisableForums`      enum('0','1')        NOT NULL DEFAULT '0',
    `DisableIRC`         enum('0','1')                 DEFAULT '0',
    `DisableTagging`     enum('0','1')        NOT NULL DEFAULT '0',
    `DisableUpload`      enum('0','1')        NOT NULL DEFAULT '0',
    `DisableWiki`        enum('0','1')        NOT NULL DEFAULT '0',
    `DisablePM`          enum('0','1')        NOT NULL DEFAULT '0',
    `RatioWatchEnds`     datetime             NOT NULL DEFAULT '0000-00-00 00:00:00',
    `RatioWatchDownload` bigint(20) unsigned  NOT NULL DEFAULT '0',
    `RatioWatchTimes`    tinyint(1) unsigned  NOT NULL DEFAULT '0',
    `BanDate`            datetime             NOT NULL DEFAULT '0000-00-00 00:00:00',
    `BanReason`          enum('0','1','2','3','4') NOT NULL DEFAULT '0',
    `CatchupTime`        datetime                      DEFAULT NULL,
    `LastReadNews`       int(10)              NOT NULL DEFAULT '0',
    `HideCountryChanges` enum('0','1')        NOT NULL DEFAULT '0',
    `RestrictedForums`   varchar(150)         NOT NULL DEFAULT '',
    `DisableRequests`    enum('0','1')        NOT NULL DEFAULT '0',
    `PermittedForums`    varchar(150)         NOT NULL DEFAULT '',
    `UnseededAlerts`     enum('0','1')        NOT NULL DEFAULT '0',
    `LastReadBlog`       int(10)              NOT NULL DEFAULT '0',
    `InfoTitle`          varchar(255)         NOT NULL,
    UNIQUE KEY `UserID` (`UserID`),
    KEY `SupportFor`         (`SupportFor`),
    KEY `DisableInvites`     (`DisableInvites`),
    KEY `Donor`              (`Donor`),
    KEY `Warned`             (`Warned`),
    KEY `JoinDate`           (`JoinDate`),
    KEY `Inviter`            (`Inviter`),
    KEY `RatioWatchEnds`     (`RatioWatchEnds`),
    KEY `RatioWatchDownload` (`RatioWatchDownload`),
    KEY `BitcoinAddress`     (`BitcoinAddress`(4)),
    KEY `AuthKey`            (`AuthKey`),
    KEY `ResetKey`           (`ResetKey`)
) ENGINE=InnoDB CHARSET utf8;

-- Login sessions: SessionID is the cookie's secret, IP and FullUA the client.
CREATE TABLE `users_sessions` (
    `UserID`          int(10)       NOT NULL,
    `SessionID`       char(32)      NOT NULL,
    `KeepLogged`      enum('0','1') NOT NULL DEFAULT '0',
    `Browser`         varchar(40)            DEFAULT NULL,
    `OperatingSystem` varchar(13)            DEFAULT NULL,
    `IP`              varchar(15)   NOT NULL,
    `LastUpdate`      datetime      NOT NULL,
    `Active`          tinyint(4)    NOT NULL DEFAULT '1',
    `FullUA`          text,
    PRIMARY KEY (`UserID`,`SessionID`),
    KEY `UserID`        (`UserID`),
    KEY `LastUpdate`    (`LastUpdate`),
    KEY `Active`        (`Active`),
    KEY `ActiveAgeKeep` (`Active`,`LastUpdate`,`KeepLogged`)
) ENGINE=InnoDB CHARSET utf8;

-- Pending invitations: the key mailed to the invitee's address.
CREATE TABLE `invites` (
    `InviterID` int(10)      NOT NULL DEFAULT '0',
    `InviteKey` char(32)     NOT NULL,
    `Email`     varchar(255) NOT NULL,
    `Expires`   datetime     NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Reason`    varchar(255) NOT NULL DEFAULT '',
    PRIMARY KEY (`InviteKey`),
    KEY `Expires`   (`Expires`),
    KEY `InviterID` (`InviterID`)
) ENGINE=InnoDB CHARSET utf8;

-- Who invited whom, as a nested-set tree per invitation chain.
CREATE TABLE `invite_tree` (
    `UserID`       int(10) NOT NULL DEFAULT '0',
    `InviterID`    int(10) NOT NULL DEFAULT '0',
    `TreePosition` int(8)  NOT NULL DEFAULT '1',
    `TreeID`       int(10) NOT NULL DEFAULT '1',
    `TreeLevel`    int(3)  NOT NULL DEFAULT '0',
    PRIMARY KEY (`UserID`),
    KEY `InviterID`    (`InviterID`),
    KEY `TreePosition` (`TreePosition`),
    KEY `TreeID`       (`TreeID`),
    KEY `TreeLevel`    (`TreeLevel`)
) ENGINE=InnoDB CHARSET utf8;

-- Banned address ranges, as IPv4 numbers.
CREATE TABLE `ip_bans` (
    `ID`     int(10) unsigned NOT NULL AUTO_INCREMENT,
    `FromIP` int(11) unsigned NOT NULL,
    `ToIP`   int(11) unsigned NOT NULL,
    `Reason` varchar(255)              DEFAULT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `FromIP_2` (`FromIP`,`ToIP`),
    KEY `ToIP` (`ToIP`)
) ENGINE=InnoDB CHARSET utf8;

-- Failed logins per address, for the login throttle.
CREATE TABLE `login_attempts` (
    `ID`          int(10) unsigned NOT NULL AUTO_INCREMENT,
    `UserID`      int(10) unsigned NOT NULL,
    `IP`          varchar(15)      NOT NULL,
    `LastAttempt` datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Attempts`    int(10) unsigned NOT NULL,
    `BannedUntil` datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Bans`        int(10) unsigned NOT NULL,
    PRIMARY KEY (`ID`),
    KEY `UserID` (`UserID`),
    KEY `IP`     (`IP`)
) ENGINE=InnoDB CHARSET utf8;

-- Every e-mail address a user had, and from where it was set (no primary key).
CREATE TABLE `users_history_emails` (
    `UserID` int(10)      NOT NULL,
    `Email`  varchar(255)          DEFAULT NULL,
    `Time`   datetime              DEFAULT NULL,
    `IP`     varchar(15)           DEFAULT NULL,
    KEY `UserID` (`UserID`)
) ENGINE=InnoDB CHARSET utf8;

-- When a password was changed, and from where (no primary key).
CREATE TABLE `users_history_passwords` (
    `UserID`     int(10)     NOT NULL,
    `ChangeTime` datetime             DEFAULT NULL,
    `ChangerIP`  varchar(15)          DEFAULT NULL,
    KEY `User_Time` (`UserID`,`ChangeTime`)
) ENGINE=InnoDB CHARSET utf8;

-- Every address a user browsed from, with when.
CREATE TABLE `users_history_ips` (
    `UserID`    int(10)     NOT NULL,
    `IP`        varchar(15) NOT NULL DEFAULT '0.0.0.0',
    `StartTime` datetime    NOT NULL DEFAULT '0000-00-00 00:00:00',
    `EndTime`   datetime             DEFAULT NULL,
    PRIMARY KEY (`UserID`,`IP`,`StartTime`),
    KEY `UserID`    (`UserID`),
    KEY `IP`        (`IP`),
    KEY `StartTime` (`StartTime`),
    KEY `EndTime`   (`EndTime`)
) ENGINE=InnoDB CHARSET utf8;

-- Addresses and domains refused at sign-up, with the staff member who added them.
CREATE TABLE `email_blacklist` (
    `ID`      int(10)      NOT NULL AUTO_INCREMENT,
    `UserID`  int(10)      NOT NULL,
    `Email`   varchar(255) NOT NULL,
    `Time`    datetime     NOT NULL,
    `Comment` text         NOT NULL,
    PRIMARY KEY (`ID`)
) ENGINE=InnoDB CHARSET utf8;

-- Staff inbox: a user's conversation with staff and its messages.
CREATE TABLE `staff_pm_conversations` (
    `ID`             int(11)                               NOT NULL AUTO_INCREMENT,
    `Subject`        text,
    `UserID`         int(11)                                        DEFAULT NULL,
    `Status`         enum('Open','Unanswered','Resolved')           DEFAULT NULL,
    `Level`          int(11)                                        DEFAULT NULL,
    `AssignedToUser` int(11)                                        DEFAULT NULL,
    `Date`           datetime                                       DEFAULT NULL,
    `Unread`         tinyint(1)                                     DEFAULT NULL,
    `ResolverID`     int(11)                                        DEFAULT NULL,
    PRIMARY KEY (`ID`),
    KEY `StatusAssigned` (`Status`,`AssignedToUser`),
    KEY `StatusLevel`    (`Status`,`Level`)
) ENGINE=InnoDB CHARSET utf8;

CREATE TABLE `staff_pm_messages` (
    `ID`       int(11)  NOT NULL AUTO_INCREMENT,
    `UserID`   int(11)           DEFAULT NULL,
    `SentDate` datetime          DEFAULT NULL,
    `Message`  text,
    `ConvID`   int(11)           DEFAULT NULL,
    PRIMARY KEY (`ID`)
) ENGINE=InnoDB CHARSET utf8;

-- Reports of users, posts, requests and collages to staff.
CREATE TABLE `reports` (
    `ID`           int(10) unsigned                      NOT NULL AUTO_INCREMENT,
    `UserID`       int(10) unsigned                      NOT NULL DEFAULT '0',
    `ThingID`      int(10) unsigned                      NOT NULL DEFAULT '0',
    `Type`         varchar(30)                                    DEFAULT NULL,
    `Comment`      text,
    `ResolverID`   int(10) unsigned                      NOT NULL DEFAULT '0',
    `Status`       enum('New','InProgress','Resolved')            DEFAULT 'New',
    `ResolvedTime` datetime                              NOT NULL DEFAULT '0000-00-00 00:00:00',
    `ReportedTime` datetime                              NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Reason`       text                                  NOT NULL,
    `ClaimerID`    int(10) unsigned                      NOT NULL DEFAULT '0',
    `Notes`        text                                  NOT NULL,
    PRIMARY KEY (`ID`),
    KEY `Status`       (`Status`),
    KEY `Type`         (`Type`),
    KEY `ResolvedTime` (`ResolvedTime`),
    KEY `ResolverID`   (`ResolverID`)
) ENGINE=InnoDB CHARSET utf8;

-- Reports of torrents (bad tags, transcodes, dupes ...) and how staff resolved them.
CREATE TABLE `reportsv2` (
    `ID`             int(10) unsigned                      NOT NULL AUTO_INCREMENT,
    `ReporterID`     int(10) unsigned                      NOT NULL DEFAULT '0',
    `TorrentID`      int(10) unsigned                      NOT NULL DEFAULT '0',
    `Type`           varchar(20)                                    DEFAULT '',
    `UserComment`    text,
    `ResolverID`     int(10) unsigned                      NOT NULL DEFAULT '0',
    `Status`         enum('New','InProgress','Resolved')            DEFAULT 'New',
    `ReportedTime`   datetime                              NOT NULL DEFAULT '0000-00-00 00:00:00',
    `LastChangeTime` datetime                              NOT NULL DEFAULT '0000-00-00 00:00:00',
    `ModComment`     text,
    `Track`          text,
    `Image`          text,
    `ExtraID`        text,
    `Link`           text,
    `LogMessage`     text,
    PRIMARY KEY (`ID`),
    KEY `Status`         (`Status`),
    KEY `Type`           (`Type`(1)),
    KEY `LastChangeTime` (`LastChangeTime`),
    KEY `TorrentID`      (`TorrentID`),
    KEY `ResolverID`     (`ResolverID`)
) ENGINE=InnoDB CHARSET utf8;

-- The site log (uploads, deletions, staff actions), in prose naming users.
CREATE TABLE `log` (
    `ID`      int(10) unsigned NOT NULL AUTO_INCREMENT,
    `Message` varchar(400)     NOT NULL,
    `Time`    datetime         NOT NULL DEFAULT '0000-00-00 00:00:00',
    PRIMARY KEY (`ID`),
    KEY `Time` (`Time`)
) ENGINE=InnoDB CHARSET utf8;

-- Per-group edit history, naming who did what.
CREATE TABLE `group_log` (
    `ID`        int(10)    NOT NULL AUTO_INCREMENT,
    `GroupID`   int(10)    NOT NULL,
    `TorrentID` int(10)    NOT NULL,
    `UserID`    int(10)    NOT NULL DEFAULT '0',
    `Info`      mediumtext,
    `Time`      datetime   NOT NULL DEFAULT '0000-00-00 00:00:00',
    `Hidden`    tinyint(4) NOT NULL DEFAULT '0',
    PRIMARY KEY (`ID`),
    KEY `GroupID`   (`GroupID`),
    KEY `TorrentID` (`TorrentID`),
    KEY `UserID`    (`UserID`)
) ENGINE=InnoDB CHARSET utf8;

-- The .torrent files themselves (MyISAM, as on what.cd).
CREATE TABLE `torrents_files` (
    `TorrentID` int(10)    NOT NULL,
    `File`      mediumblob NOT NULL,
    PRIMARY KEY (`TorrentID`)
) ENGINE=MyISAM CHARSET utf8;

-- Peer counts per torrent refreshed by the schedule (MyISAM).
CREATE TABLE `torrents_peerlists` (
    `TorrentID` int(11) NOT NULL,
    `GroupID`   int(11)          DEFAULT NULL,
    `Seeders`   int(11)          DEFAULT NULL,
    `Leechers`  int(11)          DEFAULT NULL,
    `Snatches`  int(11)          DEFAULT NULL,
    PRIMARY KEY (`TorrentID`),
    KEY `GroupID` (`GroupID`),
    KEY `Stats`   (`TorrentID`,`Seeders`,`Leechers`,`Snatches`)
) ENGINE=MyISAM CHARSET utf8;

-- The tracker's peers: who is seeding or leeching what, from which address, with which client.
CREATE TABLE `xbt_files_users` (
    `uid`         int(11)          NOT NULL,
    `active`      tinyint(1)       NOT NULL DEFAULT '1',
    `announced`   int(11)          NOT NULL DEFAULT '0',
    `completed`   tinyint(1)       NOT NULL DEFAULT '0',
    `downloaded`  bigint(20)       NOT NULL DEFAULT '0',
    `remaining`   bigint(20)       NOT NULL DEFAULT '0',
    `uploaded`    bigint(20)       NOT NULL DEFAULT '0',
    `upspeed`     int(10) unsigned NOT NULL DEFAULT '0',
    `downspeed`   int(10) unsigned NOT NULL DEFAULT '0',
    `corrupt`     bigint(20)       NOT NULL DEFAULT '0',
    `timespent`   int(10) unsigned NOT NULL DEFAULT '0',
    `useragent`   varchar(51)      NOT NULL DEFAULT '',
    `connectable` tinyint(4)       NOT NULL DEFAULT '1',
    `peer_id`     binary(20)       NOT NULL DEFAULT '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0',
    `fid`         int(11)          NOT NULL,
    `mtime`       int(11)          NOT NULL DEFAULT '0',
    `ip`          varchar(15)      NOT NULL DEFAULT '',
    PRIMARY KEY (`peer_id`,`fid`,`uid`),
    KEY `remaining_idx` (`remaining`),
    KEY `fid_idx`       (`fid`),
    KEY `mtime_idx`     (`mtime`),
    KEY `uid_active`    (`uid`,`active`)
) ENGINE=InnoDB CHARSET utf8;

-- Completed downloads as the tracker saw them (no primary key).
CREATE TABLE `xbt_snatched` (
    `uid`    int(11)     NOT NULL DEFAULT '0',
    `tstamp` int(11)     NOT NULL,
    `fid`    int(11)     NOT NULL,
    `IP`     varchar(15) NOT NULL,
    KEY `fid`        (`fid`),
    KEY `tstamp`     (`tstamp`),
    KEY `uid_tstamp` (`uid`,`tstamp`)
) ENGINE=InnoDB CHARSET utf8;

-- A user's bookmarked groups (no primary key, a unique key on group and user).
CREATE TABLE `bookmarks_torrents` (
    `UserID`  int(10)  NOT NULL,
    `GroupID` int(10)  NOT NULL,
    `Time`    datetime NOT NULL,
    `Sort`    int(11)  NOT NULL DEFAULT '0',
    UNIQUE KEY `groups_users` (`GroupID`,`UserID`),
    KEY `UserID`  (`UserID`),
    KEY `GroupID` (`GroupID`)
) ENGINE=InnoDB CHARSET utf8;

-- A user's friends list with private notes.
CREATE TABLE `friends` (
    `UserID`   int(10) unsigned NOT NULL,
    `FriendID` int(10) unsigned NOT NULL,
    `Comment`  text             NOT NULL,
    PRIMARY KEY (`UserID`,`FriendID`),
    KEY `UserID`   (`UserID`),
    KEY `FriendID` (`FriendID`)
) ENGINE=InnoDB CHARSET utf8;

-- Donations: who gave how much, from which address (no primary key).
CREATE TABLE `donations` (
    `UserID`    int(10)      NOT NULL,
    `Amount`    decimal(6,2) NOT NULL,
    `Email`     varchar(255) NOT NULL,
    `Time`      datetime     NOT NULL,
    `Currency`  varchar(5)   NOT NULL DEFAULT 'USD',
    `Source`    varchar(30)  NOT NULL DEFAULT '',
    `Reason`    mediumtext   NOT NULL,
    `Rank`      int(10)               DEFAULT '0',
    `AddedBy`   int(10)               DEFAULT '0',
    `TotalRank` int(10)               DEFAULT '0',
    KEY `UserID` (`UserID`),
    KEY `Time`   (`Time`),
    KEY `Amount` (`Amount`)
) ENGINE=InnoDB CHARSET utf8;

-- API tokens a user granted to applications.
CREATE TABLE `api_users` (
    `UserID` int(10)           NOT NULL,
    `AppID`  int(10)           NOT NULL,
    `Token`  char(32)          NOT NULL,
    `State`  enum('0','1','2') NOT NULL DEFAULT '0',
    `Time`   datetime          NOT NULL,
    `Access` text,
    PRIMARY KEY (`UserID`,`AppID`),
    KEY `UserID` (`UserID`)
) ENGINE=InnoDB CHARSET utf8;

-- Sphinx's delta index queue (MyISAM): the PHP code REPLACEs a torrent's row, group and torrent
-- columns flattened together, on every change of the torrent, its group, tags or artists, and
-- (ID, Time) alone when the torrent is deleted. LastChanged takes the server's clock.
CREATE TABLE `sphinx_delta` (
    `ID`                      int(10)       NOT NULL,
    `GroupID`                 int(11)       NOT NULL DEFAULT '0',
    `GroupName`               varchar(255)           DEFAULT NULL,
    `ArtistName`              varchar(2048)          DEFAULT NULL,
    `TagList`                 varchar(728)           DEFAULT NULL,
    `Year`                    int(4)                 DEFAULT NULL,
    `CatalogueNumber`         varchar(50)            DEFAULT NULL,
    `RecordLabel`             varchar(50)            DEFAULT NULL,
    `CategoryID`              tinyint(2)             DEFAULT NULL,
    `Time`                    int(12)                DEFAULT NULL,
    `ReleaseType`             tinyint(2)             DEFAULT NULL,
    `Size`                    bigint(20)             DEFAULT NULL,
    `Snatched`                int(10)                DEFAULT NULL,
    `Seeders`                 int(10)                DEFAULT NULL,
    `Leechers`                int(10)                DEFAULT NULL,
    `LogScore`                int(3)                 DEFAULT NULL,
    `Scene`                   tinyint(1)    NOT NULL DEFAULT '0',
    `VanityHouse`             tinyint(1)    NOT NULL DEFAULT '0',
    `HasLog`                  tinyint(1)             DEFAULT NULL,
    `HasCue`                  tinyint(1)             DEFAULT NULL,
    `FreeTorrent`             tinyint(1)             DEFAULT NULL,
    `Media`                   varchar(255)           DEFAULT NULL,
    `Format`                  varchar(255)           DEFAULT NULL,
    `Encoding`                varchar(255)           DEFAULT NULL,
    `RemasterYear`            varchar(50)   NOT NULL DEFAULT '',
    `RemasterTitle`           varchar(512)           DEFAULT NULL,
    `RemasterRecordLabel`     varchar(50)            DEFAULT NULL,
    `RemasterCatalogueNumber` varchar(50)            DEFAULT NULL,
    `FileList`                mediumtext,
    `Description`             text,
    `VoteScore`               float         NOT NULL DEFAULT '0',
    `LastChanged`             timestamp     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`),
    KEY `GroupID` (`GroupID`),
    KEY `Size`    (`Size`)
) ENGINE=MyISAM CHARSET utf8;

-- Site settings staff change at run time.
CREATE TABLE `site_options` (
    `ID`      int(11)     NOT NULL AUTO_INCREMENT,
    `Name`    varchar(64) NOT NULL,
    `Value`   tinytext    NOT NULL,
    `Comment` text        NOT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name` (`Name`),
    KEY `name_index` (`Name`)
) ENGINE=InnoDB CHARSET utf8;

-- The scheduler's next run (one row, no primary key).
CREATE TABLE `schedule` (
    `NextHour`     int(2) NOT NULL DEFAULT '0',
    `NextDay`      int(2) NOT NULL DEFAULT '0',
    `NextBiWeekly` int(2) NOT NULL DEFAULT '0'
) ENGINE=InnoDB CHARSET utf8;

-- Who voted an album up or down (torrents_votes counts them). Both foreign keys cascade.
CREATE TABLE `users_votes` (
    `UserID`  int(10) unsigned    NOT NULL,
    `GroupID` int(10)             NOT NULL,
    `Type`    enum('Up','Down')            DEFAULT NULL,
    `Time`    timestamp           NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`UserID`,`GroupID`),
    KEY `GroupID` (`GroupID`),
    KEY `Type`    (`Type`),
    KEY `Time`    (`Time`),
    KEY `Vote`    (`Type`,`GroupID`,`UserID`),
    CONSTRAINT `users_votes_ibfk_1` FOREIGN KEY (`GroupID`) REFERENCES `torrents_group` (`ID`) ON DELETE CASCADE,
    CONSTRAINT `users_votes_ibfk_2` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`) ON DELETE CASCADE
) ENGINE=InnoDB CHARSET utf8;

-- Who voted a similarity of two artists up or down.
CREATE TABLE `artists_similar_votes` (
    `SimilarID` int(12)           NOT NULL,
    `UserID`    int(10)           NOT NULL,
    `Way`       enum('up','down') NOT NULL DEFAULT 'up',
    PRIMARY KEY (`SimilarID`,`UserID`,`Way`)
) ENGINE=InnoDB CHARSET utf8;
