package org.herd.translator.mapping;

import java.util.Map;
import java.util.Optional;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * torrents_votes → release_group_votes: the counts only. Score is not read: it is Gazelle's
 * binomial_ci(Ups, Total), recomputed from the two counts on every vote (a derived copy, like
 * TagList). Who voted is in users_votes, which never leaves.
 *
 * <p>WhatCD declares {@code torrents_votes.GroupID} a foreign key to torrents_group with
 * {@code ON DELETE CASCADE} and deletes a group without deleting its votes row first; InnoDB's
 * cascade never reaches the binlog, so the row's delete is published with the group's.
 */
public final class TorrentsVotesMapping implements TableMapping {

    @Override
    public String table() {
        return "torrents_votes";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP_VOTES;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("release_group_id", row.requiredLong("GroupID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("release_group_id", KeySource.copy("GroupID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("up_votes", row.requiredLong("Ups"))
                .put("total_votes", row.requiredLong("Total"))
                .build();
    }

    @Override
    public Optional<String> cascadeParent() {
        return Optional.of("torrents_group");
    }

    @Override
    public Map<String, Object> cascadedKey(GazelleRow parent) {
        return FieldValues.key(entity()).put("release_group_id", parent.requiredLong("ID")).build();
    }
}
