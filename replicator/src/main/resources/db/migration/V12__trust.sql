-- Verification at the mirror (docs/trust.md, "At the mirror"; docs/mirror.md). A mirror that
-- verifies applies a record only if its signature verifies against the origin's trust root; what
-- fails is kept in herd.reject with its reason, and the stream goes on.

-- Each row keeps the record it was last written from exactly as the origin signed it, so that an
-- archive can rebuild the signed Kafka record from the mirror alone (the key is
-- WireFormat.encodeKey of the key fields), and the row's fingerprint, from which the mirror
-- computes the digests it compares with the origin's checkpoints:
--   src_fp        the row fingerprint of docs/trust.md ("Row fingerprints and digests"), as a signed
--                 64-bit integer (the fingerprint's 8 bytes, big-endian)
--   src_value     the Kafka value bytes as published
--   src_signature the signature headers as published: 32 bytes of key id (herd-key-id as raw bytes)
--                 then 64 bytes of signature (herd-sig) then the proof (herd-proof), or NULL for a
--                 record that carried no signature (a mirror that does not verify)
-- Rows written before this migration hold NULL in all three until their next record.
ALTER TABLE herd.artist ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.artist_alias ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release_group ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release_group_artist ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.tag ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release_group_tag ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release_group_wiki ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.artist_wiki ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd."user" ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.collage ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.collage_release_group ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.collage_artist ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.request ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.request_artist ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.request_tag ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.forum_category ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.forum ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.forum_topic ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.forum_post ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.comment ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.artist_similarity ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.artist_similarity_artist ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release_group_votes ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;
ALTER TABLE herd.release_log ADD COLUMN src_fp bigint, ADD COLUMN src_value bytea, ADD COLUMN src_signature bytea;

-- Records set aside before this migration carried no headers; from now on the quarantine keeps a
-- record's signature headers (the layout of src_signature), so that a replay verifies it again.
ALTER TABLE herd.quarantine ADD COLUMN record_signature bytea;

-- What each origin's replicator last started with: whether it verifies, for herd mirror status.
CREATE TABLE herd.mirror_origin (
    origin text PRIMARY KEY,
    topic_prefix text NOT NULL,
    verify boolean NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now()
);

-- Every trust root the mirror accepted: pinned from herd.mirror.trust.root-file (source 'file') or
-- read from <prefix>._trust (source 'topic', with where it was read). The highest version is the
-- one the mirror verifies against; the older ones let it tell a root read again from the topic's
-- history from a rollback, also across restarts.
CREATE TABLE herd.trust_root (
    origin text NOT NULL,
    version integer NOT NULL,
    root_file bytea NOT NULL,
    expires_at timestamptz NOT NULL,
    source text NOT NULL CHECK (source IN ('file', 'topic')),
    topic text,
    "partition" integer,
    "offset" bigint,
    accepted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, version)
);

-- What the mirror refused: records that failed verification or do not belong to it (subject
-- 'record'), checkpoints ('checkpoint') and trust roots ('trust-root'), with the wire name of the
-- reason and a detail that names key id, entity, key and position but never quotes a payload.
-- record_key and record_value are kept whole (up to 1 MiB) when the reason may pass under a later
-- trust root (unknown_key, wrong_epoch; a trust root's version_gap), not at all for a stale record
-- (the origin's own, only old), else their first 4 KiB as evidence; value_length is the length that
-- arrived. A reject that passes when the mirror re-checks
-- it under a newer root is marked resolved (applied, or not newer than the mirror's row).
CREATE TABLE herd.reject (
    id bigserial PRIMARY KEY,
    rejected_at timestamptz NOT NULL DEFAULT now(),
    origin text NOT NULL,
    subject text NOT NULL CHECK (subject IN ('record', 'checkpoint', 'trust-root')),
    topic text NOT NULL,
    "partition" integer NOT NULL,
    "offset" bigint NOT NULL,
    reason text NOT NULL,
    detail text NOT NULL,
    entity text,
    entity_key text,
    source_position text,
    key_id text,
    record_key bytea,
    record_value bytea,
    record_signature bytea,
    value_length integer,
    retry_count integer NOT NULL DEFAULT 0,
    retried_at timestamptz,
    resolved_at timestamptz,
    resolution text
);
CREATE INDEX reject_open ON herd.reject (origin, subject, reason) WHERE resolved_at IS NULL;

-- The latest checkpoint per origin whose signature verified (never one that did not), and when the
-- mirror compared itself with it.
CREATE TABLE herd.checkpoint (
    origin text PRIMARY KEY,
    epoch bigint NOT NULL,
    file text NOT NULL,
    pos bigint NOT NULL,
    event bigint NOT NULL,
    "row" integer NOT NULL,
    snapshot_complete boolean NOT NULL,
    issued_at timestamptz NOT NULL,
    checkpoint bytea NOT NULL,
    signature bytea NOT NULL,
    key_id text NOT NULL,
    topic text NOT NULL,
    "partition" integer NOT NULL,
    "offset" bigint NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    evaluated_at timestamptz
);

-- Each comparison of the mirror with a checkpoint it had passed (the last 100 per origin):
-- complete, differs, or partial (the entities compared match, others had already moved past the
-- checkpoint), and per entity what was expected and found.
CREATE TABLE herd.checkpoint_result (
    id bigserial PRIMARY KEY,
    origin text NOT NULL,
    checkpoint_position text NOT NULL,
    snapshot_complete boolean NOT NULL,
    issued_at timestamptz NOT NULL,
    evaluated_at timestamptz NOT NULL DEFAULT now(),
    result text NOT NULL CHECK (result IN ('complete', 'differs', 'partial')),
    summary text NOT NULL
);
CREATE INDEX checkpoint_result_latest ON herd.checkpoint_result (origin, id);

CREATE TABLE herd.checkpoint_entity_result (
    result_id bigint NOT NULL,
    entity text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('match', 'differs', 'moved_on', 'unknown_entity')),
    expected_rows bigint NOT NULL,
    found_rows bigint,
    expected_digest text NOT NULL,
    found_digest text,
    without_fingerprint bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (result_id, entity)
);
