package org.herd.sidecar.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.RowChange;
import org.herd.translator.RowOperation;
import org.herd.translator.SourcePosition;
import org.junit.jupiter.api.Test;

/** What a record waiting for its signature or for Kafka keeps: its facts, never its payload or its row. */
class RecordFactsTest {

    private static final SourcePosition AT = new SourcePosition("mysql-bin.000003", 120, 4, 0, false, 1);

    @Test
    void aRecordsFactsAreItsEntityOpKeyPositionAndItsRowsTableOpAndPrimaryKey() {
        NeutralRecord record = NeutralRecord.upsert("tag", "unit", Map.of("tag_id", 7L), AT,
                Map.of("name", "ambient", "tag_type", "genre", "uses", 2L));
        RowChange change = RowChange.update("tags", Map.of("ID", 7, "Name", "old"), Map.of("ID", 7, "Name", "ambient"),
                AT);
        RecordFacts facts = RecordFacts.of(record, change, Map.of("ID", 7));

        assertThat(facts).isEqualTo(new RecordFacts("tag", Operation.UPSERT, Map.of("tag_id", 7L), AT, "tags",
                RowOperation.UPDATE, Map.of("ID", 7)));
        assertThat(facts.describe()).isEqualTo(record.describe()).doesNotContain("ambient");
        assertThat(RecordFacts.of(record).sourceTable()).isNull();
    }

    @Test
    void theSourcesTableOpAndKeyComeTogetherOrNotAtAll() {
        assertThatThrownBy(() -> new RecordFacts("tag", Operation.DELETE, Map.of("tag_id", 7L), AT, "tags", null,
                Map.of("ID", 7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the source table, operation and key of tag {tag_id=7} are given together or not at all");
        assertThatThrownBy(() -> new RecordFacts("tag", Operation.DELETE, Map.of("tag_id", 7L), AT, null, null,
                Map.of("ID", 7))).isInstanceOf(IllegalArgumentException.class);
    }
}
