package org.herd.simulator;

import java.util.List;

/**
 * Gazelle's torrents.FileList: one entry per file, entries joined by a newline, each entry
 * {@code .EXT sSIZEs NAME DELIM}. EXT is what follows the last '.' of the name (nothing for names
 * without one, or whose only '.' is the first character), DELIM is U+00F7 ("÷"), the character the
 * search index uses as a phrase boundary. Rows written before the site switched to the raw
 * character carry the HTML entity {@code &divide;} instead.
 */
public final class FileLists {

    /** The delimiter after every entry. */
    public static final String DELIMITER = "\u00F7";
    /** The delimiter as the oldest rows spell it. */
    public static final String OLD_DELIMITER = "&divide;";

    private FileLists() {
    }

    /** One entry, without the newline that separates it from the next. */
    public static String entry(String name, long size, boolean oldDelimiter) {
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\t') >= 0) {
            // Gazelle turns these into spaces before storing the name.
            name = name.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot + 1).strip() : "";
        return "." + ext + " s" + size + "s " + name + " " + (oldDelimiter ? OLD_DELIMITER : DELIMITER);
    }

    /** The whole column for the given files. */
    public static String format(List<String> names, List<Long> sizes, boolean oldDelimiter) {
        if (names.size() != sizes.size()) {
            throw new IllegalArgumentException("FileList: " + names.size() + " names but " + sizes.size() + " sizes");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(entry(names.get(i), sizes.get(i), oldDelimiter));
        }
        return b.toString();
    }
}
