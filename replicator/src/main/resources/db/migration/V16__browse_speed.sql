-- Indexes that let browse (herd serve's ajax.php?action=browse and the site's search) answer from
-- indexes alone. EXPLAIN (ANALYZE, BUFFERS) of its statements on a generated mirror showed the
-- time going to heap reads of wide rows (release groups carry their wiki text, releases their
-- file lists and descriptions) only to learn a key, a filter column or an order column, once per
-- matching group. Each index below covers what a search reads of its table, so PostgreSQL can use
-- index-only scans (pages the visibility map marks all-visible are not read at all).
--
-- Three V11 indexes are replaced by covering ones with the same leading columns, so that a write
-- does not keep up both. Tables and views are unchanged; every index is partial on NOT deleted, as
-- readers read the _live views.

-- Release groups by key, with what browse filters, orders and facets on: the way from a set of
-- matching keys (full text, tags, releases) to the order and the filters.
CREATE INDEX release_group_browse_key ON herd.release_group (origin, release_group_id)
    INCLUDE (added_at, year, release_type, category, vanity_house) WHERE NOT deleted;

-- Release groups by time added (browse's default order), with the same filter columns.
CREATE INDEX release_group_browse_added ON herd.release_group (added_at DESC NULLS LAST, origin, release_group_id DESC)
    INCLUDE (year, release_type, category, vanity_house) WHERE NOT deleted;
DROP INDEX herd.release_group_added;

-- Releases by group, with the columns of browse's release filters, facets and size order.
CREATE INDEX release_browse_group ON herd.release (origin, release_group_id)
    INCLUDE (format, encoding, media, has_log, has_cue, scene, freeleech, size_bytes) WHERE NOT deleted;
DROP INDEX herd.release_group_of;

-- Tags of a group (the tag facet) and groups of a tag (the tag filter), keys only.
CREATE INDEX release_group_tag_group ON herd.release_group_tag (origin, release_group_id, tag_id) WHERE NOT deleted;
CREATE INDEX release_group_tag_by_tag ON herd.release_group_tag (origin, tag_id, release_group_id) WHERE NOT deleted;
DROP INDEX herd.release_group_tag_tag;

-- Credits by alias with the group they credit: the way from a matching artist name to its groups.
CREATE INDEX release_group_artist_by_alias ON herd.release_group_artist (origin, alias_id)
    INCLUDE (release_group_id) WHERE NOT deleted;
DROP INDEX herd.release_group_artist_alias;
