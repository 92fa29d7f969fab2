package org.herd.translator.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herd.translator.scrub.RuleRun.scrub;

import org.junit.jupiter.api.Test;

class HomeDirectoryRuleTest {

    private final HomeDirectoryRule rule = new HomeDirectoryRule();

    @Test
    void windowsHomesInEverySeparatorStyle() {
        assertThat(scrub(rule, "Filename C:\\Users\\jsmith\\Music\\Artist\\01 - Track.wav"))
                .isEqualTo("Filename C:\\Users\\[user]\\Music\\Artist\\01 - Track.wav");
        assertThat(scrub(rule, "d:\\users\\JSmith\\Desktop")).isEqualTo("d:\\users\\[user]\\Desktop");
        assertThat(scrub(rule, "C:/Users/jsmith/Music/x.flac")).isEqualTo("C:/Users/[user]/Music/x.flac");
        assertThat(scrub(rule, "\"C:\\\\Users\\\\jsmith\\\\Music\"")).isEqualTo("\"C:\\\\Users\\\\[user]\\\\Music\"");
        assertThat(scrub(rule, "file=C%3A%5CUsers%5Cjsmith%5CMusic")).isEqualTo("file=C%3A%5CUsers%5C[user]%5CMusic");
        assertThat(scrub(rule, "\\\\?\\C:\\Users\\jsmith\\Music")).isEqualTo("\\\\?\\C:\\Users\\[user]\\Music");
        assertThat(scrub(rule, "file:///C:/Users/jsmith/Music")).isEqualTo("file:///C:/Users/[user]/Music");
        assertThat(scrub(rule, "\\\\nas\\c$\\Users\\jsmith\\Music")).isEqualTo("\\\\nas\\c$\\Users\\[user]\\Music");
        assertThat(scrub(rule, "/mnt/c/Users/jsmith/Music")).isEqualTo("/mnt/c/Users/[user]/Music");
    }

    @Test
    void windowsXpHomesAndNamesWithSpaces() {
        assertThat(scrub(rule, "C:\\Documents and Settings\\John Smith\\My Documents\\My Music\\a.wav"))
                .isEqualTo("C:\\Documents and Settings\\[user]\\My Documents\\My Music\\a.wav");
        assertThat(scrub(rule, "C:\\Dokumente und Einstellungen\\hans\\Eigene Dateien"))
                .isEqualTo("C:\\Dokumente und Einstellungen\\[user]\\Eigene Dateien");
        // No separator after the name: it ends at the first space, taking no more words.
        assertThat(scrub(rule, "saved to C:\\Users\\bob and then burned")).isEqualTo("saved to C:\\Users\\[user] and then burned");
        assertThat(scrub(rule, "C:\\Users\\bob")).isEqualTo("C:\\Users\\[user]");
    }

    @Test
    void macAndLinuxHomes() {
        assertThat(scrub(rule, "Filename : /Users/jsmith/Music/XLD/01.flac"))
                .isEqualTo("Filename : /Users/[user]/Music/XLD/01.flac");
        assertThat(scrub(rule, "ripped into /home/alice/rips (whipper)")).isEqualTo("ripped into /home/[user]/rips (whipper)");
        assertThat(scrub(rule, "[code]/home/alice[/code]")).isEqualTo("[code]/home/[user][/code]");
        assertThat(scrub(rule, "{\"path\":\"\\/home\\/alice\\/x\"}")).isEqualTo("{\"path\":\"\\/home\\/[user]\\/x\"}");
        assertThat(scrub(rule, "p=%2Fhome%2Falice%2Fx")).isEqualTo("p=%2Fhome%2F[user]%2Fx");
        assertThat(scrub(rule, "file:///home/alice/x")).isEqualTo("file:///home/[user]/x");
        assertThat(scrub(rule, "(/Users/alice/Music)")).isEqualTo("(/Users/[user]/Music)");
    }

    @Test
    void rootsWithoutAUserAndFoldersElsewhereStay() {
        for (String text : new String[] {
            "C:\\Music\\Artist\\01.wav", "C:\\Users\\", "C:\\Users", "/home/", "/home", "/root/music",
            "C:\\Users\\Public\\Music", "C:\\Users\\Default\\x", "C:\\Documents and Settings\\All Users\\x",
            "/Users/Shared/Music", "/Users/Guest/x", "C:\\Users\\%USERNAME%\\Music", "/home/$USER/x",
            "D:\\Backup\\Users\\jsmith\\x", "/Volumes/Disk/Users/jsmith/x", "https://github.example/users/jsmith",
            "https://site.example/home/news", "~/Music/jsmith", "C:\\Users\\[user]\\Music", "/home/[user]/x",
            "see /homes/alice", "C:\\Usersx\\bob",
        }) {
            assertThat(scrub(rule, text)).as(text).isEqualTo(text);
        }
    }
}
