package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** requests_artists → request_artist; leaves only while its request is visible. */
public final class RequestArtistsMapping implements TableMapping {

    static final String TABLE = "requests_artists";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST_ARTIST;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity())
                .put("request_id", row.requiredLong("RequestID"))
                .put("alias_id", row.requiredLong("AliasID"))
                .build();
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("artist_id", row.requiredLong("ArtistID"))
                .put("role", row.code("Importance", CodeList.ARTIST_ROLES))
                .build();
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
