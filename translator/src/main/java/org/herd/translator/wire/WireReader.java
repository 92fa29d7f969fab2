package org.herd.translator.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.herd.translator.FileEntry;
import org.herd.translator.FieldMap;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;

/**
 * The fast path of {@link WireFormat#decode}: reads a record straight from the bytes with Jackson's
 * streaming parser, without building a tree of it. A mirror decodes every record it applies; the
 * tree and its nodes were the largest part of its decoding cost.
 *
 * <p>It reads only values that the tree reader would read to the same record, and gives up (returns
 * null) on everything else: a value of the wrong type, a missing or unknown member, a member named
 * twice (the tree keeps the last), a key or payload before the entity that declares it, a payload on
 * a delete, a number or flag written in a form the tree reader converts. The tree reader then
 * decides, with its messages. So the records this reads are exactly the records the tree reader
 * reads, and a bad record is described as before.
 *
 * <p>Every member of a value it reads is read here, none skipped, at every depth. So a value it
 * reads is one JSON object with no member named twice anywhere and nothing after it, whose every
 * member is one of the wire format's, of its declared type: {@link WireFormat#decodeStrict} promises
 * that to readers that must refuse ambiguous values.
 */
final class WireReader {

    private final JsonParser p;

    private WireReader(JsonParser p) {
        this.p = p;
    }

    /** The record in {@code value}, or null when the tree reader must decide. */
    static NeutralRecord read(JsonFactory json, byte[] value) {
        try (JsonParser parser = json.createParser(value)) {
            return new WireReader(parser).record();
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            // Not JSON, or a position or timestamp that does not parse: the tree reader says so.
            return null;
        }
    }

    private NeutralRecord record() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        boolean format = false;
        EntityType entity = null;
        String origin = null;
        Operation op = null;
        SourcePosition position = null;
        Map<String, Object> key = null;
        Map<String, Object> payload = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "format" -> {
                    if (format || v != JsonToken.VALUE_STRING || !WireFormat.FORMAT.equals(p.getText())) {
                        return null;
                    }
                    format = true;
                }
                case "entity" -> {
                    if (entity != null || v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    entity = NeutralSchema.entity(p.getText()).orElse(null);
                    if (entity == null) {
                        return null;
                    }
                }
                case "origin" -> {
                    if (origin != null || v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    origin = p.getText();
                }
                case "op" -> {
                    if (op != null || v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    op = switch (p.getText()) {
                        case "upsert" -> Operation.UPSERT;
                        case "delete" -> Operation.DELETE;
                        default -> null;
                    };
                    if (op == null) {
                        return null;
                    }
                }
                case "position" -> {
                    if (position != null || v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    position = position();
                    if (position == null) {
                        return null;
                    }
                }
                case "key" -> {
                    if (key != null || entity == null || v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    key = fields(FieldMap.Layout.keyOf(entity));
                    if (key == null) {
                        return null;
                    }
                }
                case "payload" -> {
                    // A delete carries none. The tree reader ignores one; it is not skipped here, so
                    // that every member of a value this reads was read (see the class comment).
                    if (payload != null || entity == null || op != Operation.UPSERT || v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    payload = fields(FieldMap.Layout.payloadOf(entity));
                    if (payload == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (t != JsonToken.END_OBJECT || !format || entity == null || origin == null || op == null
                || position == null || key == null || (op == Operation.UPSERT && payload == null)
                || p.nextToken() != null) {
            return null;
        }
        return new NeutralRecord(entity.name(), origin, key, op, position, payload);
    }

    private SourcePosition position() throws IOException {
        long epoch = 0;
        String file = null;
        long pos = -1;
        long event = -1;
        int row = -1;
        boolean snapshot = false;
        long tsMs = 0;
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit;
            switch (name) {
                case "epoch" -> {
                    bit = 1;
                    if (!isLong(v)) {
                        return null;
                    }
                    epoch = p.getLongValue();
                }
                case "file" -> {
                    bit = 2;
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    file = p.getText();
                }
                case "pos" -> {
                    bit = 4;
                    if (!isLong(v)) {
                        return null;
                    }
                    pos = p.getLongValue();
                }
                case "event" -> {
                    bit = 8;
                    if (!isLong(v)) {
                        return null;
                    }
                    event = p.getLongValue();
                }
                case "row" -> {
                    bit = 16;
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        return null;
                    }
                    row = p.getIntValue();
                }
                case "snapshot" -> {
                    bit = 32;
                    if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                        return null;
                    }
                    snapshot = v == JsonToken.VALUE_TRUE;
                }
                case "ts_ms" -> {
                    bit = 64;
                    if (!isLong(v)) {
                        return null;
                    }
                    tsMs = p.getLongValue();
                }
                default -> {
                    return null;
                }
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        // file, pos, event and row are required; epoch, snapshot and ts_ms have defaults.
        if ((seen & (2 | 4 | 8 | 16)) != (2 | 4 | 8 | 16)) {
            return null;
        }
        return new SourcePosition(epoch, file, pos, event, row, snapshot, tsMs);
    }

    /** The members of an object of declared fields, in declared order; null to give up. */
    private Map<String, Object> fields(FieldMap.Layout declared) throws IOException {
        FieldMap.Builder values = declared.builder();
        int next = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            // The sidecar writes fields in declared order: try the next one before the map.
            int i = next < declared.size() && declared.field(next).name().equals(name) ? next
                    : declared.indexOf(name);
            if (i < 0 || values.isSet(i)) {
                return null;
            }
            next = i + 1;
            Field f = declared.field(i);
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                if (!f.nullable()) {
                    return null;
                }
                values.set(i, null);
                continue;
            }
            Object value = value(f, v);
            if (value == null) {
                return null;
            }
            values.set(i, value);
        }
        for (int i = 0; i < declared.size(); i++) {
            if (values.get(i) == null && !declared.field(i).nullable()) {
                return null;
            }
        }
        return values.build();
    }

    private Object value(Field f, JsonToken v) throws IOException {
        return switch (f.type()) {
            case INTEGER -> isLong(v) ? (Object) p.getLongValue() : null;
            case TEXT -> v == JsonToken.VALUE_STRING ? p.getText() : null;
            case BOOLEAN -> v == JsonToken.VALUE_TRUE ? Boolean.TRUE : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
            case TIMESTAMP -> v == JsonToken.VALUE_STRING ? WireTimestamp.parse(p.getText()) : null;
            case FILE_LIST -> v == JsonToken.START_ARRAY ? fileList() : null;
        };
    }

    private List<FileEntry> fileList() throws IOException {
        List<FileEntry> files = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            String path = null;
            long size = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("path") && path == null && v == JsonToken.VALUE_STRING) {
                    path = p.getText();
                } else if (name.equals("size_bytes") && size < 0 && isLong(v) && p.getLongValue() >= 0) {
                    size = p.getLongValue();
                } else {
                    return null;
                }
            }
            if (path == null || size < 0) {
                return null;
            }
            files.add(new FileEntry(path, size));
        }
        return t == JsonToken.END_ARRAY ? List.copyOf(files) : null;
    }

    /** An integer the tree reader takes as a 64-bit one. */
    private boolean isLong(JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }
}
