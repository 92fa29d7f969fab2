-- Collages and requests (NeutralSchema: collage, collage_release_group, collage_artist, request,
-- request_artist, request_tag), laid out as V1 lays out every entity table. Deleted collages and
-- hidden requests, and their entries, artists and tags, never reach a mirror; a collage deleted or
-- a request hidden after it was published arrives as a delete. A request's vote_count and
-- bounty_total are totals computed at the origin; no table here says who voted.

CREATE TABLE herd.collage (
    origin text NOT NULL,
    collage_id bigint NOT NULL,
    name text,
    description text,
    category text,
    owner text,
    locked boolean,
    tag_list text,
    max_entries bigint,
    max_entries_per_user bigint,
    updated_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, collage_id)
);
COMMENT ON TABLE herd.collage IS 'A collage: a list of release groups (or of artists) made by a user. Deleted collages are not published.';

CREATE TABLE herd.collage_release_group (
    origin text NOT NULL,
    collage_id bigint NOT NULL,
    release_group_id bigint NOT NULL,
    sort bigint,
    added_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, collage_id, release_group_id)
);
COMMENT ON TABLE herd.collage_release_group IS 'A release group in a collage; published only while the collage is.';

CREATE TABLE herd.collage_artist (
    origin text NOT NULL,
    collage_id bigint NOT NULL,
    artist_id bigint NOT NULL,
    sort bigint,
    added_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, collage_id, artist_id)
);
COMMENT ON TABLE herd.collage_artist IS 'An artist in an artist collage; published only while the collage is.';

CREATE TABLE herd.request (
    origin text NOT NULL,
    request_id bigint NOT NULL,
    requester text,
    created_at timestamp,
    last_vote_at timestamp,
    category text,
    title text,
    year bigint,
    image text,
    description text,
    release_type text,
    catalogue_number text,
    record_label text,
    encoding_list text,
    format_list text,
    media_list text,
    log_cue text,
    release_group_id bigint,
    oclc text,
    filler text,
    filled_release_id bigint,
    filled_at timestamp,
    vote_count bigint,
    bounty_total bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, request_id)
);
COMMENT ON TABLE herd.request IS 'A request for a release not yet uploaded, with its bounty. Hidden requests are not published.';

CREATE TABLE herd.request_artist (
    origin text NOT NULL,
    request_id bigint NOT NULL,
    alias_id bigint NOT NULL,
    artist_id bigint,
    role text,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, request_id, alias_id)
);
COMMENT ON TABLE herd.request_artist IS 'An artist named by a music request, in one role; published only while the request is.';

CREATE TABLE herd.request_tag (
    origin text NOT NULL,
    request_id bigint NOT NULL,
    tag_id bigint NOT NULL,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, request_id, tag_id)
);
COMMENT ON TABLE herd.request_tag IS 'A tag on a request; published only while the request is.';

CREATE VIEW herd.collage_live AS
    SELECT origin, collage_id, name, description, category, owner, locked, tag_list, max_entries, max_entries_per_user, updated_at
    FROM herd.collage WHERE NOT deleted;

CREATE VIEW herd.collage_release_group_live AS
    SELECT origin, collage_id, release_group_id, sort, added_at
    FROM herd.collage_release_group WHERE NOT deleted;

CREATE VIEW herd.collage_artist_live AS
    SELECT origin, collage_id, artist_id, sort, added_at
    FROM herd.collage_artist WHERE NOT deleted;

CREATE VIEW herd.request_live AS
    SELECT origin, request_id, requester, created_at, last_vote_at, category, title, year, image, description, release_type, catalogue_number, record_label, encoding_list, format_list, media_list, log_cue, release_group_id, oclc, filler, filled_release_id, filled_at, vote_count, bounty_total
    FROM herd.request WHERE NOT deleted;

CREATE VIEW herd.request_artist_live AS
    SELECT origin, request_id, alias_id, artist_id, role
    FROM herd.request_artist WHERE NOT deleted;

CREATE VIEW herd.request_tag_live AS
    SELECT origin, request_id, tag_id
    FROM herd.request_tag WHERE NOT deleted;
