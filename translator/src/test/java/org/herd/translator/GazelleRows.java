package org.herd.translator;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Realistic WhatCD rows as the capture layer hands them over, for the translator's tests. */
final class GazelleRows {

    static final SourcePosition POS = new SourcePosition("mysql-bin.000003", 4711, 2, 0, false, 1_700_000_000_000L);
    static final String PASSKEY = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

    private GazelleRows() {
    }

    static Map<String, Object> torrent() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 1201);
        r.put("GroupID", 77);
        r.put("UserID", 4242);
        r.put("Media", "CD");
        r.put("Format", "FLAC");
        r.put("Encoding", "Lossless");
        r.put("Remastered", "1");
        r.put("RemasterYear", 2011);
        r.put("RemasterTitle", "Deluxe Edition");
        r.put("RemasterCatalogueNumber", "");
        r.put("RemasterRecordLabel", "Warp");
        r.put("Scene", "0");
        r.put("HasLog", "1");
        r.put("HasCue", "1");
        r.put("LogScore", 100);
        r.put("info_hash", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        r.put("FileCount", 12);
        r.put("FileList", ".flac s31457280s 01 - Intro.flac ÷\n.log s4096s rip.log ÷");
        r.put("FilePath", "Artist - Album (2011) [FLAC]");
        r.put("Size", 377487360L);
        r.put("Leechers", 2);
        r.put("Seeders", 40);
        r.put("last_action", LocalDateTime.of(2016, 11, 1, 12, 0));
        r.put("FreeTorrent", "2");
        r.put("FreeLeechType", "0");
        r.put("Time", LocalDateTime.of(2011, 5, 6, 7, 8, 9));
        r.put("Description", "[b]Ripped[/b] with EAC");
        r.put("Snatched", 310L);
        r.put("balance", 0L);
        r.put("LastReseedRequest", LocalDateTime.of(1970, 1, 1, 0, 0));
        r.put("TranscodedFrom", 0);
        return r;
    }

    static Map<String, Object> group() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 77);
        r.put("ArtistID", null);
        r.put("CategoryID", 1);
        r.put("Name", "Selected Ambient Works");
        r.put("Year", 1992);
        r.put("CatalogueNumber", "AMB3922");
        r.put("RecordLabel", "");
        r.put("ReleaseType", 1);
        r.put("TagList", "electronic ambient");
        // Debezium's stand-in for a NOT NULL zero date.
        r.put("Time", LocalDateTime.of(1970, 1, 1, 0, 0));
        r.put("RevisionID", 5);
        r.put("WikiBody", "[i]Debut[/i] album");
        r.put("WikiImage", "");
        r.put("VanityHouse", 0);
        return r;
    }

    /** A rip log as torrents_logs_new holds it: EAC text, the checker's findings, its score. */
    static Map<String, Object> ripLog() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("LogID", 5501);
        r.put("TorrentID", 1201);
        r.put("Log", "Exact Audio Copy V1.0 beta 3 from 29. August 2011\n\nEAC extraction logfile from 6. May 2011, 7:08\n"
                + "\nUsed drive  : PLEXTOR DVDR   PX-760A   Adapter: 1  ID: 0\nRead offset correction : 30\n");
        r.put("Details", "Could not verify gap handling (-10 points)\nRange rip detected (-30 points)");
        r.put("Score", 60);
        r.put("Revision", 1);
        r.put("Adjusted", "1");
        r.put("AdjustedBy", 4242);
        r.put("NotEnglish", "0");
        r.put("AdjustmentReason", "Range rip verified against the CUE by staffer " + PASSKEY);
        return r;
    }
}
