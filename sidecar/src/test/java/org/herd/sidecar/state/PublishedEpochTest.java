package org.herd.sidecar.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The epoch record beside the captured tables: the latest wins, others are not its business. */
class PublishedEpochTest {

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("herd.unit._sidecar-state", 0, 0, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLatestRecordedEpochIsRead() {
        assertThat(PublishedEpoch.from(List.of(record("table:tags", "{\"table\":\"tags\",\"captured\":true}"))))
                .isEmpty();
        assertThat(PublishedEpoch.from(List.of(record("epoch", "{\"epoch\":0,\"key_id\":null}"),
                record("table:tags", "{\"captured\":true}"), record("epoch", "{\"epoch\":2,\"key_id\":\"ab\"}"))))
                .contains(new PublishedEpoch(2, "ab"));
        assertThat(PublishedEpoch.from(List.of(record("epoch", "{\"epoch\":2}"), record("epoch", null)))).isEmpty();
        assertThatThrownBy(() -> PublishedEpoch.from(List.of(record("epoch", "{\"epoch\":\"two\"}"))))
                .hasMessageContaining("has no integer epoch");
        assertThatThrownBy(() -> PublishedEpoch.from(List.of(record("epoch", "not json"))))
                .hasMessageContaining("is not JSON");
    }

    @Test
    void anEpochIsRecordedUnderItsKeyAndReadBack() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());

        new PublishedEpoch(3, "c0ffee").record(producer, "herd.unit._sidecar-state");

        var sent = producer.history().get(0);
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("epoch");
        assertThat(PublishedEpoch.from(List.of(new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value()))))
                .contains(new PublishedEpoch(3, "c0ffee"));
    }
}
