package org.herd.restore.mapping;

import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * request → requests, and its votes back into requests_votes. Mirrors hold a request's votes only
 * as their count and bounty total, so the restore casts {@code vote_count} votes by the voter
 * accounts ({@link org.herd.restore.UserPlan}) and splits the total between them as evenly as
 * bytes allow; counting and summing them gives the published totals again. Mirrors hold only
 * visible requests, so Visible is '1'.
 */
final class RequestsRestore implements EntityRestore {

    /** ReleaseType's default on OPS, where the column is NOT NULL. */
    private static final long UNKNOWN_RELEASE_TYPE = 21;

    @Override
    public EntityType entity() {
        return NeutralSchema.REQUEST;
    }

    @Override
    public List<String> tables() {
        return List.of("requests", "requests_votes");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        long id = row.id("request_id");
        String category = row.text("category");
        String releaseType = "music".equals(category) ? row.text("release_type") : null;
        var r = context.row("requests")
                .set("ID", id)
                .set("UserID", context.users().id(row.text("requester")))
                .time("TimeAdded", row.time("created_at"))
                .time("LastVote", row.time("last_vote_at"))
                .code("CategoryID", CodeList.CATEGORIES, category)
                .text("Title", row.text("title"))
                .number("Year", row.number("year"))
                .text("Image", row.text("image"))
                .text("Description", row.text("description"))
                .text("CatalogueNumber", row.text("catalogue_number"))
                .text("RecordLabel", row.text("record_label"))
                .text("BitrateList", row.text("encoding_list"))
                .text("FormatList", row.text("format_list"))
                .text("MediaList", row.text("media_list"))
                .text("LogCue", row.text("log_cue"))
                .number("GroupID", row.number("release_group_id"))
                .text("OCLC", row.text("oclc"))
                .set("FillerID", context.users().id(row.text("filler")))
                .number("TorrentID", row.number("filled_release_id"))
                .time("TimeFilled", row.time("filled_at"))
                .set("Visible", "1");
        if (releaseType == null && context.variant() == GazelleVariant.OPS) {
            r.set("ReleaseType", UNKNOWN_RELEASE_TYPE);
        } else {
            r.code("ReleaseType", CodeList.RELEASE_TYPES, releaseType);
        }
        context.write(r);
        long votes = row.id("vote_count");
        long bounty = row.id("bounty_total");
        if (votes == 0 && bounty != 0) {
            throw row.fail("bounty_total", "is " + bounty + " without a vote");
        }
        for (int k = 1; k <= votes; k++) {
            // The remainder goes one byte each to the first voters.
            long share = bounty / votes + (k <= bounty % votes ? 1 : 0);
            context.write(context.row("requests_votes")
                    .set("RequestID", id)
                    .set("UserID", context.users().voter(k))
                    .set("Bounty", share));
        }
    }
}
