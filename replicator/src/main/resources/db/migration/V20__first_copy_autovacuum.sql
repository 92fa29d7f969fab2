-- While a mirror's first copy fills its empty entity tables, autovacuum would analyse (and vacuum)
-- each growing table again and again, every minute for every tenth it grew by: at scale 0.1 a
-- single ANALYZE of herd.release samples its file lists for seconds. DeferredIndexes turns
-- autovacuum off for those tables in the transaction that defers their indexes, records each
-- table here, and turns it on again (and analyses the tables) once the indexes are built. A row
-- here is a table whose autovacuum Herd has paused; a table an operator had configured already is
-- left as it is and not recorded.

CREATE TABLE herd.paused_autovacuum (
    table_name text PRIMARY KEY,
    paused_at timestamptz NOT NULL DEFAULT now()
);
