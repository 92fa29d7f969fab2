package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.herd.sidecar.trust.SidecarSigning;
import org.herd.sidecar.trust.TestSigning;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RecordVerification;
import org.herd.trust.SignatureHeaders;
import org.junit.jupiter.api.Test;

/** Sign: records wait for their tree, leave with three headers, and verify one by one. */
class SignStageTest {

    private final List<EncodedRecord> published = new ArrayList<>();

    private static EncodedRecord tag(long id, long epoch) {
        NeutralRecord r = TestRecords.upsert(TestSigning.ORIGIN, NeutralSchema.TAG, id, id,
                new SourcePosition(epoch, "mysql-bin.000004", 100 + id, 2, 0, false, 0));
        return new EncodedRecord("herd.unit.tag", WireFormat.encodeKey(r), WireFormat.encode(r), Map.of(), RecordFacts.of(r));
    }

    private static int treeSize(EncodedRecord r) {
        return ByteBuffer.wrap(r.headers().get(SignatureHeaders.PROOF)).getInt(4);
    }

    @Test
    void recordsLeaveInTreesOfTheBatchSizeAndTheRestAtTheEndOfTheBatch() {
        SignStage sign = new SignStage(TestSigning.signing(1, 3), published::add);

        for (int i = 1; i <= 7; i++) {
            sign.sign(tag(i, 1));
            // Nothing leaves before its tree is complete.
            assertThat(published).hasSize(i / 3 * 3);
        }
        sign.flush();

        assertThat(published).hasSize(7).extracting(SignStageTest::treeSize).containsExactly(3, 3, 3, 3, 3, 3, 1);
        OriginVerifier verifier = TestSigning.verifier(1);
        for (EncodedRecord r : published) {
            assertThat(r.headers()).containsOnlyKeys(SignatureHeaders.KEY_ID, SignatureHeaders.SIGNATURE,
                    SignatureHeaders.PROOF);
            RecordVerification v = TestSigning.verify(verifier, r.key(), r.value(),
                    r.headers());
            assertThat(v.verified()).as(v.toString()).isTrue();
            assertThat(r.statement()).isEqualTo(v.statement());
            assertThat(r.toProducerRecord().headers().lastHeader("herd-proof")).isNotNull();
        }
        assertThat(published.get(0).headers().get(SignatureHeaders.SIGNATURE))
                .isEqualTo(published.get(2).headers().get(SignatureHeaders.SIGNATURE))
                .isNotEqualTo(published.get(3).headers().get(SignatureHeaders.SIGNATURE));
    }

    @Test
    void signingCountsItsCpuTimeAndAnUnsignedSidecarNone() {
        SidecarSigning signing = TestSigning.signing(1, 4);
        SignStage sign = new SignStage(signing, published::add);
        assertThat(signing.signCpuNanos()).isZero();

        for (int i = 1; i <= 64; i++) {
            sign.sign(tag(i, 1));
        }
        sign.flush();
        long afterSixteenTrees = signing.signCpuNanos();
        sign.sign(tag(65, 1));
        sign.flush();

        // Sixteen signatures take far longer than the JVM's resolution of a thread's CPU time.
        assertThat(afterSixteenTrees).isPositive();
        assertThat(signing.signCpuNanos()).isGreaterThanOrEqualTo(afterSixteenTrees);
        SidecarSigning unsigned = SidecarSigning.unsigned();
        new SignStage(unsigned, published::add).sign(tag(66, 0));
        assertThat(unsigned.signCpuNanos()).isZero();
    }

    @Test
    void anUnsignedSidecarPassesRecordsStraightThrough() {
        SignStage sign = new SignStage(SidecarSigning.unsigned(), published::add);

        sign.sign(tag(1, 0));

        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.headers()).isEmpty();
            assertThat(r.statement()).isNull();
        });
    }

    @Test
    void aRecordThatCannotBeSignedFailsTheBatchAndNothingOfItLeaves() {
        SignStage sign = new SignStage(TestSigning.signing(1, 10), published::add);
        sign.sign(tag(1, 1));
        sign.sign(tag(2, 0));

        assertThatThrownBy(sign::flush).isInstanceOf(PublishException.class)
                .hasMessageContaining("could not sign 2 records from tag {tag_id=1} upsert at e1:mysql-bin.000004:101/2#0")
                .hasMessageContaining("is of epoch 0, but the sidecar signs at epoch 1");
        assertThat(published).isEmpty();
        // Capture reads the batch again; what was pending is gone.
        sign.sign(tag(3, 1));
        sign.flush();
        assertThat(published).singleElement().extracting(SignStageTest::treeSize).isEqualTo(1);
    }

    @Test
    void aFailedBatchLeavesNothingPendingForTheNext() {
        SignStage sign = new SignStage(TestSigning.signing(1, 10), published::add);
        sign.sign(tag(1, 1));

        sign.beginBatch();
        sign.sign(tag(2, 1));
        sign.flush();

        assertThat(published).singleElement()
                .satisfies(r -> assertThat(WireFormat.decode(r.value()).key()).containsEntry("tag_id", 2L));
    }
}
