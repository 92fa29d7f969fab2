package org.herd.translator;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Realistic OPS rows as the capture layer hands them over, for the translator's tests. */
final class OpsRows {

    private OpsRows() {
    }

    static Map<String, Object> artist() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ArtistID", 2604);
        r.put("RevisionID", 18311);
        r.put("VanityHouse", 0);
        r.put("LastCommentID", 0);
        r.put("PrimaryAlias", 40112);
        return r;
    }

    static Map<String, Object> group() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 1502117);
        r.put("CategoryID", 1);
        r.put("Name", "Fabric Presents Bicep");
        r.put("Year", 2020);
        r.put("CatalogueNumber", null);
        r.put("RecordLabel", "fabric Records");
        r.put("ReleaseType", 17);
        r.put("TagList", "electronic house dj.mix");
        r.put("Time", LocalDateTime.of(2021, 3, 4, 18, 22, 1));
        r.put("RevisionID", 1855201);
        r.put("WikiBody", "[b]Tracklist[/b]\n1. Intro 🎧");
        r.put("WikiImage", "https://ptpimg.me/x1y2z3.jpg");
        r.put("VanityHouse", 0);
        r.put("created", LocalDateTime.of(2021, 3, 4, 18, 22, 1));
        r.put("updated", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        return r;
    }

    static Map<String, Object> torrent() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 3071455);
        r.put("GroupID", 1502117);
        r.put("UserID", 55012);
        r.put("Media", "WEB");
        r.put("Format", "FLAC");
        r.put("Encoding", "24bit Lossless");
        r.put("Remastered", "0");
        r.put("RemasterYear", null);
        r.put("RemasterTitle", "");
        r.put("RemasterCatalogueNumber", "");
        r.put("RemasterRecordLabel", "");
        r.put("Scene", "0");
        r.put("HasLog", "0");
        r.put("HasCue", "0");
        r.put("HasLogDB", "0");
        r.put("LogScore", 0);
        r.put("LogChecksum", "1");
        r.put("info_hash", new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
        r.put("FileCount", 21);
        r.put("FileList", ".flac s98304000s 01 - Intro.flac÷");
        r.put("FilePath", "Bicep - Fabric Presents (2020) [WEB 24-44.1]");
        r.put("Size", 1_254_113_280L);
        r.put("FreeTorrent", "1");
        r.put("FreeLeechType", "3");
        r.put("Time", LocalDateTime.of(2021, 3, 4, 18, 22, 1));
        r.put("Description", "Source: Bandcamp");
        r.put("LastReseedRequest", null);
        r.put("created", LocalDateTime.of(2021, 3, 4, 18, 22, 1));
        r.put("updated", LocalDateTime.of(2021, 3, 4, 18, 22, 1));
        return r;
    }

    static Map<String, Object> credit(int groupId, int aliasId, String importance) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("GroupID", groupId);
        r.put("AliasID", aliasId);
        r.put("UserID", 55012);
        r.put("Importance", importance);
        r.put("artist_role_id", Integer.parseInt(importance));
        r.put("created", LocalDateTime.of(2021, 3, 4, 18, 22, 1));
        return r;
    }
}
