-- Herd: the OPS Gazelle tables the sidecar reads, in the shape the maintained fork has them
-- after its migrations up to February 2025.
--
-- Only the tables in Herd's OPS catalogue are defined here, and within them the columns OPS has
-- today. What differs from the WhatCD shape, and why it matters to Herd:
--   * everything is utf8mb4 with MySQL 8's utf8mb4_0900_ai_ci collation (OPS converted its
--     tables in 2022 and 2024), so text outside the Basic Multilingual Plane is stored;
--   * no zero dates: datetime columns are NOT NULL DEFAULT CURRENT_TIMESTAMP or nullable, and the
--     site runs MySQL 8 in strict mode (GazelleSchema.sqlMode(OPS));
--   * an artist has no name column: artists_group.PrimaryAlias points at the artists_alias row
--     that names it, and credits (torrents_artists) name only the alias, with the role both as
--     Importance and as a reference into artist_role;
--   * the tracker's statistics live in torrents_leech_stats, not in torrents;
--   * release types are rows of release_type; torrent flags are torrent_attr/torrent_has_attr;
--   * a delete first copies the row into deleted_<table> (same columns), then deletes it;
--   * foreign keys exist and the PHP code switches their checks off around multi-row changes.
--     A cascade runs inside the storage engine and is not written to the binlog.
--
-- Adaptations for MariaDB 11.4 (the server Herd's tests run), each the smallest that keeps one
-- script loading unchanged on MariaDB 11.4.5+ and on MySQL 8:
--   * utf8mb4_0900_ai_ci is kept: MariaDB 11.4.5 accepts MySQL 8's utf8mb4_0900_* names as
--     aliases of its own UCA collations. An older MariaDB needs utf8mb4_uca1400_ai_ci instead.
--   * users_main.nav_list (JSON, a user's navigation settings) is left out: MariaDB would store
--     it as LONGTEXT with a JSON_VALID check, and no test needs a private JSON column.
--   * Integer display widths (int(10)) are left out: MySQL 8 ignores and no longer reports them.
--
-- Tables that reference each other (artists_group <-> artists_alias) are created with foreign
-- key checks off; GazelleSchema.load does that. Statements end with a semicolon at the end of a
-- line; GazelleSchema splits on it.

-- Code lists kept as tables ----------------------------------------------------------------------

-- The roles a credit can have. The ids equal torrents_artists.Importance ('1' main .. '8'
-- arranger); slug and names are what the site shows.
CREATE TABLE `artist_role` (
    `artist_role_id` tinyint      NOT NULL AUTO_INCREMENT,
    `sequence`       int          NOT NULL,
    `slug`           varchar(12)  NOT NULL,
    `name`           varchar(20)  NOT NULL,
    `title`          varchar(20)  NOT NULL,
    `collection`     varchar(20)           DEFAULT NULL,
    PRIMARY KEY (`artist_role_id`),
    UNIQUE KEY `ar_slug_idx` (`slug`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Release types: the ids are the codes torrents_group.ReleaseType holds, the same numbers WhatCD
-- kept in its configuration, plus Sampler, Demo, Split, DJ Mix and Concert recording.
CREATE TABLE `release_type` (
    `ID`   int         NOT NULL AUTO_INCREMENT,
    `Name` varchar(50) NOT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name` (`Name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Flags a torrent can carry (bad file names, bad tags, approved cassette rip, ...).
CREATE TABLE `torrent_attr` (
    `ID`          int          NOT NULL AUTO_INCREMENT,
    `Name`        varchar(24)  NOT NULL,
    `Description` varchar(500) NOT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name` (`Name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Artists ----------------------------------------------------------------------------------------

-- One row per artist. Its name is the artists_alias row PrimaryAlias names; the PHP code creates
-- the artist with PrimaryAlias = 0, inserts the alias, then points PrimaryAlias at it.
CREATE TABLE `artists_group` (
    `ArtistID`      int        NOT NULL AUTO_INCREMENT,
    `RevisionID`    int                 DEFAULT NULL,
    `VanityHouse`   tinyint(1) NOT NULL DEFAULT '0',
    `LastCommentID` int        NOT NULL DEFAULT '0',
    `PrimaryAlias`  int        NOT NULL,
    PRIMARY KEY (`ArtistID`),
    KEY `RevisionID` (`RevisionID`),
    KEY `PrimaryAlias` (`PrimaryAlias`),
    CONSTRAINT `artists_group_ibfk_1` FOREIGN KEY (`PrimaryAlias`) REFERENCES `artists_alias` (`AliasID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Every name an artist is known by, the primary one included. Redirect is the AliasID a
-- non-preferred spelling forwards to, 0 for none.
CREATE TABLE `artists_alias` (
    `AliasID`  int          NOT NULL AUTO_INCREMENT,
    `ArtistID` int          NOT NULL,
    `Name`     varchar(200) NOT NULL,
    `Redirect` int          NOT NULL DEFAULT '0',
    `UserID`   int          NOT NULL DEFAULT '0',
    PRIMARY KEY (`AliasID`),
    KEY `ArtistID` (`ArtistID`,`Name`),
    KEY `Name` (`Name`),
    CONSTRAINT `artists_alias_ibfk_1` FOREIGN KEY (`ArtistID`) REFERENCES `artists_group` (`ArtistID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Revision history of artist biographies: PageID is the ArtistID. OPS renamed Summary to
-- summary (lower case) when it widened it.
CREATE TABLE `wiki_artists` (
    `RevisionID` int          NOT NULL AUTO_INCREMENT,
    `PageID`     int          NOT NULL DEFAULT '0',
    `Body`       mediumtext,
    `UserID`     int          NOT NULL DEFAULT '0',
    `summary`    varchar(400) NOT NULL DEFAULT '',
    `Time`       datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `Image`      varchar(255)          DEFAULT NULL,
    PRIMARY KEY (`RevisionID`),
    KEY `PageID` (`PageID`),
    KEY `UserID` (`UserID`),
    KEY `Time` (`Time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Release groups and their uploads ---------------------------------------------------------------

-- A release group. OPS dropped ArtistID (non-music groups credit through torrents_artists too)
-- and added created/updated; TagList, WikiBody and WikiImage are denormalised copies as on WhatCD.
CREATE TABLE `torrents_group` (
    `ID`              int          NOT NULL AUTO_INCREMENT,
    `CategoryID`      int          NOT NULL,
    `Name`            varchar(300) NOT NULL,
    `Year`            int                   DEFAULT NULL,
    `CatalogueNumber` varchar(80)           DEFAULT NULL,
    `RecordLabel`     varchar(80)           DEFAULT NULL,
    `ReleaseType`     tinyint               DEFAULT '21',
    `TagList`         varchar(500) NOT NULL DEFAULT '',
    `Time`            datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `RevisionID`      int                   DEFAULT NULL,
    `WikiBody`        mediumtext   NOT NULL,
    `WikiImage`       varchar(255) NOT NULL,
    `VanityHouse`     tinyint(1)            DEFAULT '0',
    `created`         datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `updated`         datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`),
    KEY `CategoryID` (`CategoryID`),
    KEY `Name` (`Name`(255)),
    KEY `Year` (`Year`),
    KEY `Time` (`Time`),
    KEY `RevisionID` (`RevisionID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Revision history of release-group descriptions: PageID is the torrents_group ID.
CREATE TABLE `wiki_torrents` (
    `RevisionID` int          NOT NULL AUTO_INCREMENT,
    `PageID`     int          NOT NULL DEFAULT '0',
    `Body`       mediumtext,
    `UserID`     int          NOT NULL DEFAULT '0',
    `Summary`    varchar(100)          DEFAULT NULL,
    `Time`       datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `Image`      varchar(255)          DEFAULT NULL,
    PRIMARY KEY (`RevisionID`),
    KEY `PageID` (`PageID`),
    KEY `UserID` (`UserID`),
    KEY `Time` (`Time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- One upload. Compared with WhatCD: no tracker statistics (torrents_leech_stats), no
-- TranscodedFrom (dropped in 2021), info_hash is binary(20), log checksum flags, created/updated.
CREATE TABLE `torrents` (
    `ID`                      int                                   NOT NULL AUTO_INCREMENT,
    `GroupID`                 int                                   NOT NULL,
    `UserID`                  int                                   NOT NULL,
    `Media`                   varchar(20)                           NOT NULL DEFAULT '',
    `Format`                  varchar(10)                                    DEFAULT NULL,
    `Encoding`                varchar(15)                                    DEFAULT NULL,
    `Remastered`              enum('0','1')                         NOT NULL DEFAULT '0',
    `RemasterYear`            int                                            DEFAULT NULL,
    `RemasterTitle`           varchar(80)                           NOT NULL DEFAULT '',
    `RemasterCatalogueNumber` varchar(80)                           NOT NULL DEFAULT '',
    `RemasterRecordLabel`     varchar(80)                           NOT NULL DEFAULT '',
    `Scene`                   enum('0','1')                         NOT NULL DEFAULT '0',
    `HasLog`                  enum('0','1')                         NOT NULL DEFAULT '0',
    `HasCue`                  enum('0','1')                         NOT NULL DEFAULT '0',
    `HasLogDB`                enum('0','1')                         NOT NULL DEFAULT '1',
    `LogScore`                int                                   NOT NULL DEFAULT '0',
    `LogChecksum`             enum('0','1')                         NOT NULL DEFAULT '1',
    `info_hash`               binary(20)                            NOT NULL,
    `FileCount`               int                                   NOT NULL,
    `FileList`                longtext                              NOT NULL,
    `FilePath`                varchar(255)                          NOT NULL DEFAULT '',
    `Size`                    bigint                                NOT NULL,
    `FreeTorrent`             enum('0','1','2')                     NOT NULL DEFAULT '0',
    `FreeLeechType`           enum('0','1','2','3','4','5','6','7') NOT NULL DEFAULT '0',
    `Time`                    datetime                              NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `Description`             mediumtext,
    `LastReseedRequest`       datetime                                       DEFAULT NULL,
    `created`                 datetime                              NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `updated`                 datetime                              NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `InfoHash` (`info_hash`),
    KEY `GroupID` (`GroupID`),
    KEY `UserID` (`UserID`),
    KEY `Format` (`Format`),
    KEY `Encoding` (`Encoding`),
    KEY `Year` (`RemasterYear`),
    KEY `FileCount` (`FileCount`),
    KEY `Size` (`Size`),
    KEY `Time` (`Time`),
    KEY `FreeTorrent` (`FreeTorrent`),
    KEY `t_filepath_idx` (`FilePath`),
    KEY `t_lrr_idx` (`LastReseedRequest`),
    CONSTRAINT `torrents_ibfk_1` FOREIGN KEY (`GroupID`) REFERENCES `torrents_group` (`ID`),
    CONSTRAINT `torrents_ibfk_2` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- The tracker's statistics per torrent, upserted by Ocelot on every flush: the noise Herd must
-- drop at almost no cost.
CREATE TABLE `torrents_leech_stats` (
    `TorrentID`   int      NOT NULL,
    `Seeders`     int      NOT NULL DEFAULT '0',
    `Leechers`    int      NOT NULL DEFAULT '0',
    `Snatched`    int      NOT NULL DEFAULT '0',
    `Balance`     bigint   NOT NULL DEFAULT '0',
    `last_action` datetime          DEFAULT NULL,
    PRIMARY KEY (`TorrentID`),
    KEY `tls_seeders_idx` (`Seeders`),
    KEY `tls_leechers_idx` (`Leechers`),
    KEY `tls_snatched_idx` (`Snatched`),
    KEY `tls_last_action_idx` (`last_action`),
    CONSTRAINT `torrents_leech_stats_ibfk_1` FOREIGN KEY (`TorrentID`) REFERENCES `torrents` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Flags set on a torrent, with who set them.
CREATE TABLE `torrent_has_attr` (
    `TorrentID`     int      NOT NULL,
    `TorrentAttrID` int      NOT NULL,
    `UserID`        int               DEFAULT NULL,
    `created`       datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`TorrentID`,`TorrentAttrID`),
    KEY `TorrentAttrID` (`TorrentAttrID`),
    KEY `TorrentID` (`TorrentID`),
    KEY `UserID` (`UserID`),
    CONSTRAINT `torrent_has_attr_ibfk_1` FOREIGN KEY (`TorrentAttrID`) REFERENCES `torrent_attr` (`ID`),
    CONSTRAINT `torrent_has_attr_ibfk_2` FOREIGN KEY (`TorrentID`) REFERENCES `torrents` (`ID`),
    CONSTRAINT `torrent_has_attr_ibfk_3` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
        ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Artist credits of a group, keyed by the alias credited. Importance is the role ('1' main ..
-- '8' arranger); artist_role_id repeats it as a reference into artist_role. There is no ArtistID:
-- the artist is the alias's (artists_alias.ArtistID).
CREATE TABLE `torrents_artists` (
    `GroupID`        int                                      NOT NULL,
    `AliasID`        int                                      NOT NULL,
    `UserID`         int                                               DEFAULT NULL,
    `Importance`     enum('1','2','3','4','5','6','7','8')    NOT NULL,
    `artist_role_id` tinyint                                           DEFAULT NULL,
    `created`        datetime                                 NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`GroupID`,`Importance`,`AliasID`),
    KEY `AliasID` (`AliasID`),
    KEY `Importance` (`Importance`),
    KEY `UserID` (`UserID`),
    KEY `artist_role_id` (`artist_role_id`),
    KEY `GroupID` (`GroupID`),
    CONSTRAINT `torrents_artists_ibfk_1` FOREIGN KEY (`artist_role_id`) REFERENCES `artist_role` (`artist_role_id`),
    CONSTRAINT `torrents_artists_ibfk_2` FOREIGN KEY (`AliasID`) REFERENCES `artists_alias` (`AliasID`),
    CONSTRAINT `torrents_artists_ibfk_3` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
        ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Tags -------------------------------------------------------------------------------------------

CREATE TABLE `tags` (
    `ID`      int                   NOT NULL AUTO_INCREMENT,
    `Name`    varchar(100)          NOT NULL,
    `TagType` enum('genre','other') NOT NULL DEFAULT 'other',
    `Uses`    int                   NOT NULL DEFAULT '1',
    `UserID`  int                            DEFAULT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name_2` (`Name`),
    KEY `TagType` (`TagType`),
    KEY `Uses` (`Uses`),
    KEY `UserID` (`UserID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `torrents_tags` (
    `TagID`         int NOT NULL DEFAULT '0',
    `GroupID`       int NOT NULL DEFAULT '0',
    `PositiveVotes` int NOT NULL DEFAULT '1',
    `NegativeVotes` int NOT NULL DEFAULT '1',
    `UserID`        int          DEFAULT NULL,
    PRIMARY KEY (`TagID`,`GroupID`),
    KEY `TagID` (`TagID`),
    KEY `GroupID` (`GroupID`),
    KEY `PositiveVotes` (`PositiveVotes`),
    KEY `NegativeVotes` (`NegativeVotes`),
    KEY `UserID` (`UserID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Soft deletes: a deleted row is copied here first, with the same columns in the same order (the
-- PHP code refuses the copy otherwise). Never replicated: a delete reaches mirrors as the delete
-- of the original row.

CREATE TABLE `deleted_torrents_group` (
    `ID`              int          NOT NULL AUTO_INCREMENT,
    `CategoryID`      int          NOT NULL,
    `Name`            varchar(300) NOT NULL,
    `Year`            int                   DEFAULT NULL,
    `CatalogueNumber` varchar(80)           DEFAULT NULL,
    `RecordLabel`     varchar(80)           DEFAULT NULL,
    `ReleaseType`     tinyint               DEFAULT '21',
    `TagList`         varchar(500) NOT NULL DEFAULT '',
    `Time`            datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `RevisionID`      int                   DEFAULT NULL,
    `WikiBody`        mediumtext   NOT NULL,
    `WikiImage`       varchar(255) NOT NULL,
    `VanityHouse`     tinyint(1)            DEFAULT '0',
    `created`         datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `updated`         datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `deleted_torrents` (
    `ID`                      int                                   NOT NULL,
    `GroupID`                 int                                   NOT NULL,
    `UserID`                  int                                   NOT NULL,
    `Media`                   varchar(20)                                    DEFAULT NULL,
    `Format`                  varchar(10)                                    DEFAULT NULL,
    `Encoding`                varchar(15)                                    DEFAULT NULL,
    `Remastered`              enum('0','1')                         NOT NULL,
    `RemasterYear`            int                                            DEFAULT NULL,
    `RemasterTitle`           varchar(80)                           NOT NULL,
    `RemasterCatalogueNumber` varchar(80)                           NOT NULL,
    `RemasterRecordLabel`     varchar(80)                           NOT NULL,
    `Scene`                   enum('0','1')                         NOT NULL,
    `HasLog`                  enum('0','1')                         NOT NULL,
    `HasCue`                  enum('0','1')                         NOT NULL,
    `HasLogDB`                enum('0','1')                         NOT NULL,
    `LogScore`                int                                   NOT NULL,
    `LogChecksum`             enum('0','1')                         NOT NULL,
    `info_hash`               binary(20)                            NOT NULL,
    `FileCount`               int                                   NOT NULL,
    `FileList`                longtext                              NOT NULL,
    `FilePath`                varchar(255)                          NOT NULL,
    `Size`                    bigint                                NOT NULL,
    `FreeTorrent`             enum('0','1','2')                     NOT NULL,
    `FreeLeechType`           enum('0','1','2','3','4','5','6','7') NOT NULL,
    `Time`                    datetime                                       DEFAULT NULL,
    `Description`             mediumtext,
    `LastReseedRequest`       datetime                                       DEFAULT NULL,
    `created`                 datetime                              NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `updated`                 datetime                              NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `deleted_torrents_leech_stats` (
    `TorrentID`   int      NOT NULL,
    `Seeders`     int      NOT NULL DEFAULT '0',
    `Leechers`    int      NOT NULL DEFAULT '0',
    `Snatched`    int      NOT NULL DEFAULT '0',
    `Balance`     bigint   NOT NULL DEFAULT '0',
    `last_action` datetime          DEFAULT NULL,
    PRIMARY KEY (`TorrentID`),
    CONSTRAINT `deleted_torrents_leech_stats_ibfk_1` FOREIGN KEY (`TorrentID`) REFERENCES `deleted_torrents` (`ID`)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `deleted_torrent_has_attr` (
    `TorrentID`     int      NOT NULL,
    `TorrentAttrID` int      NOT NULL,
    `UserID`        int               DEFAULT NULL,
    `created`       datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`TorrentID`,`TorrentAttrID`),
    KEY `TorrentAttrID` (`TorrentAttrID`),
    KEY `TorrentID` (`TorrentID`),
    KEY `UserID` (`UserID`),
    CONSTRAINT `deleted_torrent_has_attr_ibfk_1` FOREIGN KEY (`TorrentID`) REFERENCES `deleted_torrents` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `deleted_torrent_has_attr_ibfk_2` FOREIGN KEY (`TorrentAttrID`) REFERENCES `torrent_attr` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `deleted_torrent_has_attr_ibfk_3` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
        ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Forums -----------------------------------------------------------------------------------------

CREATE TABLE `forums_categories` (
    `ID`   int         NOT NULL AUTO_INCREMENT,
    `Name` varchar(40) NOT NULL DEFAULT '',
    `Sort` int         NOT NULL DEFAULT '0',
    PRIMARY KEY (`ID`),
    KEY `Sort` (`Sort`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Staff forums live in the same tables: MinClassRead decides who may read a forum.
CREATE TABLE `forums` (
    `ID`               int           NOT NULL AUTO_INCREMENT,
    `CategoryID`       int           NOT NULL,
    `Sort`             int           NOT NULL,
    `Name`             varchar(40)   NOT NULL DEFAULT '',
    `Description`      varchar(255)           DEFAULT '',
    `MinClassRead`     int           NOT NULL DEFAULT '0',
    `MinClassWrite`    int           NOT NULL DEFAULT '0',
    `MinClassCreate`   int           NOT NULL DEFAULT '0',
    `NumTopics`        int           NOT NULL DEFAULT '0',
    `NumPosts`         int           NOT NULL DEFAULT '0',
    `LastPostID`       int           NOT NULL DEFAULT '0',
    `LastPostAuthorID` int           NOT NULL,
    `LastPostTopicID`  int           NOT NULL DEFAULT '0',
    `LastPostTime`     datetime               DEFAULT NULL,
    `AutoLock`         enum('0','1')          DEFAULT '1',
    `AutoLockWeeks`    int           NOT NULL DEFAULT '4',
    PRIMARY KEY (`ID`),
    KEY `Sort` (`Sort`),
    KEY `MinClassRead` (`MinClassRead`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `forums_topics` (
    `ID`               int           NOT NULL AUTO_INCREMENT,
    `Title`            varchar(255)  NOT NULL,
    `AuthorID`         int           NOT NULL,
    `IsLocked`         enum('0','1') NOT NULL DEFAULT '0',
    `IsSticky`         enum('0','1') NOT NULL DEFAULT '0',
    `ForumID`          int           NOT NULL,
    `NumPosts`         int           NOT NULL DEFAULT '0',
    `LastPostID`       int           NOT NULL DEFAULT '0',
    `LastPostTime`     datetime      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `LastPostAuthorID` int           NOT NULL,
    `StickyPostID`     int           NOT NULL DEFAULT '0',
    `Ranking`          tinyint                DEFAULT '0',
    `CreatedTime`      datetime               DEFAULT NULL,
    PRIMARY KEY (`ID`),
    KEY `AuthorID` (`AuthorID`),
    KEY `ForumID` (`ForumID`),
    KEY `IsSticky` (`IsSticky`),
    KEY `LastPostID` (`LastPostID`),
    KEY `Title` (`Title`),
    KEY `CreatedTime` (`CreatedTime`),
    KEY `ft_fid_sticky_idx` (`ForumID`,`IsSticky`),
    CONSTRAINT `forums_topics_ibfk_1` FOREIGN KEY (`AuthorID`) REFERENCES `users_main` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `forums_topics_ibfk_2` FOREIGN KEY (`ForumID`) REFERENCES `forums` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `forums_topics_ibfk_3` FOREIGN KEY (`LastPostAuthorID`) REFERENCES `users_main` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `forums_topics_ibfk_4` FOREIGN KEY (`LastPostID`) REFERENCES `forums_posts` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `forums_posts` (
    `ID`           int      NOT NULL AUTO_INCREMENT,
    `TopicID`      int      NOT NULL,
    `AuthorID`     int      NOT NULL,
    `AddedTime`    datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `Body`         longtext,
    `EditedUserID` int               DEFAULT NULL,
    `EditedTime`   datetime          DEFAULT NULL,
    PRIMARY KEY (`ID`),
    KEY `TopicID` (`TopicID`),
    KEY `AuthorID` (`AuthorID`),
    CONSTRAINT `forums_posts_ibfk_1` FOREIGN KEY (`TopicID`) REFERENCES `forums_topics` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Comments on artist, collage, request and torrent-group pages.
CREATE TABLE `comments` (
    `ID`           int                                           NOT NULL AUTO_INCREMENT,
    `Page`         enum('artist','collages','requests','torrents') NOT NULL,
    `PageID`       int                                           NOT NULL,
    `AuthorID`     int                                           NOT NULL,
    `AddedTime`    datetime                                      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `Body`         mediumtext                                    NOT NULL,
    `EditedUserID` int                                                    DEFAULT NULL,
    `EditedTime`   datetime                                               DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`),
    KEY `Page` (`Page`,`PageID`),
    KEY `AuthorID` (`AuthorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Collages ---------------------------------------------------------------------------------------

-- CategoryID 0 is a personal collage, 7 an artist collage (collages_artists); Deleted = '1' is
-- a collage removed from the site but kept in the table.
CREATE TABLE `collages` (
    `ID`               int           NOT NULL AUTO_INCREMENT,
    `Name`             varchar(100)  NOT NULL DEFAULT '',
    `Description`      mediumtext    NOT NULL,
    `UserID`           int           NOT NULL,
    `NumTorrents`      int           NOT NULL DEFAULT '0',
    `Deleted`          enum('0','1')          DEFAULT '0',
    `Locked`           enum('0','1') NOT NULL DEFAULT '0',
    `CategoryID`       int           NOT NULL DEFAULT '1',
    `TagList`          varchar(500)  NOT NULL DEFAULT '',
    `MaxGroups`        int           NOT NULL DEFAULT '0',
    `MaxGroupsPerUser` int           NOT NULL DEFAULT '0',
    `Featured`         tinyint       NOT NULL DEFAULT '0',
    `Subscribers`      int                    DEFAULT '0',
    `updated`          datetime      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Name` (`Name`),
    KEY `UserID` (`UserID`),
    KEY `c_cat_user_idx` (`CategoryID`,`UserID`),
    CONSTRAINT `collages_ibfk_1` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Removing a group or a collage removes its entries through ON DELETE CASCADE, which the binlog
-- does not carry.
CREATE TABLE `collages_torrents` (
    `CollageID` int      NOT NULL,
    `GroupID`   int      NOT NULL,
    `UserID`    int      NOT NULL,
    `Sort`      int      NOT NULL DEFAULT '0',
    `AddedOn`   datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`CollageID`,`GroupID`),
    KEY `UserID` (`UserID`),
    KEY `Sort` (`Sort`),
    KEY `GroupID` (`GroupID`),
    CONSTRAINT `collages_torrents_ibfk_1` FOREIGN KEY (`CollageID`) REFERENCES `collages` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `collages_torrents_ibfk_2` FOREIGN KEY (`GroupID`) REFERENCES `torrents_group` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `collages_torrents_ibfk_3` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `collages_artists` (
    `CollageID` int      NOT NULL,
    `ArtistID`  int      NOT NULL,
    `UserID`    int      NOT NULL,
    `Sort`      int      NOT NULL DEFAULT '0',
    `AddedOn`   datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`CollageID`,`ArtistID`),
    KEY `UserID` (`UserID`),
    KEY `Sort` (`Sort`),
    KEY `ArtistID` (`ArtistID`),
    CONSTRAINT `collages_artists_ibfk_1` FOREIGN KEY (`CollageID`) REFERENCES `collages` (`ID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `collages_artists_ibfk_2` FOREIGN KEY (`ArtistID`) REFERENCES `artists_group` (`ArtistID`)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT `collages_artists_ibfk_3` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Requests ---------------------------------------------------------------------------------------

-- Visible is binary(1): a request hidden by staff has 0x30 ('0').
CREATE TABLE `requests` (
    `ID`              int          NOT NULL AUTO_INCREMENT,
    `UserID`          int          NOT NULL DEFAULT '0',
    `TimeAdded`       datetime     NOT NULL,
    `LastVote`        datetime              DEFAULT NULL,
    `CategoryID`      int          NOT NULL,
    `Title`           varchar(255)          DEFAULT NULL,
    `Year`            int                   DEFAULT NULL,
    `Image`           varchar(255)          DEFAULT NULL,
    `Description`     mediumtext   NOT NULL,
    `ReleaseType`     tinyint      NOT NULL DEFAULT '21',
    `CatalogueNumber` varchar(50)  NOT NULL,
    `BitrateList`     varchar(255)          DEFAULT NULL,
    `FormatList`      varchar(255)          DEFAULT NULL,
    `MediaList`       varchar(255)          DEFAULT NULL,
    `LogCue`          varchar(20)           DEFAULT NULL,
    `FillerID`        int          NOT NULL DEFAULT '0',
    `TorrentID`       int          NOT NULL DEFAULT '0',
    `TimeFilled`      datetime              DEFAULT NULL,
    `Visible`         binary(1)    NOT NULL DEFAULT '1',
    `RecordLabel`     varchar(80)           DEFAULT NULL,
    `GroupID`         int                   DEFAULT NULL,
    `OCLC`            varchar(55)           DEFAULT '',
    `Checksum`        tinyint(1)   NOT NULL DEFAULT '0',
    `created`         datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `updated`         datetime     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (`ID`),
    KEY `Userid` (`UserID`),
    KEY `Name` (`Title`),
    KEY `Filled` (`TorrentID`),
    KEY `FillerID` (`FillerID`),
    KEY `TimeAdded` (`TimeAdded`),
    KEY `Year` (`Year`),
    KEY `TimeFilled` (`TimeFilled`),
    KEY `LastVote` (`LastVote`),
    KEY `GroupID` (`GroupID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Artists a request asks for, keyed by alias and role as torrents_artists.
CREATE TABLE `requests_artists` (
    `RequestID`      int                                   NOT NULL,
    `AliasID`        int                                   NOT NULL,
    `Importance`     enum('1','2','3','4','5','6','7','8') NOT NULL,
    `artist_role_id` tinyint                                        DEFAULT NULL,
    `UserID`         int                                            DEFAULT NULL,
    `created`        datetime                              NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`RequestID`,`Importance`,`AliasID`),
    KEY `AliasID` (`AliasID`),
    KEY `artist_role_id` (`artist_role_id`),
    KEY `UserID` (`UserID`),
    KEY `RequestID` (`RequestID`),
    CONSTRAINT `requests_artists_ibfk_1` FOREIGN KEY (`artist_role_id`) REFERENCES `artist_role` (`artist_role_id`),
    CONSTRAINT `requests_artists_ibfk_2` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT `requests_artists_ibfk_3` FOREIGN KEY (`AliasID`) REFERENCES `artists_alias` (`AliasID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `requests_tags` (
    `TagID`     int NOT NULL DEFAULT '0',
    `RequestID` int NOT NULL DEFAULT '0',
    PRIMARY KEY (`TagID`,`RequestID`),
    KEY `TagID` (`TagID`),
    KEY `RequestID` (`RequestID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- One row per vote, keyed by a surrogate id since 2024 and with the time of the vote.
CREATE TABLE `requests_votes` (
    `requests_votes_id` int      NOT NULL AUTO_INCREMENT,
    `RequestID`         int      NOT NULL DEFAULT '0',
    `UserID`            int      NOT NULL DEFAULT '0',
    `Bounty`            bigint   NOT NULL,
    `created`           datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`requests_votes_id`),
    KEY `RequestID` (`RequestID`),
    KEY `UserID` (`UserID`),
    CONSTRAINT `requests_votes_ibfk_1` FOREIGN KEY (`RequestID`) REFERENCES `requests` (`ID`),
    CONSTRAINT `requests_votes_ibfk_2` FOREIGN KEY (`UserID`) REFERENCES `users_main` (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Album votes -----------------------------------------------------------------------------------

-- Album votes of a group, counted (who voted is elsewhere and private). Score is derived from Ups
-- and Total on every vote. Deleting a group deletes this row through ON DELETE CASCADE, which the
-- binlog does not carry.
CREATE TABLE `torrents_votes` (
    `GroupID` int          NOT NULL,
    `Ups`     int unsigned NOT NULL DEFAULT '0',
    `Total`   int unsigned NOT NULL DEFAULT '0',
    `Score`   float        NOT NULL DEFAULT '0',
    PRIMARY KEY (`GroupID`),
    KEY `Score` (`Score`),
    CONSTRAINT `torrents_votes_ibfk_1` FOREIGN KEY (`GroupID`) REFERENCES `torrents_group` (`ID`)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

-- Private tables: present so that tests can plant secrets the sidecar must never emit -------------

-- User accounts. OPS moved the transfer totals to users_leech_stats and the profile into this
-- table, dropped Secret (2023) and the two-factor columns (2024); auth_key and torrent_pass are
-- credentials, IRCKey a password for the IRC bot.
CREATE TABLE `users_main` (
    `ID`                int           NOT NULL AUTO_INCREMENT,
    `Username`          varchar(20)   NOT NULL,
    `Email`             varchar(255)  NOT NULL,
    `PassHash`          varchar(60)   NOT NULL,
    `IRCKey`            char(32)               DEFAULT NULL,
    `IP`                varchar(15)   NOT NULL DEFAULT '0.0.0.0',
    `title`             varchar(1024)          DEFAULT NULL,
    `Enabled`           enum('0','1','2','unconfirmed','enabled','disabled','banned') NOT NULL DEFAULT '0',
    `Paranoia`          mediumtext,
    `Visible`           enum('0','1','yes','no') NOT NULL DEFAULT '1',
    `Invites`           int           NOT NULL DEFAULT '0',
    `PermissionID`      int           NOT NULL,
    `CustomPermissions` mediumtext,
    `can_leech`         tinyint       NOT NULL DEFAULT '1',
    `torrent_pass`      char(32)      NOT NULL,
    `RequiredRatio`     double(10,8)  NOT NULL DEFAULT '0.00000000',
    `ipcc`              varchar(2)    NOT NULL DEFAULT '',
    `created`           datetime      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `updated`           datetime      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    `auth_key`          varchar(32)   NOT NULL,
    `avatar`            varchar(255)  NOT NULL DEFAULT '',
    `collage_total`     int           NOT NULL DEFAULT '0',
    `inviter_user_id`   int           NOT NULL DEFAULT '0',
    `profile_info`      text          NOT NULL DEFAULT (_utf8mb4''),
    `profile_title`     varchar(255)  NOT NULL DEFAULT '',
    `slogan`            varchar(255)           DEFAULT NULL,
    `stylesheet_id`     int           NOT NULL,
    `stylesheet_url`    varchar(255)           DEFAULT NULL,
    PRIMARY KEY (`ID`),
    UNIQUE KEY `Username` (`Username`),
    KEY `Email` (`Email`),
    KEY `PassHash` (`PassHash`),
    KEY `IP` (`IP`),
    KEY `Enabled` (`Enabled`),
    KEY `Invites` (`Invites`),
    KEY `torrent_pass` (`torrent_pass`),
    KEY `RequiredRatio` (`RequiredRatio`),
    KEY `cc_index` (`ipcc`),
    KEY `PermissionID` (`PermissionID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `pm_conversations` (
    `ID`      int          NOT NULL AUTO_INCREMENT,
    `Subject` varchar(255) NOT NULL,
    PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `pm_conversations_users` (
    `UserID`       int           NOT NULL DEFAULT '0',
    `ConvID`       int           NOT NULL DEFAULT '0',
    `InInbox`      enum('1','0') NOT NULL,
    `InSentbox`    enum('1','0') NOT NULL,
    `SentDate`     datetime      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `ReceivedDate` datetime      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `UnRead`       enum('1','0') NOT NULL DEFAULT '1',
    `Sticky`       enum('1','0') NOT NULL DEFAULT '0',
    `ForwardedTo`  int           NOT NULL DEFAULT '0',
    PRIMARY KEY (`UserID`,`ConvID`),
    KEY `InInbox` (`InInbox`),
    KEY `ConvID` (`ConvID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE `pm_messages` (
    `ID`       int        NOT NULL AUTO_INCREMENT,
    `ConvID`   int        NOT NULL DEFAULT '0',
    `SentDate` datetime   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `SenderID` int        NOT NULL DEFAULT '0',
    `Body`     mediumtext NOT NULL,
    PRIMARY KEY (`ID`),
    KEY `ConvID` (`ConvID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
