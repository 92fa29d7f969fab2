-- Statistics on what browse's release filters compare: a format, encoding or medium typed in any
-- case is matched as lower(column), an expression PostgreSQL keeps no statistics of, so it guessed
-- that half a percent of releases are MP3s where a half are. On a mirror of 250,000 releases the
-- listing filtered by format was then planned as a scan of every release (80,000 buffers) rather
-- than a walk through the groups that stops at the counted matches (2,400).
-- Gathered from now on by every ANALYZE of herd.release (autovacuum's among them); analysed here
-- once so that a mirror migrated with its rows in place plans with them at once.
CREATE STATISTICS herd.release_browse_codes ON lower(format), lower(encoding), lower(media) FROM herd.release;
ANALYZE herd.release;
