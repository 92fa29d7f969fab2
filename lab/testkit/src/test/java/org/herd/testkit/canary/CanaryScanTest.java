package org.herd.testkit.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryScanTest {

    private static final Canary EMAIL = Canary.text("users_main.Email#7", "users_main", "Email",
            "CNRYusers_main.Email#0007");
    private static final Canary USER_ID = Canary.integer("torrents.UserID#8", "torrents", "UserID", 2_100_008_337L);
    private static final Canary HASH = Canary.binary("torrents.info_hash#9", "torrents", "info_hash",
            "CNRYtorrents.info_hash#0009".getBytes(StandardCharsets.US_ASCII));
    private static final Canary SEEN = Canary.datetime("users_main.LastAccess#10", "users_main", "LastAccess",
            LocalDateTime.of(2037, 2, 3, 14, 15, 6));
    private static final Canary CONTROL = Canary.text("torrents_group.Name#11", "torrents_group", "Name",
            "pubctltorrentsgroup0011");

    private static CanaryScan scan() {
        return new CanaryScan(List.of(EMAIL, USER_ID, HASH, SEEN), List.of(CONTROL));
    }

    @Test
    void textCanaryIsFoundAsItselfInAnyCaseAndAsHex() {
        CanaryScan scan = scan();
        scan.scan("a", "{\"x\":\"mail CNRYusers_main.Email#0007 end\"}");
        scan.scan("b", "cnryusers_main.email#0007");
        scan.scan("c", "\\x" + HexFormat.of().formatHex("..CNRYusers_main.Email#0007..".getBytes(StandardCharsets.UTF_8)));
        scan.scan("d", HexFormat.of().withUpperCase().formatHex("CNRYusers_main.Email#0007".getBytes(StandardCharsets.UTF_8)));
        assertThat(scan.leaks()).extracting(CanaryScan.Leak::where, CanaryScan.Leak::form).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "text"), org.assertj.core.groups.Tuple.tuple("b", "text"),
                org.assertj.core.groups.Tuple.tuple("c", "hex"), org.assertj.core.groups.Tuple.tuple("d", "hex"));
    }

    @Test
    void textCanaryIsFoundInBase64AtEveryAlignmentInsideLongerData() {
        for (String before : List.of("", "x", "xy", "xyz", "wxyz")) {
            byte[] data = (before + "CNRYusers_main.Email#0007" + " and more").getBytes(StandardCharsets.UTF_8);
            CanaryScan scan = scan();
            scan.scan("std", Base64.getEncoder().encodeToString(data));
            scan.scan("url", Base64.getUrlEncoder().encodeToString(data));
            assertThat(scan.leaks()).as("prefix '%s'", before).extracting(CanaryScan.Leak::form)
                    .containsExactly("base64", "base64");
        }
    }

    @Test
    void numbersAreFoundOnlyAsWholeNumbers() {
        CanaryScan scan = scan();
        scan.scan("inside", "{\"size\":92100008337,\"other\":21000083370}");
        scan.scan("fraction", "2100008337.5");
        assertThat(scan.leaks()).extracting(CanaryScan.Leak::where).containsExactly("fraction");

        CanaryScan json = scan();
        json.scan("json", "{\"user_id\":2100008337}");
        json.scan("text", "user 2100008337, again");
        assertThat(json.leakCount()).isEqualTo(2);
    }

    @Test
    void binaryCanaryIsFoundRawAmongOtherBytes() {
        byte[] data = new byte[40];
        data[0] = (byte) 0xff;
        data[1] = 0;
        byte[] hash = "CNRYtorrents.info_hash#0009".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hash, 0, data, 3, hash.length);
        CanaryScan scan = scan();
        scan.scan("record", data);
        assertThat(scan.leaks()).extracting(CanaryScan.Leak::canary).containsExactly("torrents.info_hash#9");
    }

    @Test
    void dateTimeCanaryIsFoundInSqlIsoAndEpochForms() {
        long seconds = LocalDateTime.of(2037, 2, 3, 14, 15, 6).toEpochSecond(ZoneOffset.UTC);
        CanaryScan scan = scan();
        scan.scan("sql", "2037-02-03 14:15:06");
        scan.scan("iso", "\"2037-02-03T14:15:06\"");
        scan.scan("ms", "{\"t\":" + seconds * 1000 + "}");
        scan.scan("us", "{\"t\":" + seconds * 1_000_000 + "}");
        scan.scan("other second", "2037-02-03 14:15:07");
        assertThat(scan.leaks()).extracting(CanaryScan.Leak::form).containsExactly("sql", "iso", "epoch-ms", "epoch-us");
    }

    @Test
    void controlsAreReportedAsFoundNotAsLeaks() {
        CanaryScan scan = scan();
        scan.scan("record", "{\"name\":\"pubctltorrentsgroup0011\"}");
        assertThat(scan.controlsFound()).containsExactly("torrents_group.Name#11");
        assertThat(scan.leaks()).isEmpty();
        assertThat(scan.pieces()).isEqualTo(1);
        assertThat(scan.characters()).isEqualTo(34);
    }

    @Test
    void cleanDataHasNoLeaks() {
        CanaryScan scan = scan();
        scan.scan("record", "{\"entity\":\"release\",\"key\":{\"release_id\":100},\"payload\":{\"size_bytes\":2100008336,"
                + "\"added_at\":\"2037-02-03T14:15:05\",\"name\":\"CNRY is not a canary\"}}");
        scan.scan("null", (byte[]) null);
        assertThat(scan.leaks()).isEmpty();
        assertThat(scan.describeLeaks()).isEmpty();
    }

    @Test
    void needlesMustBeLongEnoughPrintableAscii() {
        assertThatThrownBy(() -> Canary.text("t.c#1", "t", "c", "ab")).hasMessageContaining("shorter");
        assertThatThrownBy(() -> Canary.text("t.c#1", "t", "c", "CNRYé#0001")).hasMessageContaining("ASCII");
        assertThatThrownBy(() -> Canary.decimal("t.c#1", "t", "c", "42.10")).hasMessageContaining("ending in 1-9");
        assertThat(Canary.date("t.c#1", "t", "c", LocalDate.of(2036, 3, 5)).needles())
                .extracting(Needle::text).containsExactly("2036-03-05");
    }
}
