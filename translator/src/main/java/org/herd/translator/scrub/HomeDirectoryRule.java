package org.herd.translator.scrub;

import static org.herd.translator.scrub.Chars.escapeBefore;
import static org.herd.translator.scrub.Chars.isAsciiLetter;
import static org.herd.translator.scrub.Chars.isWordChar;
import static org.herd.translator.scrub.Chars.matchesAt;
import static org.herd.translator.scrub.Chars.separatorAt;
import static org.herd.translator.scrub.Chars.separatorBefore;
import static org.herd.translator.scrub.Chars.skipSeparators;

import java.util.Locale;
import java.util.Set;

/**
 * The user-name segment of a home directory, which every EAC and XLD log carries in its file names
 * and people paste with their paths: {@code C:\Users\<name>\Music\…} (Windows Vista and later),
 * {@code C:\Documents and Settings\<name>\…} (Windows XP; the German XP's {@code Dokumente und
 * Einstellungen} too), {@code /Users/<name>/…} (macOS) and {@code /home/<name>/…} (Linux). Only the
 * name becomes {@code [user]}: {@code C:\Users\[user]\Music\…}.
 *
 * <p>Found in every separator style: {@code \}, {@code /} (forward-slash Windows paths), doubled or
 * escaped ({@code C:\\Users\\name} in a string literal, {@code \/home\/name} in JSON), URL-encoded
 * ({@code C%3A%5CUsers%5Cname}, {@code %2Fhome%2Fname}), with the {@code \\?\} long-path prefix
 * and after {@code file:///}. The home root must start a path: right after a drive ({@code C:},
 * {@code C%3A}, an administrative share {@code c$}, a one-letter mount such as {@code /mnt/c} or
 * {@code /c}), or after a space, quote, bracket, {@code =}, {@code :} or similar; {@code /home/} only
 * in the last way, since Linux has no drives.
 *
 * <p>A Windows name may hold spaces ({@code C:\Users\John Smith\Music}) when a separator follows
 * it within 64 characters; otherwise it ends at the first space, so a path at the end of a sentence
 * takes no more words with it. A name that starts with a space is none. A Unix name ends at
 * whitespace or punctuation that no user name holds.
 *
 * <p>Left alone: roots without a user segment ({@code C:\Music\}, {@code C:\Users\} alone,
 * {@code /home/} alone), the shared folders that name nobody ({@code Public}, {@code Default},
 * {@code Default User}, {@code All Users}, {@code Shared}, {@code Guest}), placeholders
 * ({@code %USERNAME%}, {@code $USER}), a {@code Users} or {@code home} folder inside another path
 * ({@code D:\Backup\Users\x}, {@code /Volumes/Disk/Users/x}, {@code https://host/users/x}), and
 * {@code /root}.
 */
final class HomeDirectoryRule implements TextRule {

    static final String NAME = "home-directory";

    private static final int WINDOWS_NAME_MAX = 64;

    /** Home roots: the folder, and whether a drive may precede it (Windows, and macOS's Users). */
    private record Root(String folder, boolean afterDrive) {
    }

    private static final Root[] ROOTS = {
        new Root("Users", true),
        new Root("Documents and Settings", true),
        new Root("Dokumente und Einstellungen", true),
        new Root("home", false),
    };

    private static final Set<String> NOBODY = Set.of("public", "default", "default user", "all users", "shared",
            "guest", "%username%", "$user", "${user}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, Spans out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (separatorAt(text, i) == 0) {
                i++;
                continue;
            }
            int runStart = i;
            int runEnd = skipSeparators(text, i);
            i = runEnd;
            for (Root root : ROOTS) {
                int folderEnd = runEnd + root.folder().length();
                if (!matchesAt(text, runEnd, root.folder()) || separatorAt(text, folderEnd) == 0) {
                    continue;
                }
                boolean drive = root.afterDrive() && driveBefore(text, runStart);
                if (!drive && !pathStartsAt(text, runStart)) {
                    continue;
                }
                int nameStart = skipSeparators(text, folderEnd);
                boolean windows = drive || hasBackslash(text, runStart, nameStart);
                int nameEnd = windows ? windowsNameEnd(text, nameStart) : unixNameEnd(text, nameStart);
                if (nameEnd > nameStart && !NOBODY.contains(text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT))
                        && nameStart >= out.lastEnd()) {
                    out.add(nameStart, nameEnd, Tokens.USER);
                }
                i = Math.max(nameEnd, nameStart);
                break;
            }
        }
    }

    /**
     * Whether a drive ends just before the separator at {@code sep}: {@code C:}, {@code C%3A},
     * {@code c$}, or a one-letter path segment ({@code /mnt/c}, {@code /c}, {@code /cygdrive/c}).
     */
    private static boolean driveBefore(String text, int sep) {
        if (sep >= 2 && (text.charAt(sep - 1) == ':' || text.charAt(sep - 1) == '$')) {
            return isDriveLetter(text, sep - 2);
        }
        if (sep >= 4 && text.charAt(sep - 3) == '%' && text.charAt(sep - 2) == '3'
                && (text.charAt(sep - 1) == 'A' || text.charAt(sep - 1) == 'a')) {
            return isDriveLetter(text, sep - 4);
        }
        return sep >= 2 && isAsciiLetter(text.charAt(sep - 1)) && separatorBefore(text, sep - 1) > 0;
    }

    /** A letter standing alone: not preceded by a word character, unless by a %XX escape. */
    private static boolean isDriveLetter(String text, int at) {
        return isAsciiLetter(text.charAt(at))
                && (at == 0 || !isWordChar(text.charAt(at - 1)) || escapeBefore(text, at));
    }

    /** Whether a path starts at {@code sep}: nothing before it that a path, a host or a word would continue. */
    private static boolean pathStartsAt(String text, int sep) {
        if (sep == 0 || escapeBefore(text, sep)) {
            return true;
        }
        char c = text.charAt(sep - 1);
        return Character.isWhitespace(c) || "\"'([{<>=,;:|`]".indexOf(c) >= 0;
    }

    private static boolean hasBackslash(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '\\' || (c == '%' && k + 2 < to && text.charAt(k + 1) == '5')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The end of a Windows user folder's name: spaces included when a separator follows its last
     * character within {@value #WINDOWS_NAME_MAX} characters, else up to the first space. Windows
     * trims a name's leading and trailing spaces, so one that starts with a space is none.
     */
    private static int windowsNameEnd(String text, int start) {
        int n = text.length();
        if (start >= n || Character.isWhitespace(text.charAt(start))) {
            return start;
        }
        int end = start;
        int firstSpace = -1;
        while (end < n && end - start <= WINDOWS_NAME_MAX && separatorAt(text, end) == 0) {
            char c = text.charAt(end);
            if (c < 0x20 || "<>:\"|?*[]".indexOf(c) >= 0) {
                break;
            }
            if (firstSpace < 0 && Character.isWhitespace(c)) {
                firstSpace = end;
            }
            end++;
        }
        boolean separatorFollows = end < n && end - start <= WINDOWS_NAME_MAX && separatorAt(text, end) > 0
                && !Character.isWhitespace(text.charAt(end - 1));
        if (!separatorFollows && firstSpace >= 0) {
            end = firstSpace;
        }
        return Math.min(end, start + WINDOWS_NAME_MAX);
    }

    /** The end of a Unix user name: no whitespace, quotes, brackets or shell punctuation. */
    private static int unixNameEnd(String text, int start) {
        int n = text.length();
        int end = start;
        while (end < n && separatorAt(text, end) == 0) {
            char c = text.charAt(end);
            if (c < 0x20 || Character.isWhitespace(c) || "\"'<>|?*[](),;:#&=`".indexOf(c) >= 0) {
                break;
            }
            end++;
        }
        return end;
    }
}
