-- Succession (docs/trust.md, Succession): a verified checkpoint that supersedes earlier epochs
-- says that every row the origin holds has a record of its epoch. Once the mirror has applied
-- everything before that checkpoint, its rows whose latest record is of an earlier epoch are rows
-- the origin no longer holds: they become tombstones, and this table says when and how many.

CREATE TABLE herd.epoch_retirement (
    origin text NOT NULL,
    epoch bigint NOT NULL,
    checkpoint_position text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz,
    rows_retired bigint,
    PRIMARY KEY (origin, epoch)
);
