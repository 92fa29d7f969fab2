package org.herd.testkit;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;

/** Neutral records for tests: every field of an entity filled from a seed, so any entity can be produced. */
public final class TestRecords {

    public static final String BINLOG = "mysql-bin.000001";

    private TestRecords() {
    }

    public static SourcePosition at(long pos) {
        return new SourcePosition(BINLOG, pos, 0, 0, false, 0);
    }

    public static SourcePosition at(String file, long pos, int row) {
        return new SourcePosition(file, pos, 0, row, false, 0);
    }

    /** A change of a transaction that begins at pos: its row event's index and the row in that event. */
    public static SourcePosition at(String file, long pos, long event, int row) {
        return new SourcePosition(file, pos, event, row, false, 0);
    }

    /** Key fields from the id (text keys become "k<id>"). */
    public static Map<String, Object> key(EntityType entity, long id) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (Field f : entity.keyFields()) {
            key.put(f.name(), value(f, id, "k"));
        }
        return key;
    }

    /** Payload fields derived from a version tag, so that two versions of a row differ in every field. */
    public static Map<String, Object> payload(EntityType entity, long version) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (Field f : entity.payloadFields()) {
            payload.put(f.name(), value(f, version, "v"));
        }
        return payload;
    }

    private static Object value(Field f, long n, String textPrefix) {
        return switch (f.type()) {
            case INTEGER -> n;
            case TEXT -> textPrefix + n;
            case BOOLEAN -> n % 2 == 0;
            case TIMESTAMP -> LocalDateTime.of(2010, 1, 1, 0, 0).plusSeconds(n);
            case FILE_LIST -> List.of(new FileEntry(textPrefix + n + "/01 - ÷ \"x\".flac", n * 1000),
                    new FileEntry("cover.jpg", n));
        };
    }

    public static NeutralRecord upsert(String origin, EntityType entity, long id, long version, SourcePosition at) {
        return NeutralRecord.upsert(entity.name(), origin, key(entity, id), at, payload(entity, version));
    }

    public static NeutralRecord delete(String origin, EntityType entity, long id, SourcePosition at) {
        return NeutralRecord.delete(entity.name(), origin, key(entity, id), at);
    }

    public static NeutralRecord artist(String origin, long id, String name, SourcePosition at) {
        Map<String, Object> payload = payload(NeutralSchema.ARTIST, id);
        payload.put("name", name);
        return NeutralRecord.upsert("artist", origin, key(NeutralSchema.ARTIST, id), at, payload);
    }
}
