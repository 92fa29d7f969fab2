-- Archives a mirror was loaded from (herd.mirror.bootstrap.archive, docs/archive.md): which
-- origin, at which position cut, and which archive (the SHA-256 of its manifest), so that a mirror
-- restarted with the same setting knows it is loaded, and one holding other rows refuses to load.

CREATE TABLE herd.archive_bootstrap (
    origin text NOT NULL PRIMARY KEY,
    manifest_sha256 text NOT NULL,
    cut text NOT NULL,
    rows_loaded bigint NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
