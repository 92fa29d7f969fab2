-- A migration after V17 that names an index the first copy defers: it fails unless the deferred
-- indexes are built before Flyway migrates (DeferredIndexesIT).
ALTER INDEX herd.release_files_fts RENAME TO release_files_fts_renamed;
ALTER INDEX herd.release_files_fts_renamed RENAME TO release_files_fts;
