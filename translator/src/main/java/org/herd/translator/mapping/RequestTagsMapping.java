package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** requests_tags → request_tag; leaves only while its request is visible. */
public final class RequestTagsMapping implements TableMapping {

    static final String TABLE = "requests_tags";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST_TAG;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity())
                .put("request_id", row.requiredLong("RequestID"))
                .put("tag_id", row.requiredLong("TagID"))
                .build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return FieldValues.keySources(entity(), KeySource.copy("RequestID"), KeySource.copy("TagID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity()).build();
    }

    @Override
    public List<String> parentColumns() {
        return List.of("RequestID");
    }

    @Override
    public boolean visible(GazelleRow row) {
        return ParentRows.visible(row, "RequestID", RequestsMapping.TABLE, "ID", RequestsMapping::isVisible);
    }
}
