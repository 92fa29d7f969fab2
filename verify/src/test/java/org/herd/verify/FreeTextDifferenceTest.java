package org.herd.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.herd.translator.schema.NeutralSchema;
import org.junit.jupiter.api.Test;

/**
 * A mirror may still hold free text published under an older scrub policy (a passkey, say): the
 * report of a differing row shows its free-text fields by length, other fields by value.
 */
class FreeTextDifferenceTest {

    private static final String PASSKEY = "k3v9q2x8m4n7b1c5z6w0a2s4";

    @Test
    void freeTextFieldsAreReportedByLengthOnly() {
        assertThat(Verification.freeTextFields(NeutralSchema.RELEASE)).contains("description")
                .doesNotContain("release_id", "format", "remaster_title");
        assertThat(Verification.freeTextFields(NeutralSchema.COMMENT)).containsExactly("body");

        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("format", "FLAC");
        origin.put("description", "http://t.example/[passkey]/announce");
        Map<String, Object> mirror = new LinkedHashMap<>(origin);
        mirror.put("format", "MP3");
        mirror.put("description", "http://t.example/" + PASSKEY + "/announce");
        Map<Map<String, Object>, Map<String, Object>> o = new TreeMap<>(Verification.KEY_ORDER);
        Map<Map<String, Object>, Map<String, Object>> m = new TreeMap<>(Verification.KEY_ORDER);
        o.put(Map.of("release_id", 7L), origin);
        m.put(Map.of("release_id", 7L), mirror);

        List<Verification.Difference> found = Verification.compareRows(o, m,
                Verification.freeTextFields(NeutralSchema.RELEASE));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).toString()).contains("format: origin 'FLAC', mirror 'MP3'")
                .contains("description: free text, origin 35 characters, mirror 50 characters")
                .doesNotContain(PASSKEY, "[passkey]");
    }
}
