-- The user policy and the info_hash opt-in (NeutralSchema: entity user, release.info_hash).
-- A user row exists only for origins whose operator made user names public; info_hash is null
-- unless the origin opted in.

CREATE TABLE herd."user" (
    origin text NOT NULL,
    user_ref text NOT NULL,
    username text,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, user_ref)
);
COMMENT ON TABLE herd."user" IS 'A user of the origin; published only when the origin''s operator made user names public.';

CREATE VIEW herd.user_live AS
    SELECT origin, user_ref, username
    FROM herd."user" WHERE NOT deleted;

ALTER TABLE herd.release ADD COLUMN info_hash text;

-- A view's columns can only be appended to; release_live gains info_hash at its end, where the
-- entity declares it.
CREATE OR REPLACE VIEW herd.release_live AS
    SELECT origin, release_id, release_group_id, media, format, encoding, remastered, remaster_year, remaster_title, remaster_catalogue_number, remaster_record_label, scene, has_log, has_cue, log_score, file_count, size_bytes, files, freeleech, uploaded_at, description, transcoded_from, info_hash
    FROM herd.release WHERE NOT deleted;
