-- The neutral schema for OPS origins (NeutralSchema: artist.primary_alias_id; release_group_artist
-- keyed by alias).
--
-- OPS names an artist by one of its aliases (artists_group.PrimaryAlias) and its credit rows name
-- only the alias, keyed (GroupID, Importance, AliasID). A credit is therefore keyed by
-- (release_group_id, alias_id, role) for every origin; on WhatCD, where an alias belongs to one
-- artist, that identifies a credit as well as the artist did, and artist_id stays in the payload.

ALTER TABLE herd.artist ADD COLUMN primary_alias_id bigint;

-- A view's columns can only be appended to; artist_live shows primary_alias_id where the entity
-- declares it, after name.
DROP VIEW herd.artist_live;
CREATE VIEW herd.artist_live AS
    SELECT origin, artist_id, name, primary_alias_id, revision_id, vanity_house
    FROM herd.artist WHERE NOT deleted;

DROP VIEW herd.release_group_artist_live;

-- Tombstones keep no payload, so they have no alias to be keyed by; they guarded keys of the old
-- shape, which no record carries any more.
DELETE FROM herd.release_group_artist WHERE deleted OR alias_id IS NULL;

-- Two live credits share (group, alias, role) only where an origin credited one alias under two
-- artists, which Gazelle's own pages cannot show; the one applied last (then the higher
-- artist_id, for rows of one snapshot) stays.
DELETE FROM herd.release_group_artist a
    USING herd.release_group_artist b
    WHERE a.origin = b.origin AND a.release_group_id = b.release_group_id AND a.alias_id = b.alias_id
      AND a.role = b.role
      AND (a.src_file_seq, a.src_pos, a.src_event, a.src_row, a.artist_id)
        < (b.src_file_seq, b.src_pos, b.src_event, b.src_row, b.artist_id);

ALTER TABLE herd.release_group_artist DROP CONSTRAINT release_group_artist_pkey;
ALTER TABLE herd.release_group_artist ALTER COLUMN artist_id DROP NOT NULL;
ALTER TABLE herd.release_group_artist ALTER COLUMN alias_id SET NOT NULL;
ALTER TABLE herd.release_group_artist ADD PRIMARY KEY (origin, release_group_id, alias_id, role);
COMMENT ON TABLE herd.release_group_artist IS 'An artist credited on a release group, under one of its aliases, in one role.';

CREATE VIEW herd.release_group_artist_live AS
    SELECT origin, release_group_id, alias_id, role, artist_id
    FROM herd.release_group_artist WHERE NOT deleted;
