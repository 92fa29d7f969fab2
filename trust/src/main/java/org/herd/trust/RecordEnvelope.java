package org.herd.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;

/**
 * The members of a herd/1 record value that a record signature names outside the value hash:
 * {@code origin}, {@code entity}, {@code op} and, in {@code position}, {@code epoch}, {@code file},
 * {@code pos}, {@code event} and {@code row}. Read with a streaming parser that skips the payload,
 * so that checking a large record costs little more than hashing it. Everything else in the value
 * (the format, the key object, the payload) is covered by the hash and left to the wire format's
 * reader. A member named twice is refused, so that no two readers can see different records in
 * the same bytes.
 *
 * <p>A mirror that has already read the value with a reader at least as strict may hand the
 * members it read to {@link OriginVerifier#verifyRecord(byte[], byte[], SignatureHeaders, RecordEnvelope)}
 * instead of having them read a second time.
 */
public record RecordEnvelope(String origin, String entity, RecordOp op, long epoch, BinlogPosition position) {

    public RecordEnvelope {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
    }

    /**
     * The members of a signed record's value: {@code position.epoch} is required, 1 or more.
     *
     * @throws TrustFormatException naming the member that is missing or of the wrong type; never
     *                              quoting the payload
     */
    public static RecordEnvelope read(byte[] value) {
        return read(value, false);
    }

    /**
     * @param unsigned whether the value may be of a sidecar that did not sign: {@code position.epoch}
     *                 0 or absent (then 0), as records written before epochs existed
     */
    static RecordEnvelope read(byte[] value, boolean unsigned) {
        String origin = null;
        String entity = null;
        RecordOp op = null;
        Position position = null;
        try (JsonParser p = CanonicalJson.strictFactory().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TrustFormatException("value is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "origin" -> origin = string(p, t, "origin");
                    case "entity" -> entity = string(p, t, "entity");
                    case "op" -> op = RecordOp.fromWireName(string(p, t, "op"));
                    case "position" -> position = position(p, t, unsigned);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new TrustFormatException("value has content after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new TrustFormatException("value is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TrustFormatException("value is unreadable: " + e.getMessage());
        }
        require(origin, "origin");
        require(entity, "entity");
        require(op, "op");
        require(position, "position");
        return new RecordEnvelope(origin, entity, op, position.epoch, position.toBinlogPosition());
    }

    private static Position position(JsonParser p, JsonToken t, boolean unsigned) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw new TrustFormatException("position must be an object");
        }
        Position position = new Position();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "epoch" -> position.epoch = integer(p, v, "position.epoch", unsigned ? 0 : 1, Long.MAX_VALUE);
                case "file" -> position.file = string(p, v, "position.file");
                case "pos" -> position.pos = integer(p, v, "position.pos", 0, Long.MAX_VALUE);
                case "event" -> position.event = integer(p, v, "position.event", 0, Long.MAX_VALUE);
                case "row" -> position.row = integer(p, v, "position.row", 0, Integer.MAX_VALUE);
                default -> p.skipChildren();
            }
        }
        if (position.epoch == null && unsigned) {
            position.epoch = 0L;
        }
        require(position.epoch, "position.epoch");
        require(position.file, "position.file");
        require(position.pos, "position.pos");
        require(position.event, "position.event");
        require(position.row, "position.row");
        return position;
    }

    private static String string(JsonParser p, JsonToken t, String where) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new TrustFormatException(where + " must be a string, found " + describe(t));
        }
        return p.getText();
    }

    private static Long integer(JsonParser p, JsonToken t, String where, long min, long max) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new TrustFormatException(where + " must be an integer, found " + describe(t));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new TrustFormatException(where + " is beyond 64 bits");
        }
        long v = p.getLongValue();
        if (v < min || v > max) {
            throw new TrustFormatException(where + " must be from " + min + " to " + max + ", found " + v);
        }
        return v;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.toString();
        };
    }

    private static void require(Object v, String member) {
        if (v == null) {
            throw new TrustFormatException("value has no member " + member);
        }
    }

    /** The position members as read, null until seen. */
    private static final class Position {
        Long epoch;
        String file;
        Long pos;
        Long event;
        Long row;

        BinlogPosition toBinlogPosition() {
            try {
                return new BinlogPosition(file, pos, event, (int) (long) row);
            } catch (IllegalArgumentException e) {
                throw new TrustFormatException("position: " + e.getMessage());
            }
        }
    }
}
