package org.herd.sidecar.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A row change the sidecar could not publish, as written to {@code <prefix>._quarantine}: what,
 * where and why, never the row's values (those are only quoted in {@code reason} where they come
 * from a public column). Documented in docs/wire-format.md.
 *
 * @param table    Gazelle table
 * @param op       read, insert, update, delete or truncate
 * @param key      the row's Gazelle primary key, when it could be read
 * @param position source position, as {@code file:pos/event#row}
 * @param reason   why it was not published
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QuarantineRecord(String table, String op, Map<String, Object> key, String position, String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            // Only plain strings, numbers and maps of them: cannot fail, but never lose the reason.
            return ("{\"table\":\"" + table + "\",\"reason\":\"unencodable quarantine record\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The Kafka key: table and position, unique per row change. */
    public byte[] kafkaKey() {
        return (table + "@" + position).getBytes(StandardCharsets.UTF_8);
    }
}
