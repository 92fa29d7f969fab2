package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** torrents_tags → release_group_tag; who tagged stays home. */
public final class TorrentsTagsMapping implements TableMapping {

    @Override
    public String table() {
        return "torrents_tags";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP_TAG;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity())
                .put("release_group_id", row.requiredLong("GroupID"))
                .put("tag_id", row.requiredLong("TagID"))
                .build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return FieldValues.keySources(entity(), KeySource.copy("GroupID"), KeySource.copy("TagID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("positive_votes", row.requiredLong("PositiveVotes"))
                .put("negative_votes", row.requiredLong("NegativeVotes"))
                .build();
    }
}
