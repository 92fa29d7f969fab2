-- The neutral schema in a mirror. The replicator generates its SQL from NeutralSchema at start-up
-- and a test checks that these tables match it column for column; change both together, in a
-- new migration.
--
-- Every entity table holds: origin (one mirror may follow several Gazelle sites), the key
-- fields, the payload fields (all nullable: a delete keeps a tombstone row with its payload
-- nulled, so that the position it came from still guards the row against older replays), and
-- the source position of the record that last changed the row. There are no foreign keys:
-- records of different entities arrive in any order.
--
-- Flyway creates the schema herd (and its history table in it) before this runs.

CREATE TABLE herd.artist (
    origin text NOT NULL,
    artist_id bigint NOT NULL,
    name text,
    revision_id bigint,
    vanity_house boolean,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, artist_id)
);
COMMENT ON TABLE herd.artist IS 'An artist page.';

CREATE TABLE herd.artist_alias (
    origin text NOT NULL,
    alias_id bigint NOT NULL,
    artist_id bigint,
    name text,
    redirect_alias_id bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, alias_id)
);
COMMENT ON TABLE herd.artist_alias IS 'Another name of an artist; credits name the alias they were made under.';

CREATE TABLE herd.release_group (
    origin text NOT NULL,
    release_group_id bigint NOT NULL,
    artist_id bigint,
    category text,
    name text,
    year bigint,
    catalogue_number text,
    record_label text,
    release_type text,
    added_at timestamp,
    revision_id bigint,
    wiki_body text,
    wiki_image text,
    vanity_house boolean,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, release_group_id)
);
COMMENT ON TABLE herd.release_group IS 'A release group (torrent group): one album, EP, book or program, in all its editions.';

CREATE TABLE herd.release (
    origin text NOT NULL,
    release_id bigint NOT NULL,
    release_group_id bigint,
    media text,
    format text,
    encoding text,
    remastered boolean,
    remaster_year bigint,
    remaster_title text,
    remaster_catalogue_number text,
    remaster_record_label text,
    scene boolean,
    has_log boolean,
    has_cue boolean,
    log_score bigint,
    file_count bigint,
    size_bytes bigint,
    file_list text,
    freeleech text,
    uploaded_at timestamp,
    description text,
    transcoded_from bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, release_id)
);
COMMENT ON TABLE herd.release IS 'One upload of a release group: an edition in one media, format and encoding.';

CREATE TABLE herd.release_group_artist (
    origin text NOT NULL,
    release_group_id bigint NOT NULL,
    artist_id bigint NOT NULL,
    role text NOT NULL,
    alias_id bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, release_group_id, artist_id, role)
);
COMMENT ON TABLE herd.release_group_artist IS 'An artist credited on a release group, in one role.';

CREATE TABLE herd.tag (
    origin text NOT NULL,
    tag_id bigint NOT NULL,
    name text,
    tag_type text,
    uses bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, tag_id)
);
COMMENT ON TABLE herd.tag IS 'A tag that release groups can carry.';

CREATE TABLE herd.release_group_tag (
    origin text NOT NULL,
    release_group_id bigint NOT NULL,
    tag_id bigint NOT NULL,
    positive_votes bigint,
    negative_votes bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, release_group_id, tag_id)
);
COMMENT ON TABLE herd.release_group_tag IS 'A tag on a release group with its vote counts.';

CREATE TABLE herd.release_group_wiki (
    origin text NOT NULL,
    revision_id bigint NOT NULL,
    release_group_id bigint,
    body text,
    image text,
    summary text,
    created_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, revision_id)
);
COMMENT ON TABLE herd.release_group_wiki IS 'A revision of a release group''s description.';

CREATE TABLE herd.artist_wiki (
    origin text NOT NULL,
    revision_id bigint NOT NULL,
    artist_id bigint,
    body text,
    image text,
    summary text,
    created_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, revision_id)
);
COMMENT ON TABLE herd.artist_wiki IS 'A revision of an artist''s description.';

-- Where the replicator resumes: the next Kafka offset per consumer group and partition, written
-- in the same transaction as the rows it applied. PostgreSQL, not Kafka, is the truth.
CREATE TABLE herd.consumer_offset (
    group_id text NOT NULL,
    topic text NOT NULL,
    "partition" integer NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (group_id, topic, "partition")
);

-- Records the replicator could not apply, kept byte for byte with the reason.
CREATE TABLE herd.quarantine (
    id bigserial PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    topic text NOT NULL,
    "partition" integer NOT NULL,
    "offset" bigint NOT NULL,
    record_key bytea,
    record_value bytea,
    reason text NOT NULL
);

-- Live rows without bookkeeping columns, for readers of the mirror.

CREATE VIEW herd.artist_live AS
    SELECT origin, artist_id, name, revision_id, vanity_house
    FROM herd.artist WHERE NOT deleted;

CREATE VIEW herd.artist_alias_live AS
    SELECT origin, alias_id, artist_id, name, redirect_alias_id
    FROM herd.artist_alias WHERE NOT deleted;

CREATE VIEW herd.release_group_live AS
    SELECT origin, release_group_id, artist_id, category, name, year, catalogue_number, record_label, release_type, added_at, revision_id, wiki_body, wiki_image, vanity_house
    FROM herd.release_group WHERE NOT deleted;

CREATE VIEW herd.release_live AS
    SELECT origin, release_id, release_group_id, media, format, encoding, remastered, remaster_year, remaster_title, remaster_catalogue_number, remaster_record_label, scene, has_log, has_cue, log_score, file_count, size_bytes, file_list, freeleech, uploaded_at, description, transcoded_from
    FROM herd.release WHERE NOT deleted;

CREATE VIEW herd.release_group_artist_live AS
    SELECT origin, release_group_id, artist_id, role, alias_id
    FROM herd.release_group_artist WHERE NOT deleted;

CREATE VIEW herd.tag_live AS
    SELECT origin, tag_id, name, tag_type, uses
    FROM herd.tag WHERE NOT deleted;

CREATE VIEW herd.release_group_tag_live AS
    SELECT origin, release_group_id, tag_id, positive_votes, negative_votes
    FROM herd.release_group_tag WHERE NOT deleted;

CREATE VIEW herd.release_group_wiki_live AS
    SELECT origin, revision_id, release_group_id, body, image, summary, created_at
    FROM herd.release_group_wiki WHERE NOT deleted;

CREATE VIEW herd.artist_wiki_live AS
    SELECT origin, revision_id, artist_id, body, image, summary, created_at
    FROM herd.artist_wiki WHERE NOT deleted;
