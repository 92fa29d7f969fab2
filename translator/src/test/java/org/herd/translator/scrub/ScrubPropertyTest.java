package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.herd.gazelle.catalogue.TextKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random texts: BBCode-ish words, numbers, hashes, version strings, times and paths without a
 * user, as descriptions and logs hold them. Without a secret they come out as the same string; with
 * one secret of each kind planted at a random place, exactly that secret is replaced. Each seed is
 * its own test case, so a failure names the seed that reproduces it.
 */
class ScrubPropertyTest {

    private static final TextScrubber SCRUBBER = new TextScrubber(ScrubPolicy.builder().originHost("site.example")
            .build());

    private static final String[] WORDS = {"album", "track", "rip", "lossless", "FLAC", "vinyl", "remaster", "edition",
        "original", "disc", "bonus", "live", "the", "of", "and", "with", "by", "from", "mastered", "cover", "scans",
        "included", "spectrals", "log", "cue", "seeding", "thanks", "enjoy", "[b]", "[/b]", "[i]", "[/i]", "[quote]",
        "[/quote]", "[code]", "[/code]", "[hide]", "[/hide]", "[*]", "@", "@handle", "@DJ", "me@home", "320kbps", "V0",
        "(VBR)", "24bit/96kHz", "[size=4]", "[/size]", "[url=https://example.org/wiki/Aphex_Twin]", "[/url]",
        "[img]https://ptpimg.example/a1b2c3.png[/img]", "https://www.discogs.example/release/12345",
        "Copy CRC", "Test CRC", "Accurately ripped (confidence 5)", "Peak level 98.0 %", "->", "|", "---", "&amp;",
        "C:\\Music\\Artist\\01.flac", "C:\\Users\\Public\\Music", "/Users/Shared/Music", "/home/", "C:\\Users\\",
        "D:\\Rips\\Users\\folder", "/mnt/music/home/x", "https://site.example/torrents.php?id=123&torrentid=456",
        "https://site.example/artist.php?artistname=Aphex+Twin", "torrents.php?action=download", "passkey", "authkey",
        "announce", "std::vector", "a::b", "::1", "fe80::1", "00:1A:2B:3C:4D:5E", "a@b.c", "user@localhost"};

    static Stream<Integer> seeds() {
        return IntStream.range(0, 300).boxed();
    }

    /** A secret as it is written and as the scrub must leave it. */
    private record Planted(String raw, String scrubbed) {
    }

    private static String benignToken(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> Integer.toString(r.nextInt(100000));
            case 1 -> hex(r, new int[] {8, 32, 40, 64}[r.nextInt(4)], r.nextBoolean());
            // Versions: fewer than four parts, a first part of 0, or after a version word.
            case 2 -> r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 3 -> "0." + r.nextInt(100) + "." + r.nextInt(10) + "." + r.nextInt(10);
            case 4 -> new String[] {"v", "version ", "ver. ", "build "}[r.nextInt(4)] + (1 + r.nextInt(9)) + "."
                    + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(10);
            // Times and durations.
            case 5 -> r.nextInt(24) + ":" + String.format("%02d", r.nextInt(60)) + ":" + String.format("%02d", r.nextInt(60));
            case 6 -> r.nextInt(10) + ":" + String.format("%02d.%02d", r.nextInt(60), r.nextInt(75));
            case 7 -> "Copy CRC " + hex(r, 8, true);
            default -> WORDS[r.nextInt(WORDS.length)];
        };
    }

    private static String hex(Random r, int length, boolean upper) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((upper ? "0123456789ABCDEF" : "0123456789abcdef").charAt(r.nextInt(16)));
        }
        return s.toString();
    }

    private static String name(Random r) {
        StringBuilder s = new StringBuilder("u");
        for (int i = 0; i < 4 + r.nextInt(8); i++) {
            s.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
        }
        return s.toString();
    }

    private static int octet(Random r) {
        return 1 + r.nextInt(255);
    }

    /** One secret of each kind, with random values and in one of the forms it is written in. */
    private static List<Planted> secrets(Random r) {
        String key = hex(r, 32, false);
        String user = name(r);
        List<Planted> s = new ArrayList<>();
        s.add(switch (r.nextInt(3)) {
            case 0 -> new Planted("https://tracker.example:34000/" + key + "/announce",
                    "https://tracker.example:34000/[passkey]/announce");
            case 1 -> new Planted("[url=http://t.example/announce/" + key + "]", "[url=http://t.example/announce/[passkey]]");
            default -> new Planted("https:\\/\\/t.example\\/" + key + "\\/announce", "https:\\/\\/t.example\\/[passkey]\\/announce");
        });
        s.add(new Planted("torrents.php?action=download&id=" + r.nextInt(9999) + "&authkey=" + key.substring(0, 16)
                + "&torrent_pass=" + key, "torrents.php?action=download&id=" + "%ID%" + "&authkey=[key]&torrent_pass=[passkey]"));
        s.add(new Planted("https://site.example/register.php?invite=" + key, "https://site.example/register.php?invite=[key]"));
        s.add(new Planted(user + "." + name(r) + "@mail" + r.nextInt(99) + ".example.org", "[email]"));
        s.add(new Planted(octet(r) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256), "[ip]"));
        s.add(new Planted(hex(r, 4, false).replaceFirst("^0", "2") + ":db8:" + hex(r, 4, false) + "::"
                + Integer.toHexString(1 + r.nextInt(65535)), "[ip]"));
        s.add(switch (r.nextInt(6)) {
            case 0 -> new Planted("C:\\Users\\" + user + "\\Music\\01.wav", "C:\\Users\\[user]\\Music\\01.wav");
            case 1 -> new Planted("C:/Users/" + user + "/Music", "C:/Users/[user]/Music");
            case 2 -> new Planted("C:\\\\Users\\\\" + user + "\\\\Music", "C:\\\\Users\\\\[user]\\\\Music");
            case 3 -> new Planted("C%3A%5CUsers%5C" + user + "%5CMusic", "C%3A%5CUsers%5C[user]%5CMusic");
            case 4 -> new Planted("/Users/" + user + "/Music/XLD", "/Users/[user]/Music/XLD");
            default -> new Planted("C:\\Documents and Settings\\" + user + "\\My Documents",
                    "C:\\Documents and Settings\\[user]\\My Documents");
        });
        return s;
    }

    private static List<String> benignText(Random r) {
        List<String> tokens = new ArrayList<>();
        int n = 20 + r.nextInt(200);
        for (int i = 0; i < n; i++) {
            tokens.add(benignToken(r));
        }
        return tokens;
    }

    private static String join(Random r, List<String> tokens) {
        StringBuilder s = new StringBuilder();
        for (String t : tokens) {
            if (!s.isEmpty()) {
                s.append(r.nextInt(8) == 0 ? "\n" : " ");
            }
            s.append(t);
        }
        return s.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aTextWithoutSecretsComesOutAsTheSameString(int seed) {
        Random r = new Random(seed);
        String text = join(r, benignText(r));
        for (TextKind kind : List.of(TextKind.PROSE, TextKind.RIP_LOG)) {
            ScrubbedText out = SCRUBBER.scrub(text, kind);
            assertThat(out.findings()).as("seed %d: %s", seed, out).isEmpty();
            assertThat(out.text()).isSameAs(text);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyPlantedSecretIsReplacedAndNothingElse(int seed) {
        Random r = new Random(seed);
        List<String> tokens = benignText(r);
        List<String> expected = new ArrayList<>(tokens);
        List<Planted> planted = secrets(r);
        for (Planted p : planted) {
            int at = r.nextInt(tokens.size() + 1);
            String raw = p.raw();
            String scrubbed = p.scrubbed().replace("%ID%", raw.replaceAll(".*&id=([0-9]+)&.*", "$1"));
            tokens.add(at, raw);
            expected.add(at, scrubbed);
        }
        long layout = r.nextLong();
        String text = join(new Random(layout), tokens);
        String want = join(new Random(layout), expected);
        ScrubbedText out = SCRUBBER.scrub(text, TextKind.PROSE);
        assertThat(out.text()).as("seed %d", seed).isEqualTo(want);
        assertThat(out.total()).as("seed %d: %s", seed, out).isGreaterThanOrEqualTo(planted.size() + 1);
        // And again: scrubbed text holds nothing more to scrub.
        assertThat(SCRUBBER.scrub(out.text(), TextKind.PROSE).text()).isSameAs(out.text());
    }
}
