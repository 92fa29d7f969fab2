package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * release_group_votes → torrents_votes, with Gazelle's Score recomputed from the two counts (the
 * lower bound of the Wilson interval, as {@code docs/wire-format.md} gives it for mirrors).
 */
final class TorrentsVotesRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_GROUP_VOTES;
    }

    @Override
    public List<String> tables() {
        return List.of("torrents_votes");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        long ups = row.id("up_votes");
        long total = row.id("total_votes");
        context.write(context.row("torrents_votes")
                .set("GroupID", row.id("release_group_id"))
                .set("Ups", ups)
                .set("Total", total)
                .set("Score", score(ups, total)));
    }

    /** Gazelle's binomial_ci(ups, total). */
    static double score(long ups, long total) {
        if (total <= 0) {
            return 0;
        }
        double n = total;
        return ((ups + 1.35336) / n - 1.6452 * Math.sqrt(ups * (n - ups) / n + 0.67668) / n) / (1 + 2.7067 / n);
    }
}
