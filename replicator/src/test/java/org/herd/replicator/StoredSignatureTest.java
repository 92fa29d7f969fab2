package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.herd.testkit.TestRecords;
import org.junit.jupiter.api.Test;

class StoredSignatureTest {

    private final SignedTestRecords.Signed signed = SignedTestRecords.sign("herd.site",
            SignedTestRecords.signer("site", 1), TestRecords.artist("site", 1, "A", TestRecords.at(4)),
            TestRecords.artist("site", 2, "B", TestRecords.at(5)), TestRecords.artist("site", 3, "C", TestRecords.at(6)))
            .get(2);

    @Test
    void keyIdSignatureAndProofInTheDocumentedLayoutAndBackByteForByte() {
        byte[] stored = StoredSignature.of(signed.headers());

        byte[] proof = signed.headers().get(2).value();
        assertThat(stored).hasSize(32 + 64 + proof.length);
        assertThat(StoredSignature.keyId(stored)).isEqualTo(SignedTestRecords.originKey(1).keyId());
        List<Header> back = StoredSignature.headers(stored);
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i).key()).isEqualTo(signed.headers().get(i).key());
            assertThat(back.get(i).value()).isEqualTo(signed.headers().get(i).value());
        }
    }

    @Test
    void headersThisLayoutCannotHoldAreNotStored() {
        assertThat(StoredSignature.of(List.of())).isNull();
        assertThat(StoredSignature.of(signed.headers().subList(0, 2))).isNull();
        List<Header> twice = new ArrayList<>(signed.headers());
        twice.add(signed.headers().get(0));
        assertThat(StoredSignature.of(twice)).isNull();
        List<Header> upper = new ArrayList<>(signed.headers());
        upper.set(0, new RecordHeader(upper.get(0).key(), new String(upper.get(0).value(), StandardCharsets.US_ASCII)
                .toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII)));
        assertThat(StoredSignature.of(upper)).isNull();
        List<Header> shortSig = new ArrayList<>(signed.headers());
        shortSig.set(1, new RecordHeader(shortSig.get(1).key(), new byte[63]));
        assertThat(StoredSignature.of(shortSig)).isNull();
    }

    @Test
    void otherHeadersAreIgnored() {
        List<Header> more = new ArrayList<>(signed.headers());
        more.add(0, new RecordHeader("traceparent", "x".getBytes(StandardCharsets.US_ASCII)));
        assertThat(StoredSignature.of(more)).isEqualTo(StoredSignature.of(signed.headers()));
    }

    @Test
    void aHeaderWithoutAValueCountsAsOneOfNoBytes() {
        List<Header> noProof = new ArrayList<>(signed.headers());
        noProof.set(2, new RecordHeader(noProof.get(2).key(), null));
        byte[] stored = StoredSignature.of(noProof);
        assertThat(stored).hasSize(32 + 64);
        assertThat(StoredSignature.headers(stored).get(2).value()).isEmpty();
        List<Header> noKeyId = new ArrayList<>(signed.headers());
        noKeyId.set(0, new RecordHeader(noKeyId.get(0).key(), null));
        assertThat(StoredSignature.of(noKeyId)).isNull();
    }
}
