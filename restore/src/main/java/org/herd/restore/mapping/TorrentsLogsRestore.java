package org.herd.restore.mapping;

import java.util.List;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * release_log → torrents_logs_new (WhatCD): the log as mirrors hold it, which is the origin's
 * scrubbed text; who adjusted a score and why are not known.
 */
final class TorrentsLogsRestore implements EntityRestore {

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_LOG;
    }

    @Override
    public List<String> tables() {
        return List.of("torrents_logs_new");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        context.write(context.row("torrents_logs_new")
                .set("LogID", row.id("log_id"))
                .set("TorrentID", row.id("release_id"))
                .text("Log", row.text("log"))
                .text("Details", row.text("details"))
                .set("Score", row.id("score"))
                .set("Revision", row.id("checker_revision"))
                .flag("Adjusted", row.flag("adjusted"))
                .nobody("AdjustedBy")
                .flag("NotEnglish", row.flag("not_english")));
    }
}
