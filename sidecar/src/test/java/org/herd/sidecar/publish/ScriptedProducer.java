package org.herd.sidecar.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer double whose acknowledgement of each record is decided by the test, and which logs its
 * sends and flushes (and whatever else the test adds to {@link #log}) in order.
 */
class ScriptedProducer extends MockProducer<byte[], byte[]> {

    private final Function<ProducerRecord<byte[], byte[]>, RuntimeException> failure;
    final List<String> log = new ArrayList<>();

    /** @param failure the failure Kafka answers a record with, or null for an acknowledgement */
    ScriptedProducer(Function<ProducerRecord<byte[], byte[]>, RuntimeException> failure) {
        super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        this.failure = failure;
    }

    /** A producer Kafka acknowledges every record of. */
    static ScriptedProducer acknowledging() {
        return new ScriptedProducer(r -> null);
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        log.add("send " + record.topic());
        RuntimeException e = failure.apply(record);
        if (e != null) {
            return CompletableFuture.failedFuture(e);
        }
        return super.send(record);
    }

    @Override
    public synchronized void flush() {
        log.add("flush");
        super.flush();
    }

    /** The values sent to one topic, as text. */
    List<String> values(String topic) {
        return history().stream().filter(r -> r.topic().equals(topic))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
