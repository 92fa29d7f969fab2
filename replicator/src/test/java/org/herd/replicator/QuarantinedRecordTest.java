package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuarantinedRecordTest {

    @Test
    void reasonLosesControlCharactersThatPostgresTextRefuses() {
        QuarantinedRecord q = new QuarantinedRecord("herd.site.tag", 0, 7, null, new byte[] {0},
                "record of origin 'ev\u0000il' at offset 7\tkept\nlines");
        assertThat(q.reason()).isEqualTo("record of origin 'ev?il' at offset 7\tkept\nlines");
        assertThat(new QuarantinedRecord("t", 0, 0, null, null, null).reason()).isEqualTo("no reason given");
    }
}
