package org.herd.restore.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.EntityRestore;
import org.herd.restore.NeutralRow;
import org.herd.restore.RestoreContext;
import org.herd.translator.FileEntry;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.mapping.FileListFormat;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * release → torrents; the files back into Gazelle's FileList. Who uploaded is not known
 * (UserID none) and the tracker's statistics start at zero.
 *
 * <p>info_hash is NOT NULL and unique in both variants, and the tracker deletes torrents whose
 * info_hash is empty (Ocelot's ghost rows), so a release whose origin did not publish its hash
 * gets a placeholder no torrent client can have: the 16 bytes {@value #NO_INFO_HASH} and the
 * release id as 4 bytes, big-endian. A site finds them with
 * {@code WHERE info_hash LIKE 'HERD-NO-INFOHASH%'}.
 */
final class TorrentsRestore implements EntityRestore {

    static final String NO_INFO_HASH = "HERD-NO-INFOHASH";

    @Override
    public EntityType entity() {
        return NeutralSchema.RELEASE;
    }

    @Override
    public List<String> tables() {
        return List.of("torrents");
    }

    @Override
    public void restore(NeutralRow row, RestoreContext context) {
        long id = row.id("release_id");
        List<FileEntry> files = row.files("files");
        String fileList;
        try {
            fileList = files == null ? "" : FileListFormat.format(files);
        } catch (IllegalArgumentException e) {
            throw row.fail("files", e.getMessage());
        }
        var r = context.row("torrents")
                .set("ID", id)
                .set("GroupID", row.id("release_group_id"))
                .nobody("UserID")
                .text("Media", row.text("media"))
                .text("Format", row.text("format"))
                .text("Encoding", row.text("encoding"))
                .flag("Remastered", row.flag("remastered"))
                .number("RemasterYear", row.number("remaster_year"))
                .text("RemasterTitle", row.text("remaster_title"))
                .text("RemasterCatalogueNumber", row.text("remaster_catalogue_number"))
                .text("RemasterRecordLabel", row.text("remaster_record_label"))
                .flag("Scene", row.flag("scene"))
                .flag("HasLog", row.flag("has_log"))
                .flag("HasCue", row.flag("has_cue"))
                .set("LogScore", row.id("log_score"))
                .set("info_hash", infoHash(row, id))
                .set("FileCount", row.id("file_count"))
                .set("FileList", fileList)
                .set("Size", row.id("size_bytes"))
                .code("FreeTorrent", CodeList.FREELEECH, row.text("freeleech"))
                .time("Time", row.time("uploaded_at"))
                .text("Description", row.text("description"));
        if (context.variant() == GazelleVariant.WHATCD) {
            r.number("TranscodedFrom", row.number("transcoded_from"));
        }
        context.write(r);
    }

    private static byte[] infoHash(NeutralRow row, long id) {
        String hex = row.text("info_hash");
        if (hex != null) {
            try {
                byte[] hash = HexFormat.of().parseHex(hex);
                if (hash.length == 20) {
                    return hash;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw row.fail("info_hash", "'" + hex + "' is not 40 hex digits");
        }
        if (id > 0xFFFF_FFFFL) {
            throw row.fail("release_id", "does not fit the 4 bytes of a placeholder info_hash");
        }
        return ByteBuffer.allocate(20).put(NO_INFO_HASH.getBytes(StandardCharsets.US_ASCII)).putInt((int) id).array();
    }
}
