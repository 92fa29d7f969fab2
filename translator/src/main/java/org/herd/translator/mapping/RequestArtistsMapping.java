package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * requests_artists → request_artist; leaves only while its request is visible. OPS's rows name only
 * the alias, as its credits do (the artist is the alias's), so {@code artist_id} is null for OPS.
 */
public final class RequestArtistsMapping implements TableMapping {

    static final String TABLE = "requests_artists";

    private final boolean hasArtistColumn;

    /** The WhatCD mapping: rows carry ArtistID. */
    public RequestArtistsMapping() {
        this(true);
    }

    private RequestArtistsMapping(boolean hasArtistColumn) {
        this.hasArtistColumn = hasArtistColumn;
    }

    /**
     * The OPS mapping: OPS dropped ArtistID and keys its rows (RequestID, Importance, AliasID).
     * The neutral key stays (request_id, alias_id), so a request naming one alias in two roles
     * leaves as one record, the role of the row written last.
     */
    public static RequestArtistsMapping ops() {
        return new RequestArtistsMapping(false);
    }

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
    public Map<String, KeySource> keySources() {
        return FieldValues.keySources(entity(), KeySource.copy("RequestID"), KeySource.copy("AliasID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("artist_id", hasArtistColumn ? row.requiredLong("ArtistID") : null)
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
