-- Positions gain the epoch of the origin key that signed the record as their most significant part
-- (wire-format.md, "Position and how a mirror applies records"): a successor origin on another
-- database server starts its binlog names again, and its records must still order after every
-- record of the origin before it. The guarded upsert (MirrorSql) compares
-- (src_epoch, src_file_seq, src_pos, src_event, src_row).
--
-- Rows a mirror already holds came from records without an epoch, which are of epoch 0; so is the
-- default. The _live views list no bookkeeping columns and stay as they are.

ALTER TABLE herd.artist ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.artist_alias ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release_group ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release_group_artist ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.tag ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release_group_tag ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release_group_wiki ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.artist_wiki ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd."user" ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.collage ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.collage_release_group ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.collage_artist ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.request ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.request_artist ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.request_tag ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.forum_category ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.forum ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.forum_topic ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.forum_post ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.comment ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.artist_similarity ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.artist_similarity_artist ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release_group_votes ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE herd.release_log ADD COLUMN src_epoch bigint NOT NULL DEFAULT 0;
