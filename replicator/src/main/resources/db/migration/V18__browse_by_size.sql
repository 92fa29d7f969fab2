-- Indexes that let browse (herd serve's ajax.php?action=browse and the site's search) order release
-- groups by size without working out every group's size. A group's size is its largest release's;
-- EXPLAIN (ANALYZE, BUFFERS) of the listing ordered by size on a mirror of 100,000 groups showed
-- max(size_bytes) computed for each of them (424,000 buffers) before the first page could be cut.
-- Tables and views are unchanged; both indexes are partial on NOT deleted, as readers read the _live
-- views.

-- Releases by size in both of browse's orders (read forwards for largest first, backwards for
-- smallest first), ties as browse breaks them; release_id to tell a group's largest release.
CREATE INDEX release_browse_size ON herd.release (size_bytes DESC NULLS LAST, origin, release_group_id DESC)
    INCLUDE (release_id) WHERE NOT deleted;

-- A group's releases largest first: its size, and whether a release is its largest, in one entry.
CREATE INDEX release_group_largest ON herd.release (origin, release_group_id, size_bytes DESC NULLS LAST,
    release_id DESC) WHERE NOT deleted;
