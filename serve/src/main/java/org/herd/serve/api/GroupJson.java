package org.herd.serve.api;

import static org.herd.serve.api.Gz.obj;
import static org.herd.serve.api.Gz.str;
import static org.herd.serve.api.Gz.time;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.herd.serve.BbCode;
import org.herd.serve.catalogue.Codes;
import org.herd.serve.catalogue.Credit;
import org.herd.serve.catalogue.Group;
import org.herd.serve.catalogue.Release;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON shapes of release groups and their torrents that several of Gazelle's ajax pages share
 * (torrentgroup.php and torrent.php's group, artist.php's and collage.php's entries).
 */
final class GroupJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** musicInfo's members in WhatCD's order, with the role each lists; arranger is OPS's. */
    private static final String[][] MUSIC_INFO = {{"composers", "composer"}, {"dj", "dj_compiler"}, {"artists", "main"},
        {"with", "guest"}, {"conductor", "conductor"}, {"remixedBy", "remixer"}, {"producer", "producer"},
        {"arranger", "arranger"}};

    private GroupJson() {
    }

    /** {@code musicInfo}: for music, each role's artists as {id, name}; null otherwise (Gazelle). */
    static Map<String, Object> musicInfo(Group g, boolean withArranger) {
        if (!"music".equals(g.category())) {
            return null;
        }
        return musicInfo(g.credits(), withArranger);
    }

    static Map<String, Object> musicInfo(List<Credit> credits, boolean withArranger) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String[] role : MUSIC_INFO) {
            if (!withArranger && role[1].equals("arranger")) {
                continue;
            }
            List<Object> artists = new ArrayList<>();
            credits.stream().filter(c -> c.role().equals(role[1]))
                    .forEach(c -> artists.add(obj("id", c.artistId(), "name", c.name())));
            m.put(role[0], artists);
        }
        return m;
    }

    /** {id, name, aliasid} of a group's main artists (browse.php, artist.php). */
    static List<Object> mainArtists(Group g) {
        List<Object> out = new ArrayList<>();
        for (Credit c : g.credits("main")) {
            out.add(obj("id", c.artistId(), "name", c.name(), "aliasid", c.aliasId()));
        }
        return out;
    }

    /**
     * Gazelle's extendedArtists: importance "1" to "7", each the artists in that role or null;
     * false for a group with no main artist, composer or DJ (Torrents::get_groups).
     */
    static Object extendedArtists(Group g) {
        boolean any = !g.credits("main").isEmpty() || !g.credits("composer").isEmpty()
                || !g.credits("dj_compiler").isEmpty();
        if (!any) {
            return false;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int importance = 1; importance <= 7; importance++) {
            List<Object> artists = new ArrayList<>();
            for (Credit c : g.credits()) {
                if (Codes.roleCode(c.role()) == importance) {
                    artists.add(obj("id", c.artistId(), "name", c.name(), "aliasid", c.aliasId()));
                }
            }
            m.put(Integer.toString(importance), artists.isEmpty() ? null : artists);
        }
        return m;
    }

    /** torrentgroup.php's and torrent.php's "group". */
    static Map<String, Object> group(Group g) {
        return obj(
                "wikiBody", BbCode.toHtml(g.wikiBody()),
                "wikiBBcode", str(g.wikiBody()),
                "wikiImage", str(g.wikiImage()),
                "id", g.id(),
                "name", str(g.name()),
                "year", Gz.num(g.year()),
                "recordLabel", str(g.recordLabel()),
                "catalogueNumber", str(g.catalogueNumber()),
                "releaseType", Codes.releaseTypeCode(g.releaseType()),
                "releaseTypeName", Codes.releaseTypeName(g.releaseType()),
                "categoryId", Codes.categoryCode(g.category()),
                "categoryName", Codes.categoryName(g.category()),
                "time", time(g.addedAt()),
                "vanityHouse", g.vanityHouse(),
                "isBookmarked", false,
                "musicInfo", musicInfo(g, true),
                "tags", new ArrayList<>(g.tagNames()));
    }

    /** torrentgroup.php's torrents and torrent.php's torrent (infoHash only in the latter). */
    static Map<String, Object> torrent(Release r, boolean withInfoHash) {
        Map<String, Object> t = new LinkedHashMap<>();
        if (withInfoHash) {
            // Gazelle prints HEX(info_hash): upper case. Published only when the origin opted in.
            t.put("infoHash", r.infoHash() == null ? "" : r.infoHash().toUpperCase(Locale.ROOT));
        }
        t.putAll(obj(
                "id", r.id(),
                "media", str(r.media()),
                "format", str(r.format()),
                "encoding", str(r.encoding()),
                "remastered", r.remastered(),
                "remasterYear", Gz.num(r.remasterYear()),
                "remasterTitle", str(r.remasterTitle()),
                "remasterRecordLabel", str(r.remasterRecordLabel()),
                "remasterCatalogueNumber", str(r.remasterCatalogueNumber()),
                "scene", r.scene(),
                "hasLog", r.hasLog(),
                "hasCue", r.hasCue(),
                "logScore", r.logScore(),
                "logCount", r.logIds().size(),
                "ripLogIds", new ArrayList<>(r.logIds()),
                "fileCount", r.fileCount(),
                "size", r.sizeBytes(),
                "seeders", 0,
                "leechers", 0,
                "snatched", 0,
                "freeTorrent", "freeleech".equals(r.freeleech()),
                "reported", false,
                "time", time(r.uploadedAt()),
                "description", str(r.description()),
                "fileList", fileList(r.files()),
                "filePath", "",
                "userId", 0,
                "username", ""));
        return t;
    }

    /** Gazelle's legacy file list: {@code name{{{size}}}} joined by {@code |||}. */
    static String fileList(String filesJson) {
        if (filesJson == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode f : JSON.readTree(filesJson)) {
            parts.add(f.get("path").asString() + "{{{" + f.get("size_bytes").asLong() + "}}}");
        }
        return String.join("|||", parts);
    }

    /** Gazelle's TagList column: tag names joined by spaces, '.' written '_'. */
    static String tagList(Group g) {
        return String.join(" ", g.tagNames().stream().map(t -> t.replace('.', '_')).toList());
    }

    /** Epoch seconds as a string, browse.php's groupTime. */
    static String epoch(java.time.LocalDateTime t) {
        return t == null ? "0" : Long.toString(t.toEpochSecond(java.time.ZoneOffset.UTC));
    }
}
