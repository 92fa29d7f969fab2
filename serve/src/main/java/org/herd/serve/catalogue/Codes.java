package org.herd.serve.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.herd.translator.mapping.CodeList;

/**
 * Gazelle's codes and the names its pages and API show for them, read back from the neutral names
 * the mirror holds ({@link CodeList}, the translator's one place for the code lists).
 */
public final class Codes {

    /** Gazelle's $Categories, in code order: code = index + 1. */
    private static final Map<String, String> CATEGORY_NAMES = Map.of(
            "music", "Music", "applications", "Applications", "e_books", "E-Books", "audiobooks", "Audiobooks",
            "e_learning_videos", "E-Learning Videos", "comedy", "Comedy", "comics", "Comics");

    /** Gazelle's $ReleaseTypes (OPS's release_type table adds sampler, demo, split, dj_mix, concert_recording). */
    private static final Map<String, String> RELEASE_TYPE_NAMES = Map.ofEntries(
            Map.entry("album", "Album"), Map.entry("soundtrack", "Soundtrack"), Map.entry("ep", "EP"),
            Map.entry("anthology", "Anthology"), Map.entry("compilation", "Compilation"),
            Map.entry("sampler", "Sampler"), Map.entry("single", "Single"), Map.entry("demo", "Demo"),
            Map.entry("live_album", "Live album"), Map.entry("split", "Split"), Map.entry("remix", "Remix"),
            Map.entry("bootleg", "Bootleg"), Map.entry("interview", "Interview"), Map.entry("mixtape", "Mixtape"),
            Map.entry("dj_mix", "DJ Mix"), Map.entry("concert_recording", "Concert Recording"),
            Map.entry("unknown", "Unknown"));

    /** Gazelle's $CollageCats. */
    private static final Map<String, String> COLLAGE_CATEGORY_NAMES = Map.of(
            "personal", "Personal", "theme", "Theme", "genre_introduction", "Genre Introduction",
            "discography", "Discography", "label", "Label", "staff_picks", "Staff picks", "charts", "Charts",
            "artists", "Artists");

    /**
     * Artist roles in Gazelle's importance order, with the names its artist page gives the groups
     * an artist is credited on in that role.
     */
    public static final Map<String, String> ROLE_SECTIONS;

    static {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("main", "Main");
        roles.put("guest", "Guest Appearance");
        roles.put("remixer", "Remixed By");
        roles.put("composer", "Composition");
        roles.put("conductor", "Conducted By");
        roles.put("dj_compiler", "DJ Mix");
        roles.put("producer", "Produced By");
        roles.put("arranger", "Arranged By");
        ROLE_SECTIONS = java.util.Collections.unmodifiableMap(roles);
    }

    private Codes() {
    }

    private static int code(CodeList list, String name) {
        if (name == null) {
            return 0;
        }
        return list.names().entrySet().stream().filter(e -> e.getValue().equals(name))
                .mapToInt(e -> Integer.parseInt(e.getKey())).findFirst().orElse(0);
    }

    /** Gazelle's category code, 0 when unknown (Gazelle's "Unknown" category). */
    public static int categoryCode(String category) {
        return code(CodeList.CATEGORIES, category);
    }

    /** The category's name on Gazelle's pages; "Unknown" for none, as Gazelle. */
    public static String categoryName(String category) {
        return category == null ? "Unknown" : CATEGORY_NAMES.getOrDefault(category, "Unknown");
    }

    /** The category named by Gazelle's code, if any. */
    public static Optional<String> categoryOfCode(String code) {
        return CodeList.CATEGORIES.name(code);
    }

    /** Gazelle's release type code, 0 when none. */
    public static int releaseTypeCode(String releaseType) {
        return code(CodeList.RELEASE_TYPES, releaseType);
    }

    /** The release type's name on Gazelle's pages, "" when none. */
    public static String releaseTypeName(String releaseType) {
        return releaseType == null ? "" : RELEASE_TYPE_NAMES.getOrDefault(releaseType, "");
    }

    /** The release type named by Gazelle's code or by its display name, if any. */
    public static Optional<String> releaseType(String codeOrName) {
        Optional<String> byCode = CodeList.RELEASE_TYPES.name(codeOrName);
        if (byCode.isPresent()) {
            return byCode;
        }
        return RELEASE_TYPE_NAMES.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(codeOrName)
                || e.getKey().equalsIgnoreCase(codeOrName)).map(Map.Entry::getKey).findFirst();
    }

    /** Release types in Gazelle's code order, with their display names. */
    public static Map<String, String> releaseTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        CodeList.RELEASE_TYPES.names().entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.getKey())))
                .forEach(e -> out.put(e.getValue(), RELEASE_TYPE_NAMES.get(e.getValue())));
        return out;
    }

    /** Gazelle's importance code of a role (1 main ... 8 arranger), 0 when unknown. */
    public static int roleCode(String role) {
        return code(CodeList.ARTIST_ROLES, role);
    }

    public static int collageCategoryCode(String category) {
        return code(CodeList.COLLAGE_CATEGORIES, category);
    }

    public static String collageCategoryName(String category) {
        return category == null ? "" : COLLAGE_CATEGORY_NAMES.getOrDefault(category, "");
    }
}
