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
 * @param kind     what kind of failure, for counting and for what an operator does about it:
 *                 {@code truncate}, {@code missing-column} (a column Herd reads is absent from the
 *                 change), {@code schema} (a lookup the source's schema no longer answers),
 *                 {@code translation} (a value the mapping cannot read), {@code unreadable} (the
 *                 change event itself), {@code kafka-refused}, {@code defect}
 * @param column   the column at fault, when one is; else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QuarantineRecord(String table, String op, Map<String, Object> key, String position, String reason,
        String kind, String column) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String TRUNCATE = "truncate";
    public static final String MISSING_COLUMN = "missing-column";
    public static final String SCHEMA = "schema";
    public static final String TRANSLATION = "translation";
    public static final String UNREADABLE = "unreadable";
    public static final String KAFKA_REFUSED = "kafka-refused";
    public static final String DEFECT = "defect";

    /** A record of a value the mapping could not read. */
    public QuarantineRecord(String table, String op, Map<String, Object> key, String position, String reason) {
        this(table, op, key, position, reason, TRANSLATION, null);
    }

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
