package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * torrents → release; FileList becomes the release's files with their sizes. On OPS the tracker's
 * statistics are in another table (torrents_leech_stats, never replicated) and TranscodedFrom no
 * longer exists; the other public columns are WhatCD's.
 */
public final class TorrentsMapping implements TableMapping {

    private final boolean hasTranscodedFrom;

    /** WhatCD's shape. */
    public TorrentsMapping() {
        this(true);
    }

    private TorrentsMapping(boolean hasTranscodedFrom) {
        this.hasTranscodedFrom = hasTranscodedFrom;
    }

    /** OPS's shape: no TranscodedFrom. */
    public static TorrentsMapping ops() {
        return new TorrentsMapping(false);
    }

    @Override
    public String table() {
        return "torrents";
    }

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE;
    }

    @Override
    public Map<String, Object> key(GazelleRow row) {
        return FieldValues.key(entity()).put("release_id", row.requiredLong("ID")).build();
    }

    @Override
    public Map<String, KeySource> keySources() {
        return Map.of("release_id", KeySource.copy("ID"));
    }

    @Override
    public Map<String, Object> payload(GazelleRow row) {
        return FieldValues.payload(entity())
                .put("release_group_id", row.requiredLong("GroupID"))
                .put("media", row.emptyAsNull("Media"))
                .put("format", row.emptyAsNull("Format"))
                .put("encoding", row.emptyAsNull("Encoding"))
                .put("remastered", row.flag("Remastered"))
                .put("remaster_year", row.zeroAsNull("RemasterYear"))
                .put("remaster_title", row.emptyAsNull("RemasterTitle"))
                .put("remaster_catalogue_number", row.emptyAsNull("RemasterCatalogueNumber"))
                .put("remaster_record_label", row.emptyAsNull("RemasterRecordLabel"))
                .put("scene", row.flag("Scene"))
                .put("has_log", row.flag("HasLog"))
                .put("has_cue", row.flag("HasCue"))
                .put("log_score", row.requiredLong("LogScore"))
                .put("file_count", row.requiredLong("FileCount"))
                .put("size_bytes", row.requiredLong("Size"))
                .put("files", files(row))
                .put("freeleech", row.code("FreeTorrent", CodeList.FREELEECH))
                .put("uploaded_at", row.timestamp("Time"))
                .put("description", row.emptyAsNull("Description"))
                .put("transcoded_from", hasTranscodedFrom ? row.zeroAsNull("TranscodedFrom") : null)
                // Absent from the row unless the operator opted in: the translator removed it.
                .put("info_hash", row.hex("info_hash"))
                .build();
    }

    /** Null when Gazelle stored no list (''): a torrent always has at least one file. */
    private static List<FileEntry> files(GazelleRow row) {
        String list = row.text("FileList");
        if (list == null || list.isBlank()) {
            return null;
        }
        try {
            return FileListParser.parse(list);
        } catch (FileListParser.MalformedFileList e) {
            throw row.fail("FileList", e.getMessage());
        }
    }
}
