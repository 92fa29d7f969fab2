package org.herd.sidecar.publish;

import java.util.List;

/**
 * What the pipeline tells, after Kafka acknowledged a whole Debezium batch, about the records of
 * that batch now in the entity topics: the checkpoints listen, so that a checkpoint never states a
 * record Kafka might not have.
 */
public interface Acknowledgements {

    /** Listens to nothing: a sidecar that does not sign publishes no checkpoints. */
    Acknowledgements NONE = new Acknowledgements() {
        @Override
        public void acknowledged(List<EncodedRecord> records) {
        }

        @Override
        public void snapshotCompleted() {
        }
    };

    /**
     * The records of one Debezium batch that Kafka acknowledged, in the order they were sent
     * (records Kafka refused for good, and quarantined, are not among them).
     */
    void acknowledged(List<EncodedRecord> records);

    /** A snapshot's last batch has been acknowledged (after {@link #acknowledged}). */
    void snapshotCompleted();
}
