package org.herd.serve.catalogue;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A release group with its credits, tags and releases, as the mirror holds them.
 *
 * @param category    neutral category name (music, ...), null when unknown
 * @param releaseType neutral release type name (album, ...), null outside music
 * @param credits     in Gazelle's order: by role importance, then name
 * @param tags        by votes, most first
 * @param releases    in Gazelle's order: by edition, then format and encoding
 */
public record Group(String origin, long id, String name, Long year, String category, String recordLabel,
        String catalogueNumber, String releaseType, LocalDateTime addedAt, String wikiBody, String wikiImage,
        boolean vanityHouse, Long revisionId, List<Credit> credits, List<TagVote> tags, List<Release> releases) {

    public List<Credit> credits(String role) {
        return credits.stream().filter(c -> c.role().equals(role)).toList();
    }

    /** Gazelle's artist line: main artists joined as Artists::display_artists joins them. */
    public String artistLine() {
        List<Credit> main = credits("main");
        List<Credit> dj = credits("dj_compiler");
        List<Credit> composers = credits("composer");
        List<Credit> conductors = credits("conductor");
        if (!dj.isEmpty()) {
            return join(dj);
        }
        String line = join(main);
        if (!composers.isEmpty() && !line.isEmpty()) {
            line = join(composers) + " performed by " + line;
        } else if (!composers.isEmpty()) {
            line = join(composers);
        }
        if (!conductors.isEmpty()) {
            line = line + (line.isEmpty() ? "" : " under ") + join(conductors);
        }
        return line;
    }

    private static String join(List<Credit> credits) {
        if (credits.isEmpty()) {
            return "";
        }
        if (credits.size() > 2) {
            return "Various Artists";
        }
        return String.join(" & ", credits.stream().map(Credit::name).toList());
    }

    /** The newest upload's time, Gazelle's groupTime; the group's own time when it has no release. */
    public LocalDateTime lastUpload() {
        return releases.stream().map(Release::uploadedAt).filter(java.util.Objects::nonNull)
                .max(LocalDateTime::compareTo).orElse(addedAt);
    }

    /** Tag names in Gazelle's TagList form: words joined by '.'. */
    public List<String> tagNames() {
        return tags.stream().map(TagVote::name).toList();
    }
}
