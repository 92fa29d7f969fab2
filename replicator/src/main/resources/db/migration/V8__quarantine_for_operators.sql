-- What an operator needs to list quarantined records and replay them after a fix. The record's
-- bytes stay as they came (record_key, record_value); these columns describe them.
ALTER TABLE herd.quarantine
    -- undecodable, unsupported-format, wrong-origin, wrong-topic, rejected (by PostgreSQL)
    ADD COLUMN kind text,
    -- entity, its key as JSON and the source position, when the record decoded (for an
    -- undecodable record, the entity its topic carries, if any)
    ADD COLUMN entity text,
    ADD COLUMN entity_key text,
    ADD COLUMN source_position text,
    -- replay bookkeeping: attempts, the last one, and when and how a replay settled the record
    -- (applied, or not newer than the mirror's row); open records have resolved_at NULL
    ADD COLUMN replay_count integer NOT NULL DEFAULT 0,
    ADD COLUMN replayed_at timestamptz,
    ADD COLUMN resolved_at timestamptz,
    ADD COLUMN resolution text;

-- The open records in stream order, as herd quarantine lists and replays them.
CREATE INDEX quarantine_open ON herd.quarantine (topic, "partition", "offset") WHERE resolved_at IS NULL;
