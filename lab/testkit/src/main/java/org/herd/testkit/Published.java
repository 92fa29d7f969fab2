package org.herd.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.herd.kafka.KafkaTopicReader;
import org.herd.translator.NeutralRecord;
import org.herd.translator.wire.WireFormat;

/**
 * What a sidecar published, read back for assertions: the records of a topic, and the wait for a
 * marker.
 *
 * <p>A test proves that something was not published by looking after a marker, never after a
 * pause: it writes a change after the one whose record must not arrive, waits for the marker's
 * record, and only then looks. The sidecar publishes in binlog order, but Kafka keeps order only
 * within a partition: looking is sound on the marker's own partition (the same topic and key), and
 * on any topic once the sidecar has been stopped, because it sent every record of the changes
 * before the marker ahead of the marker's and its producer delivers what it sent when it closes.
 */
public final class Published {

    private static final Duration POLL = Duration.ofMillis(500);

    private Published() {
    }

    /** Every record of {@code topic}, in partition order, decoded. */
    public static List<NeutralRecord> records(String bootstrapServers, String topic) {
        return KafkaTopicReader.readAll(bootstrapServers, Set.of(topic)).stream()
                .map(r -> WireFormat.decode(r.value()))
                .toList();
    }

    /**
     * Waits until {@code topic} holds a record that {@code marker} accepts and returns it; fails
     * when none has arrived within {@code atMost}.
     */
    public static NeutralRecord awaitMarker(String bootstrapServers, String topic, Predicate<NeutralRecord> marker,
            Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            List<NeutralRecord> records = records(bootstrapServers, topic);
            Optional<NeutralRecord> found = records.stream().filter(marker).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the marker did not arrive in " + topic + " within " + atMost.toSeconds()
                        + " s (the topic holds " + records.size() + " records)");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
