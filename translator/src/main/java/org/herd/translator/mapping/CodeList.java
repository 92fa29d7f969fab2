package org.herd.translator.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One of Gazelle's code lists: a code stored in a column and the neutral name it stands for. */
public record CodeList(String description, Map<String, String> names) {

    public CodeList {
        names = Map.copyOf(names);
        if (Set.copyOf(names.values()).size() != names.size()) {
            throw new IllegalArgumentException(description + ": two codes share a name, so a name names no code");
        }
    }

    public Optional<String> name(String code) {
        return Optional.ofNullable(names.get(code));
    }

    /**
     * The code that stands for a neutral name: the inverse of {@link #name}, for writing a record
     * back into Gazelle's tables (each list maps its codes to distinct names).
     */
    public Optional<String> code(String name) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    /** Gazelle's release types (config code list; OPS has them in the release_type table). */
    public static final CodeList RELEASE_TYPES = new CodeList("release type", Map.ofEntries(
            Map.entry("1", "album"), Map.entry("3", "soundtrack"), Map.entry("5", "ep"),
            Map.entry("6", "anthology"), Map.entry("7", "compilation"), Map.entry("8", "sampler"),
            Map.entry("9", "single"), Map.entry("10", "demo"), Map.entry("11", "live_album"),
            Map.entry("12", "split"), Map.entry("13", "remix"), Map.entry("14", "bootleg"),
            Map.entry("15", "interview"), Map.entry("16", "mixtape"), Map.entry("17", "dj_mix"),
            Map.entry("18", "concert_recording"), Map.entry("21", "unknown")));

    public static final CodeList CATEGORIES = new CodeList("category", Map.of(
            "1", "music", "2", "applications", "3", "e_books", "4", "audiobooks",
            "5", "e_learning_videos", "6", "comedy", "7", "comics"));

    /** torrents_artists.Importance; 8 (arranger) exists on OPS only. */
    public static final CodeList ARTIST_ROLES = new CodeList("artist role", Map.of(
            "1", "main", "2", "guest", "3", "remixer", "4", "composer", "5", "conductor",
            "6", "dj_compiler", "7", "producer", "8", "arranger"));

    /** torrents.FreeTorrent. */
    public static final CodeList FREELEECH = new CodeList("freeleech state", Map.of(
            "0", "normal", "1", "freeleech", "2", "neutral"));

    public static final CodeList TAG_TYPES = new CodeList("tag type", Map.of(
            "genre", "genre", "other", "other"));

    /** comments.Page: the kind of page a comment is on, as the neutral {@code page} field names it. */
    public static final CodeList COMMENT_PAGES = new CodeList("comment page", Map.of(
            "artist", "artist", "collages", "collage", "requests", "request", "torrents", "release_group"));

    /** collages.CategoryID; 7 (artists) lists artists in collages_artists, the others release groups. */
    public static final CodeList COLLAGE_CATEGORIES = new CodeList("collage category", Map.of(
            "0", "personal", "1", "theme", "2", "genre_introduction", "3", "discography", "4", "label",
            "5", "staff_picks", "6", "charts", "7", "artists"));
}
