-- release.file_list (Gazelle's FileList text) becomes release.files, the parsed list of files as
-- jsonb; and four new entities: artist_similarity, artist_similarity_artist, release_group_votes,
-- release_log.
--
-- herd.release is rebuilt rather than altered so that its columns keep the neutral schema's order
-- (key, payload, then bookkeeping). Rows it already holds keep their source positions; their
-- file lists are converted here with the common layout ('.EXT sSIZEs NAME ÷' lines, '&divide;' in
-- older rows). A list this cannot read (the oldest 'NAME{{{SIZE}}}' layout, an extension with a
-- space, a size of 19 digits) is left null until the release changes at the origin again.

DROP VIEW herd.release_live;
ALTER TABLE herd.release RENAME TO release_v2;
ALTER INDEX herd.release_pkey RENAME TO release_v2_pkey;

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
    files jsonb,
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

INSERT INTO herd.release (origin, release_id, release_group_id, media, format, encoding, remastered, remaster_year,
        remaster_title, remaster_catalogue_number, remaster_record_label, scene, has_log, has_cue, log_score,
        file_count, size_bytes, files, freeleech, uploaded_at, description, transcoded_from,
        src_file_seq, src_pos, src_event, src_row, deleted, applied_at)
SELECT o.origin, o.release_id, o.release_group_id, o.media, o.format, o.encoding, o.remastered, o.remaster_year,
        o.remaster_title, o.remaster_catalogue_number, o.remaster_record_label, o.scene, o.has_log, o.has_cue,
        o.log_score, o.file_count, o.size_bytes,
        (SELECT CASE WHEN count(*) = 0 THEN NULL
                     WHEN bool_and(e.g IS NOT NULL)
                         THEN jsonb_agg(jsonb_build_object('path', e.g[2], 'size_bytes', e.g[1]::bigint) ORDER BY e.n)
                END
         FROM (SELECT l.n,
                      CASE WHEN l.line ~ '(÷|&divide;)$'
                           THEN regexp_match(regexp_replace(l.line, ' ?(÷|&divide;)$', ''),
                                             '^\.[^ ]* s([0-9]{1,18})s (.*)$')
                      END AS g
               FROM regexp_split_to_table(o.file_list, E'\n') WITH ORDINALITY AS l(line, n)
               WHERE btrim(l.line) <> '') e),
        o.freeleech, o.uploaded_at, o.description, o.transcoded_from,
        o.src_file_seq, o.src_pos, o.src_event, o.src_row, o.deleted, o.applied_at
FROM herd.release_v2 o;

DROP TABLE herd.release_v2;

CREATE VIEW herd.release_live AS
    SELECT origin, release_id, release_group_id, media, format, encoding, remastered, remaster_year, remaster_title, remaster_catalogue_number, remaster_record_label, scene, has_log, has_cue, log_score, file_count, size_bytes, files, freeleech, uploaded_at, description, transcoded_from
    FROM herd.release WHERE NOT deleted;

-- New entities, laid out as in V1.

CREATE TABLE herd.artist_similarity (
    origin text NOT NULL,
    similarity_id bigint NOT NULL,
    score bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, similarity_id)
);
COMMENT ON TABLE herd.artist_similarity IS 'A similarity between two artists, with the score its votes gave it; artist_similarity_artist names the two artists.';

CREATE TABLE herd.artist_similarity_artist (
    origin text NOT NULL,
    similarity_id bigint NOT NULL,
    artist_id bigint NOT NULL,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, similarity_id, artist_id)
);
COMMENT ON TABLE herd.artist_similarity_artist IS 'One of the two artists of a similarity.';

CREATE TABLE herd.release_group_votes (
    origin text NOT NULL,
    release_group_id bigint NOT NULL,
    up_votes bigint,
    total_votes bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, release_group_id)
);
COMMENT ON TABLE herd.release_group_votes IS 'The album votes of a release group, counted; who voted stays at the origin. Deleted with its group.';

CREATE TABLE herd.release_log (
    origin text NOT NULL,
    log_id bigint NOT NULL,
    release_id bigint,
    log text,
    details text,
    score bigint,
    checker_revision bigint,
    adjusted boolean,
    not_english boolean,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, log_id)
);
COMMENT ON TABLE herd.release_log IS 'A rip log uploaded with a release, as the site''s log checker scored it.';

CREATE VIEW herd.artist_similarity_live AS
    SELECT origin, similarity_id, score
    FROM herd.artist_similarity WHERE NOT deleted;

CREATE VIEW herd.artist_similarity_artist_live AS
    SELECT origin, similarity_id, artist_id
    FROM herd.artist_similarity_artist WHERE NOT deleted;

CREATE VIEW herd.release_group_votes_live AS
    SELECT origin, release_group_id, up_votes, total_votes
    FROM herd.release_group_votes WHERE NOT deleted;

CREATE VIEW herd.release_log_live AS
    SELECT origin, log_id, release_id, log, details, score, checker_revision, adjusted, not_english
    FROM herd.release_log WHERE NOT deleted;
