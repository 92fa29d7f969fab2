-- Indexes for the applications that read a mirror (herd serve: the Gazelle JSON API and the site):
-- full-text and trigram search on artist, release group, edition, file and tag names and record
-- labels, and the lookups by parent their pages make. Tables and views are unchanged.
--
-- Full text uses the 'simple' configuration (no stemming, no stop words: names come in every
-- language) on expressions that the readers repeat word for word, so that the planner uses these
-- indexes. Every index is partial on NOT deleted, as readers read the _live views.

-- pg_trgm ships with PostgreSQL (contrib). A mirror whose database has it already, in another
-- schema, keeps it there; this migration then finds its operator classes through that schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA herd;

DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    PERFORM set_config('search_path', current_setting('search_path') || ',' || quote_ident(trgm_schema), true);
END $$;

-- Release groups: name, record label and catalogue number; year and time for filters and order.
CREATE INDEX release_group_name_fts ON herd.release_group
    USING gin (to_tsvector('simple', coalesce(name, ''))) WHERE NOT deleted;
CREATE INDEX release_group_name_trgm ON herd.release_group USING gin (name gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX release_group_label_fts ON herd.release_group
    USING gin (to_tsvector('simple', coalesce(record_label, '') || ' ' || coalesce(catalogue_number, '')))
    WHERE NOT deleted;
CREATE INDEX release_group_label_trgm ON herd.release_group USING gin (record_label gin_trgm_ops)
    WHERE NOT deleted;
CREATE INDEX release_group_added ON herd.release_group (added_at DESC NULLS LAST, origin, release_group_id DESC)
    WHERE NOT deleted;
CREATE INDEX release_group_year ON herd.release_group (year) WHERE NOT deleted;

-- Artists and their aliases: search, lookup by exact name (case-insensitive), aliases of an artist.
CREATE INDEX artist_name_lower ON herd.artist (lower(name)) WHERE NOT deleted;
CREATE INDEX artist_alias_name_fts ON herd.artist_alias
    USING gin (to_tsvector('simple', coalesce(name, ''))) WHERE NOT deleted;
CREATE INDEX artist_alias_name_trgm ON herd.artist_alias USING gin (name gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX artist_alias_name_lower ON herd.artist_alias (lower(name)) WHERE NOT deleted;
CREATE INDEX artist_alias_artist ON herd.artist_alias (origin, artist_id) WHERE NOT deleted;

-- Credits by alias (the way from a matching name to its groups) and by artist.
CREATE INDEX release_group_artist_alias ON herd.release_group_artist (origin, alias_id) WHERE NOT deleted;
CREATE INDEX release_group_artist_artist ON herd.release_group_artist (origin, artist_id) WHERE NOT deleted;

-- Releases (editions): by group, edition title, label and catalogue number, and file names.
CREATE INDEX release_group_of ON herd.release (origin, release_group_id) WHERE NOT deleted;
CREATE INDEX release_edition_fts ON herd.release
    USING gin (to_tsvector('simple', coalesce(remaster_title, '') || ' ' || coalesce(remaster_record_label, '')
        || ' ' || coalesce(remaster_catalogue_number, ''))) WHERE NOT deleted;
CREATE INDEX release_files_fts ON herd.release
    USING gin (jsonb_to_tsvector('simple', coalesce(files, '[]'::jsonb), '["string"]')) WHERE NOT deleted;
CREATE INDEX release_uploaded ON herd.release (uploaded_at DESC) WHERE NOT deleted;

-- Tags: by name, and the groups that carry one.
CREATE INDEX tag_name ON herd.tag (name, origin) WHERE NOT deleted;
CREATE INDEX tag_name_trgm ON herd.tag USING gin (name gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX release_group_tag_tag ON herd.release_group_tag (origin, tag_id) WHERE NOT deleted;

-- Lookups by parent that the pages make.
CREATE INDEX release_log_release ON herd.release_log (origin, release_id) WHERE NOT deleted;
CREATE INDEX artist_similarity_artist_artist ON herd.artist_similarity_artist (origin, artist_id) WHERE NOT deleted;
CREATE INDEX comment_page ON herd.comment (origin, page, page_id, comment_id) WHERE NOT deleted;
CREATE INDEX forum_topic_forum ON herd.forum_topic (origin, forum_id) WHERE NOT deleted;
CREATE INDEX forum_post_topic ON herd.forum_post (origin, forum_topic_id, forum_post_id) WHERE NOT deleted;
CREATE INDEX collage_release_group_group ON herd.collage_release_group (origin, release_group_id) WHERE NOT deleted;
CREATE INDEX request_artist_artist ON herd.request_artist (origin, artist_id) WHERE NOT deleted;
CREATE INDEX request_artist_alias ON herd.request_artist (origin, alias_id) WHERE NOT deleted;
CREATE INDEX request_created ON herd.request (created_at DESC) WHERE NOT deleted;
CREATE INDEX request_title_fts ON herd.request
    USING gin (to_tsvector('simple', coalesce(title, ''))) WHERE NOT deleted;
