package org.herd.translator.mapping;

import java.util.Map;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * torrents_logs_new → release_log: the rip log, its checker's findings and score, as every
 * member of the site can read them on the release's log page. AdjustedBy (the staff member) and
 * AdjustmentReason (a staff note) never leave.
 *
 * <p>Log is free text the translator scrubs first (the ripper's home directory is in every EAC and
 * XLD log); {@code scrubbed} tells mirrors when the published log differs from the uploaded one,
 * which then no longer matches the checksum its ripper wrote into it. The score stays the
 * checker's verdict on the log as uploaded.
 */
public final class TorrentsLogsMapping implements TableMapping {

    @Override
    public String table() {
        return "torrents_logs_new";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE_LOG;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("log_id", row.requiredLong("LogID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("log_id", KeySource.copy("LogID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("release_id", row.requiredLong("TorrentID"))
                .put("log", row.emptyAsNull("Log"))
                .put("details", row.emptyAsNull("Details"))
                .put("score", row.requiredLong("Score"))
                .put("checker_revision", row.requiredLong("Revision"))
                .put("adjusted", row.flag("Adjusted"))
                .put("not_english", row.flag("NotEnglish"))
                .put("scrubbed", row.altered("Log"))
                .build();
    }
}
