package org.herd.sidecar.trust;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.herd.testkit.TestTrust;
import org.herd.trust.OriginSigner;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RecordVerification;
import org.herd.trust.SignatureHeaders;
import org.herd.trust.Signer;
import org.herd.trust.TrustRoot;

/** Signing of unit tests: the test kit's origin key and root of origin {@code unit}. */
public final class TestSigning {

    public static final String ORIGIN = "unit";

    private TestSigning() {
    }

    /** A sidecar signing at {@code epoch} in trees of {@code batchSize} records. */
    public static SidecarSigning signing(int epoch, int batchSize) {
        TrustRoot root = TestTrust.root(ORIGIN, epoch).root();
        return SidecarSigning.of(OriginSigner.forRoot(new Signer(TestTrust.originKey(epoch)), root), root, batchSize,
                Duration.ofMillis(200));
    }

    /** A verifier trusting the root of {@code version}. */
    public static OriginVerifier verifier(int version) {
        return TestTrust.verifier(ORIGIN, version);
    }

    /** Checks a record as a mirror would. */
    public static RecordVerification verify(OriginVerifier verifier, byte[] key, byte[] value, Iterable<Header> headers) {
        return verifier.verifyRecord(key, value, SignatureHeaders.collect(headers, Header::key, Header::value));
    }

    /** Checks a record whose headers are a map, as an encoded record holds them. */
    public static RecordVerification verify(OriginVerifier verifier, byte[] key, byte[] value,
            Map<String, byte[]> headers) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(headers.entrySet());
        return verifier.verifyRecord(key, value, SignatureHeaders.collect(entries, Map.Entry::getKey,
                Map.Entry::getValue));
    }
}
