package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.Cascade;
import org.herd.translator.OriginLookup;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * requests → request. A hidden request (Visible = '0') never leaves, and its artists and tags
 * follow it. The votes leave only as the request's totals, read from the origin whenever the
 * request is translated (a vote translates it again, see {@link RequestsVotesMapping}); the
 * encoding, format and media lists leave as Gazelle stores them, '|'-joined.
 */
public final class RequestsMapping implements TableMapping {

    static final String TABLE = "requests";
    private static final String MUSIC = "music";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("request_id", row.requiredLong("ID")).build();
    }

    /** The key is the request's ID; its vote totals come from requests_votes, which a re-read of the request recomputes. */
    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("request_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        String category = row.code("CategoryID", CodeList.CATEGORIES);
        if (category == null) {
            throw row.fail("CategoryID", "is NULL but is required");
        }
        // ReleaseType may survive a request's move out of the music category, where it means nothing.
        String releaseType = MUSIC.equals(category) ? row.code("ReleaseType", CodeList.RELEASE_TYPES) : null;
        OriginLookup.Aggregate votes = row.lookup().aggregate(RequestsVotesMapping.TABLE,
                Map.of("RequestID", row.requiredLong("ID")), "Bounty");
        return FieldValues.payload(entity())
                .put("requester", row.user("UserID"))
                .put("created_at", row.timestamp("TimeAdded"))
                .put("last_vote_at", row.timestamp("LastVote"))
                .put("category", category)
                .put("title", row.text("Title"))
                .put("year", row.zeroAsNull("Year"))
                .put("image", row.emptyAsNull("Image"))
                .put("description", row.emptyAsNull("Description"))
                .put("release_type", releaseType)
                .put("catalogue_number", row.emptyAsNull("CatalogueNumber"))
                .put("record_label", row.emptyAsNull("RecordLabel"))
                .put("encoding_list", row.emptyAsNull("BitrateList"))
                .put("format_list", row.emptyAsNull("FormatList"))
                .put("media_list", row.emptyAsNull("MediaList"))
                .put("log_cue", row.emptyAsNull("LogCue"))
                .put("release_group_id", row.zeroAsNull("GroupID"))
                .put("oclc", row.emptyAsNull("OCLC"))
                .put("filler", row.user("FillerID"))
                .put("filled_release_id", row.zeroAsNull("TorrentID"))
                .put("filled_at", row.timestamp("TimeFilled"))
                .put("vote_count", votes.count())
                .put("bounty_total", votes.sum())
                .build();
    }

    @Override
    public boolean visible(GazelleRow row) {
        return isVisible(row);
    }

    /**
     * Visible is a binary(1) holding the character '1' or '0' (read as bytes, or as text by some
     * readers); anything but '1', a missing value included, hides the request.
     */
    static boolean isVisible(GazelleRow request) {
        return request.flag("Visible");
    }

    @Override
    public List<Cascade> children(GazelleRow row) {
        Map<String, Object> of = Map.of("RequestID", row.requiredLong("ID"));
        return List.of(new Cascade(RequestArtistsMapping.TABLE, of), new Cascade(RequestTagsMapping.TABLE, of),
                CommentsMapping.onPage("requests", row.requiredLong("ID")));
    }
}
