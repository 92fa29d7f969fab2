package org.herd.translator.mapping;

import java.util.ArrayList;
import java.util.List;
import org.herd.translator.FileEntry;

/**
 * Reads Gazelle's {@code torrents.FileList} into files with sizes.
 *
 * <p>Gazelle writes one entry per file, joined by a newline, each {@code .EXT sSIZEs NAME DELIM}:
 * EXT is what follows the last '.' of NAME (trimmed; empty when NAME has no '.' or only a leading
 * one), DELIM is U+00F7 ('÷', Sphinx's phrase boundary) or, in rows written before the site
 * switched to the raw character, the HTML entity {@code &divide;}. The space before DELIM, which
 * Gazelle always writes, is optional here. The oldest rows use another layout altogether,
 * {@code NAME{{{SIZE}}}} entries joined by {@code |||}, which Gazelle's torrent page still
 * reads; so does this parser.
 *
 * <p>EXT is redundant (NAME carries it) but can hold spaces, and NAME can hold anything but a
 * newline, so {@code " sSIZEs "} may occur more than once in an entry. The parser takes the
 * occurrence whose EXT is the one Gazelle derives from the NAME after it; when that does not
 * single one out, the entry is rejected rather than guessed at. Blank lines are skipped. Names
 * are kept as stored: Gazelle escapes them only on output.
 */
final class FileListParser {

    static final String DELIMITER = "\u00F7";
    static final String OLD_DELIMITER = "&divide;";
    private static final String OLDEST_SEPARATOR = "|||";
    private static final int EXCERPT = 40;

    /** A file list that does not follow Gazelle's layout; the message names where and how. */
    static final class MalformedFileList extends Exception {
        MalformedFileList(String message) {
            super(message);
        }
    }

    private FileListParser() {
    }

    /** The files of a FileList value; empty for an empty or blank value. */
    static List<FileEntry> parse(String fileList) throws MalformedFileList {
        if (fileList.endsWith("}}}")) {
            return parseOldest(fileList);
        }
        List<FileEntry> files = new ArrayList<>();
        int start = 0;
        int entry = 0;
        while (start <= fileList.length()) {
            int end = fileList.indexOf('\n', start);
            if (end < 0) {
                end = fileList.length();
            }
            String line = fileList.substring(start, end);
            if (!line.isBlank()) {
                entry++;
                files.add(entry(line, entry, start));
            }
            start = end + 1;
        }
        return List.copyOf(files);
    }

    private static FileEntry entry(String line, int entry, int offset) throws MalformedFileList {
        String body;
        if (line.endsWith(DELIMITER)) {
            body = line.substring(0, line.length() - DELIMITER.length());
        } else if (line.endsWith(OLD_DELIMITER)) {
            body = line.substring(0, line.length() - OLD_DELIMITER.length());
        } else {
            throw malformed(line, entry, offset, "does not end with the delimiter " + DELIMITER + " or "
                    + OLD_DELIMITER);
        }
        if (body.endsWith(" ")) {
            body = body.substring(0, body.length() - 1);
        }
        if (!body.startsWith(".")) {
            throw malformed(line, entry, offset, "does not start with '.' and the extension");
        }
        FileEntry chosen = null;
        FileEntry onlyCandidate = null;
        int candidates = 0;
        int consistent = 0;
        for (int i = body.indexOf(" s"); i >= 0; i = body.indexOf(" s", i + 1)) {
            int digits = i + 2;
            int end = digits;
            while (end < body.length() && body.charAt(end) >= '0' && body.charAt(end) <= '9') {
                end++;
            }
            if (end == digits || end + 1 >= body.length() || body.charAt(end) != 's' || body.charAt(end + 1) != ' ') {
                continue;
            }
            String ext = body.substring(1, i);
            String name = body.substring(end + 2);
            long size;
            try {
                size = Long.parseLong(body.substring(digits, end));
            } catch (NumberFormatException e) {
                throw malformed(line, entry, offset, "size " + body.substring(digits, end)
                        + " does not fit in a 64-bit integer");
            }
            candidates++;
            onlyCandidate = new FileEntry(name, size);
            if (ext.equals(extensionOf(name))) {
                consistent++;
                chosen = onlyCandidate;
            }
        }
        if (candidates == 0) {
            throw malformed(line, entry, offset, "has no ' s<size>s ' between the extension and the name");
        }
        if (candidates == 1) {
            return onlyCandidate;
        }
        // Two readings cannot both match: each reading's extension is a different prefix of the
        // entry, and only one can equal what follows the name's last '.'.
        if (consistent == 1) {
            return chosen;
        }
        throw malformed(line, entry, offset, "is ambiguous: ' s<size>s ' occurs " + candidates
                + " times and no reading has the extension its name gives");
    }

    /** The extension as Gazelle derives it: after the last '.', trimmed; none for a leading '.' only. */
    static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).strip() : "";
    }

    /** The oldest layout, split as Gazelle's torrent page splits it: at every "|||". */
    private static List<FileEntry> parseOldest(String fileList) throws MalformedFileList {
        List<FileEntry> files = new ArrayList<>();
        int start = 0;
        int entry = 0;
        while (start <= fileList.length()) {
            int end = fileList.indexOf(OLDEST_SEPARATOR, start);
            if (end < 0) {
                end = fileList.length();
            }
            String part = fileList.substring(start, end);
            entry++;
            int open = part.lastIndexOf("{{{");
            if (open < 0 || !part.endsWith("}}}") || open + 3 > part.length() - 3) {
                throw malformed(part, entry, start, "is not NAME{{{SIZE}}}");
            }
            String digits = part.substring(open + 3, part.length() - 3);
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw malformed(part, entry, start, "size '" + excerpt(digits) + "' is not a number");
            }
            try {
                files.add(new FileEntry(part.substring(0, open), Long.parseLong(digits)));
            } catch (NumberFormatException e) {
                throw malformed(part, entry, start, "size " + digits + " does not fit in a 64-bit integer");
            }
            start = end + OLDEST_SEPARATOR.length();
        }
        return List.copyOf(files);
    }

    private static MalformedFileList malformed(String entryText, int entry, int offset, String problem) {
        return new MalformedFileList("entry " + entry + " at character " + offset + " ('" + excerpt(entryText)
                + "') " + problem);
    }

    private static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "…";
    }
}
