-- What the mirror's status page shows about the replicator that fills this database, kept where
-- every reader of the database finds it (the web server may run in another process): per origin
-- and consumer group, the highest source position applied and how late it arrived, written in the
-- transaction of each batch; and a history of that lag, one sample a minute per origin, kept for
-- seven days.

CREATE TABLE herd.mirror_status (
    origin text NOT NULL,
    group_id text NOT NULL,
    position text NOT NULL,
    position_ts timestamptz,
    applied_at timestamptz NOT NULL,
    lag_ms bigint,
    PRIMARY KEY (origin, group_id)
);

CREATE TABLE herd.mirror_lag (
    origin text NOT NULL,
    at timestamptz NOT NULL,
    lag_ms bigint NOT NULL,
    PRIMARY KEY (origin, at)
);
