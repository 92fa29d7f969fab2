package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Publish: sends encoded records to Kafka as they come (an idempotent producer with
 * {@code acks=all}), and at the end of the batch flushes and waits for Kafka's acknowledgement of
 * every one. A record Kafka refuses for good (too large, invalid) goes to the quarantine; a failure
 * that may pass (Kafka unreachable) fails the batch.
 */
final class PublishStage {

    private final Producer<byte[], byte[]> producer;
    private final Quarantine quarantine;
    private final PipelineListener listener;
    /** This batch's records on their way to Kafka. */
    private final List<Send> inFlight = new ArrayList<>();

    private record Send(EncodedRecord record, Future<RecordMetadata> ack) {
    }

    PublishStage(Producer<byte[], byte[]> producer, Quarantine quarantine, PipelineListener listener) {
        this.producer = producer;
        this.quarantine = quarantine;
        this.listener = listener;
    }

    /** Forgets what a failed batch left on its way: capture reads that batch again. */
    void beginBatch() {
        inFlight.clear();
    }

    void send(EncodedRecord record) {
        inFlight.add(new Send(record, producer.send(record.toProducerRecord())));
    }

    /**
     * Flushes and waits until Kafka has acknowledged every record sent in this batch, or refused it
     * for good (then it is quarantined).
     *
     * @return the records Kafka acknowledged, in the order sent
     * @throws PublishException when Kafka did not take a record, for a reason that may pass
     */
    List<EncodedRecord> awaitAcknowledgements() throws InterruptedException {
        producer.flush();
        List<EncodedRecord> acknowledged = new ArrayList<>(inFlight.size());
        for (Send send : inFlight) {
            try {
                send.ack().get();
                acknowledged.add(send.record());
                listener.published(send.record().facts());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (isPermanent(cause)) {
                    quarantine.refused(send.record(), cause);
                } else {
                    throw PublishException.notAcknowledged(send.record().facts().describe(), cause);
                }
            }
        }
        inFlight.clear();
        return acknowledged;
    }

    /** Errors that a retry of the same record cannot cure. */
    static boolean isPermanent(Throwable t) {
        return t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                || t instanceof InvalidRecordException;
    }
}
