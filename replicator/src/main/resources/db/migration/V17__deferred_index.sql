-- A mirror's first copy builds its secondary indexes once, after the rows are in, instead of
-- maintaining them row by row (DeferredIndexes): on an empty mirror the replicator records each
-- such index here and drops it, in one transaction, and creates it again from its definition
-- once the mirror has passed a checkpoint taken after the origin's snapshot was complete. A row
-- here is an index the mirror lacks until then; herd mirror status counts them.

CREATE TABLE herd.deferred_index (
    name text PRIMARY KEY,
    table_name text NOT NULL,
    -- As pg_get_indexdef gives it: a complete CREATE INDEX statement, schema-qualified.
    definition text NOT NULL,
    deferred_at timestamptz NOT NULL DEFAULT now()
);
