package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.herd.sidecar.trust.SidecarSigning;

/**
 * Sign: encoded records wait here until their signing batch is complete, then are signed with one
 * signature over the root of the batch's Merkle tree ({@link SidecarSigning#sign}), each given its
 * headers, and handed to publish. A batch closes every {@code herd.sidecar.trust.batch-size}
 * records (so a huge cascade does not wait for its end) and at the end of each Debezium batch,
 * before publish waits for Kafka's acknowledgements: no record leaves unsigned, and none waits for
 * a later Debezium batch.
 *
 * <p>A record that cannot be signed is no row's fault: signing fails the batch
 * ({@link PublishException}), and capture restarts from the last acknowledged position. When the
 * sidecar does not sign, records pass straight through.
 */
final class SignStage {

    private final SidecarSigning signing;
    private final Consumer<EncodedRecord> publish;
    private final List<EncodedRecord> pending = new ArrayList<>();

    SignStage(SidecarSigning signing, Consumer<EncodedRecord> publish) {
        this.signing = signing;
        this.publish = publish;
    }

    /** Forgets what a failed batch left unsigned: capture reads that batch again. */
    void beginBatch() {
        pending.clear();
    }

    void sign(EncodedRecord record) {
        if (!signing.signs()) {
            publish.accept(record);
            return;
        }
        pending.add(record);
        if (pending.size() >= signing.batchSize()) {
            flush();
        }
    }

    /** Signs and hands on what waits: at the end of each Debezium batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<EncodedRecord> signed;
        try {
            signed = signing.sign(pending);
        } catch (RuntimeException e) {
            String first = pending.get(0).facts().describe();
            int count = pending.size();
            pending.clear();
            throw new PublishException("could not sign " + count + " records from " + first + ": " + e.getMessage(), e);
        }
        pending.clear();
        signed.forEach(publish);
    }
}
