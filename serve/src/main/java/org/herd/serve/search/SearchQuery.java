package org.herd.serve.search;

import java.util.List;

/**
 * What a search asks for: Gazelle's browse parameters, in the mirror's terms (neutral names for
 * codes). Text is as the client typed it; {@link org.herd.serve.catalogue.TextQuery} makes it safe.
 *
 * @param origins       the origins searched; empty for all the mirror holds
 * @param searchstr     words each of which must match the group's name, one of its artists' names or
 *                      its year (Gazelle's searchstr); {@code !word} excludes
 * @param artistName    words each of which must match a credited artist's name
 * @param groupName     words each of which must match the group's name
 * @param recordLabel   words each of which must match the group's or an edition's record label or
 *                      catalogue number
 * @param remasterTitle words each of which must match an edition's title, label or catalogue number
 * @param fileList      words each of which must match a file name of one release
 * @param yearFrom      first year (inclusive), or null
 * @param yearTo        last year (inclusive), or null
 * @param formats       a release in one of these formats (any of them), or empty
 * @param encodings     a release in one of these encodings, or empty
 * @param media         a release on one of these media, or empty
 * @param releaseTypes  release types (neutral names), any of them, or empty
 * @param categories    categories (neutral names), any of them, or empty
 * @param hasLog        a release with (true) or without (false) a rip log, or null
 * @param hasCue        a release with or without a cue sheet, or null
 * @param scene         a scene release or not, or null
 * @param vanityHouse   a Vanity House group or not, or null
 * @param freeleech     a release in this freeleech state (normal, freeleech, neutral), or null
 * @param tags          tag names (Gazelle's form, words joined by '.'); {@code !tag} excludes
 * @param allTags       whether every tag must be on the group (Gazelle's tags_type=1), else any
 * @param order         time, year, size, relevance or random (seeders, leechers and snatched are
 *                      not published: they order by time)
 * @param ascending     order_way=asc
 * @param page          page from 1, 50 results a page
 * @param facets        whether to count facets
 */
public record SearchQuery(List<String> origins, String searchstr, String artistName, String groupName,
        String recordLabel, String remasterTitle, String fileList, Integer yearFrom, Integer yearTo,
        List<String> formats, List<String> encodings, List<String> media, List<String> releaseTypes,
        List<String> categories, Boolean hasLog, Boolean hasCue, Boolean scene, Boolean vanityHouse, String freeleech,
        List<String> tags, boolean allTags, String order, boolean ascending, int page, boolean facets) {

    public SearchQuery {
        origins = List.copyOf(origins);
        formats = List.copyOf(formats);
        encodings = List.copyOf(encodings);
        media = List.copyOf(media);
        releaseTypes = List.copyOf(releaseTypes);
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    /** Whether any text was given, which makes relevance meaningful. */
    public boolean hasText() {
        return searchstr != null || artistName != null || groupName != null || recordLabel != null
                || remasterTitle != null || fileList != null;
    }
}
