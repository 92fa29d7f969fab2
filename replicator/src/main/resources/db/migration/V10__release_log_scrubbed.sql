-- release_log.scrubbed (NeutralSchema): whether the origin's text scrubbing changed the log before
-- publishing it, so that the log no longer matches the checksum its ripper's software wrote into it.
-- Rows a mirror already holds keep null until their log is published again: they came from a
-- sidecar that did not say.

ALTER TABLE herd.release_log ADD COLUMN scrubbed boolean;

-- A view's columns can only be appended to; release_log_live gains scrubbed at its end, where the
-- entity declares it.
CREATE OR REPLACE VIEW herd.release_log_live AS
    SELECT origin, log_id, release_id, log, details, score, checker_revision, adjusted, not_english, scrubbed
    FROM herd.release_log WHERE NOT deleted;
