package org.herd.translator.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.FieldMap;
import org.herd.translator.FileEntry;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Operation;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.NeutralSchema;

/**
 * Herd's wire format: one JSON object per record, versioned, documented field by field in
 * {@code docs/wire-format.md}. Kafka keys are the JSON object of the key fields alone, in the
 * entity's key order, so that equal keys are equal bytes and log compaction keeps the latest
 * record per row.
 *
 * <p>Decoding checks everything a mirror relies on (version, entity, operation, key and payload
 * fields and their types) and names the offending part when it fails.
 */
public final class WireFormat {

    /** The value of the {@code format} member of every record this version writes. */
    public static final String FORMAT = "herd/" + NeutralSchema.VERSION;

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private WireFormat() {
    }

    /** The Kafka key of a record: its key fields as a JSON object. */
    public static byte[] encodeKey(NeutralRecord record) {
        byte[] plain = plainKey(record.key());
        return plain != null ? plain : encodeKeyByGenerator(record);
    }

    /**
     * Whether {@code kafkaKey} is the Kafka key of {@code record}, byte for byte: what
     * {@code Arrays.equals(kafkaKey, encodeKey(record))} answers. A mirror that verifies asks it of
     * every record; a plain key (see {@link #plainKey}) is compared where it lies, without writing it.
     */
    public static boolean isKeyOf(byte[] kafkaKey, NeutralRecord record) {
        if (kafkaKey == null) {
            return false;
        }
        Map<String, Object> key = record.key();
        if (!(key instanceof FieldMap fields) || !isPlain(fields)) {
            return Arrays.equals(kafkaKey, encodeKey(record));
        }
        int at = 0;
        for (int i = 0; i < fields.size(); i++) {
            at = matchByte(kafkaKey, at, i == 0 ? '{' : ',');
            at = matchByte(kafkaKey, at, '"');
            at = matchAscii(kafkaKey, at, fields.name(i));
            at = matchByte(kafkaKey, at, '"');
            at = matchByte(kafkaKey, at, ':');
            at = matchDecimal(kafkaKey, at, ((Number) fields.value(i)).longValue());
        }
        if (fields.size() == 0) {
            at = matchByte(kafkaKey, at, '{');
        }
        at = matchByte(kafkaKey, at, '}');
        return at == kafkaKey.length;
    }

    private static boolean isPlain(FieldMap fields) {
        for (int i = 0; i < fields.size(); i++) {
            Object v = fields.value(i);
            if (!(v instanceof Long || v instanceof Integer) || !plainName(fields.name(i))) {
                return false;
            }
        }
        return true;
    }

    /** The place after {@code c} at {@code at} in {@code b}; -1 when it is not there (or {@code at} is -1). */
    private static int matchByte(byte[] b, int at, char c) {
        return at >= 0 && at < b.length && b[at] == c ? at + 1 : -1;
    }

    private static int matchAscii(byte[] b, int at, String s) {
        if (at < 0 || at + s.length() > b.length) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return -1;
            }
        }
        return at + s.length();
    }

    /** The place after {@code v}'s decimal digits (as {@code Long.toString} writes them) at {@code at}; -1 when they are not there. */
    private static int matchDecimal(byte[] b, int at, long v) {
        int length = decimalLength(v);
        if (at < 0 || at + length > b.length) {
            return -1;
        }
        // Digits from the last, of a value of at most 0, which Long.MIN_VALUE is too.
        long n = v < 0 ? v : -v;
        int d = at + length;
        do {
            if (b[--d] != '0' - (int) (n % 10)) {
                return -1;
            }
            n /= 10;
        } while (n != 0);
        return v < 0 && b[--d] != '-' ? -1 : at + length;
    }

    /*
     * The sidecar writes the Kafka key of every record, and nearly every key is one or two integer
     * ids: setting up Jackson's generator cost more than writing them. Written here as the generator
     * writes them, into an array of their length: names of ASCII letters, digits and underscores
     * need no escape, integers are their decimal digits, nothing between. isKeyOf compares them so.
     */
    private static byte[] plainKey(Map<String, Object> key) {
        // A record's own key is a field map; a key of another map, from the tree reader or a test,
        // is written by the generator.
        if (!(key instanceof FieldMap fields) || fields.size() == 0 || !isPlain(fields)) {
            return null;
        }
        int length = 1;
        for (int i = 0; i < fields.size(); i++) {
            length += 4 + fields.name(i).length() + decimalLength(((Number) fields.value(i)).longValue());
        }
        byte[] b = new byte[length];
        int at = 0;
        for (int i = 0; i < fields.size(); i++) {
            b[at++] = (byte) (i == 0 ? '{' : ',');
            b[at++] = '"';
            String name = fields.name(i);
            for (int c = 0; c < name.length(); c++) {
                b[at++] = (byte) name.charAt(c);
            }
            b[at++] = '"';
            b[at++] = ':';
            long v = ((Number) fields.value(i)).longValue();
            at += decimalLength(v);
            // Digits from the last, of a value of at most 0, which Long.MIN_VALUE is too.
            long n = v < 0 ? v : -v;
            int d = at;
            do {
                b[--d] = (byte) ('0' - (int) (n % 10));
                n /= 10;
            } while (n != 0);
            if (v < 0) {
                b[--d] = '-';
            }
        }
        b[at] = '}';
        return b;
    }

    /** How many bytes {@code Long.toString(v)} writes. */
    private static int decimalLength(long v) {
        int length = v < 0 ? 2 : 1;
        for (long t = v / 10; t != 0; t /= 10) {
            length++;
        }
        return length;
    }

    private static boolean plainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** {@link #encodeKey} as Jackson's generator writes it, whatever the key's fields hold. */
    static byte[] encodeKeyByGenerator(NeutralRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeFields(g, record.key());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The Kafka value of a record. */
    public static byte[] encode(NeutralRecord record) {
        ExactBytes out = new ExactBytes();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("entity", record.entity());
            g.writeStringField("origin", record.origin());
            g.writeStringField("op", record.op().wireName());
            g.writeFieldName("key");
            writeFields(g, record.key());
            SourcePosition p = record.position();
            g.writeObjectFieldStart("position");
            g.writeNumberField("epoch", p.epoch());
            g.writeStringField("file", p.file());
            g.writeNumberField("pos", p.pos());
            g.writeNumberField("event", p.event());
            g.writeNumberField("row", p.row());
            g.writeBooleanField("snapshot", p.snapshot());
            g.writeNumberField("ts_ms", p.tsMs());
            g.writeEndObject();
            if (record.op() == Operation.UPSERT) {
                g.writeFieldName("payload");
                writeFields(g, record.payload());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The generator's output as one array of its exact length. The generator keeps what it writes
     * in a buffer of its own and hands it over when the buffer is full or the generator closes, so
     * a record shorter than that buffer arrives in one piece and is copied once. A
     * {@link ByteArrayOutputStream} grew to it and copied it again: together about a twelfth of what
     * the sidecar's capture thread allocated in a snapshot.
     */
    private static final class ExactBytes extends OutputStream {
        private byte[] bytes = new byte[0];
        private int length;

        @Override
        public void write(int b) {
            room(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (length == 0) {
                bytes = Arrays.copyOfRange(b, off, off + len);
                length = len;
                return;
            }
            room(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }

        byte[] toByteArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    private static void writeFields(JsonGenerator g, Map<String, Object> fields) throws IOException {
        g.writeStartObject();
        // A record's own maps are field maps, read by place: their entries are made when asked for.
        if (fields instanceof FieldMap declared) {
            for (int i = 0; i < declared.size(); i++) {
                writeField(g, declared.name(i), declared.value(i));
            }
        } else {
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                writeField(g, e.getKey(), e.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void writeField(JsonGenerator g, String name, Object v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof LocalDateTime t) {
            g.writeString(WireTimestamp.format(t));
        } else if (v instanceof List<?> files) {
            writeFileList(g, files, name);
        } else {
            throw new IllegalArgumentException("field " + name + " has a value of unsupported type "
                    + v.getClass().getName());
        }
    }

    private static void writeFileList(JsonGenerator g, List<?> files, String field) throws IOException {
        g.writeStartArray();
        for (Object o : files) {
            if (!(o instanceof FileEntry f)) {
                throw new IllegalArgumentException("field " + field + " holds a list element of unsupported type "
                        + (o == null ? "null" : o.getClass().getName()));
            }
            g.writeStartObject();
            g.writeStringField("path", f.path());
            g.writeNumberField("size_bytes", f.sizeBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * A {@link org.herd.translator.schema.FieldType#FILE_LIST} value as the JSON text the wire
     * carries, for a mirror that stores it as such (a {@code jsonb} column).
     */
    public static String encodeFileList(List<FileEntry> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * files.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeFileList(g, files, "file list");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads the JSON text of a file list, as {@link #encodeFileList} writes it or as PostgreSQL
     * returns a {@code jsonb} value (members in another order, spaces between them).
     *
     * @throws WireFormatException when it is not a list of files
     */
    public static List<FileEntry> decodeFileList(String json) {
        if (json == null) {
            throw new WireFormatException("file list is null");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("file list is not JSON: " + e.getOriginalMessage(), e);
        }
        return fileList(node, "file list");
    }

    private static List<FileEntry> fileList(JsonNode v, String where) {
        if (v == null || !v.isArray()) {
            throw new WireFormatException(where + " must be an array of files, found "
                    + (v == null ? "nothing" : v.getNodeType()));
        }
        List<FileEntry> files = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode f = v.get(i);
            JsonNode path = f.get("path");
            JsonNode size = f.get("size_bytes");
            if (!f.isObject() || f.size() != 2 || path == null || !path.isTextual() || !isLong(size)
                    || size.longValue() < 0) {
                throw new WireFormatException(where + "[" + i + "] must be {\"path\": string, "
                        + "\"size_bytes\": non-negative 64-bit integer} and nothing else");
            }
            files.add(new FileEntry(path.textValue(), size.longValue()));
        }
        return List.copyOf(files);
    }

    /**
     * The record in {@code value} when the value holds the wire format's members and nothing else,
     * each once and of its declared type (members in any order, with any spacing; a delete without
     * a payload): the records {@link #encode} writes. Null for any other value, about which
     * {@link #decode} decides and says what is wrong.
     *
     * <p>A value read here is one JSON object with no member named twice, at any depth, and nothing
     * after it; each of its members was read. So a reader of some of its members that refuses
     * values with a member named twice or content after them, as a record signature's reader does
     * ({@code docs/trust.md}), reads it too, and finds in it what this read.
     */
    public static NeutralRecord decodeStrict(byte[] value) {
        return value == null ? null : WireReader.read(JSON, value);
    }

    /**
     * Reads a record written by {@link #encode}, checking it against the neutral schema.
     *
     * @throws WireFormatException naming what is wrong; the message never repeats payload text
     */
    public static NeutralRecord decode(byte[] value) {
        if (value == null) {
            throw new WireFormatException("empty record (null value)");
        }
        NeutralRecord read = WireReader.read(JSON, value);
        return read != null ? read : decodeTree(value);
    }

    /**
     * The reference reader: the whole value as a tree, checked member by member. {@link WireReader}
     * reads what this reads without the tree; this one decides every record that one gives up on,
     * and names what is wrong with it.
     */
    static NeutralRecord decodeTree(byte[] value) {
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WireFormatException("unreadable record: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WireFormatException("not a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new UnsupportedFormatException("unsupported format '" + format + "', this reader understands "
                    + FORMAT);
        }
        String entityName = text(root, "entity");
        EntityType entity = NeutralSchema.entity(entityName)
                .orElseThrow(() -> new WireFormatException("unknown entity '" + entityName + "'"));
        String origin = text(root, "origin");
        String opName = text(root, "op");
        Operation op = switch (opName) {
            case "upsert" -> Operation.UPSERT;
            case "delete" -> Operation.DELETE;
            default -> throw new WireFormatException("unknown op '" + opName + "' for " + entityName);
        };
        SourcePosition position = position(root.get("position"), entityName);
        Map<String, Object> key = fields(root.get("key"), entity.keyFields(), entityName, "key");
        Map<String, Object> payload = op == Operation.UPSERT
                ? fields(root.get("payload"), entity.payloadFields(), entityName, "payload")
                : null;
        return new NeutralRecord(entityName, origin, key, op, position, payload);
    }

    private static SourcePosition position(JsonNode node, String entity) {
        if (node == null || !node.isObject()) {
            throw new WireFormatException(entity + ": missing position");
        }
        JsonNode file = node.get("file");
        JsonNode pos = node.get("pos");
        JsonNode event = node.get("event");
        JsonNode row = node.get("row");
        JsonNode epoch = node.get("epoch");
        if (file == null || !file.isTextual() || !isLong(pos) || !isLong(event) || row == null || !row.isInt()) {
            throw new WireFormatException(entity + ": position needs file (string), pos, event and row (integers)");
        }
        if (epoch != null && !isLong(epoch)) {
            throw new WireFormatException(entity + ": position.epoch must be an integer");
        }
        try {
            // Records written before positions had epochs carry none: they are of epoch 0.
            return new SourcePosition(epoch == null ? 0 : epoch.asLong(), file.asText(), pos.asLong(), event.asLong(),
                    row.asInt(),
                    node.path("snapshot").asBoolean(false), node.path("ts_ms").asLong(0));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(entity + ": invalid position: " + e.getMessage(), e);
        }
    }

    private static boolean isLong(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong();
    }

    private static Map<String, Object> fields(JsonNode node, List<Field> declared, String entity, String part) {
        if (node == null || !node.isObject()) {
            throw new WireFormatException(entity + ": missing " + part);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : declared) {
            JsonNode v = node.get(f.name());
            values.put(f.name(), value(v, f, entity, part));
        }
        if (node.size() != declared.size()) {
            node.fieldNames().forEachRemaining(name -> {
                if (!values.containsKey(name)) {
                    throw new WireFormatException(entity + "." + part + ": unknown field '" + name + "'");
                }
            });
        }
        return values;
    }

    private static Object value(JsonNode v, Field f, String entity, String part) {
        String where = entity + "." + part + "." + f.name();
        if (v == null || v.isNull()) {
            if (!f.nullable()) {
                throw new WireFormatException(where + " is required but " + (v == null ? "missing" : "null"));
            }
            return null;
        }
        JsonNodeType t = v.getNodeType();
        return switch (f.type()) {
            case INTEGER -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new WireFormatException(where + " must be a 64-bit integer, found " + t);
                }
                yield v.longValue();
            }
            case TEXT -> {
                if (!v.isTextual()) {
                    throw new WireFormatException(where + " must be a string, found " + t);
                }
                yield v.textValue();
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw new WireFormatException(where + " must be a boolean, found " + t);
                }
                yield v.booleanValue();
            }
            case TIMESTAMP -> {
                if (!v.isTextual()) {
                    throw new WireFormatException(where + " must be a yyyy-MM-ddTHH:mm:ss string, found " + t);
                }
                try {
                    yield WireTimestamp.parse(v.textValue());
                } catch (DateTimeParseException e) {
                    throw new WireFormatException(where + " is not a yyyy-MM-ddTHH:mm:ss timestamp", e);
                }
            }
            case FILE_LIST -> fileList(v, where);
        };
    }

    private static String text(JsonNode root, String member) {
        JsonNode n = root.get(member);
        if (n == null || !n.isTextual()) {
            throw new WireFormatException("missing or non-string '" + member + "'");
        }
        return n.textValue();
    }
}
