package org.herd.trust;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading members of checkpoints and trust roots with errors that name the member's path and
 * what was wrong: missing, of the wrong type, or out of range. Members a reader does not know
 * are ignored, as the wire format asks of readers; signatures still cover them.
 */
final class Json {

    private Json() {
    }

    static JsonNode member(JsonNode object, String name, String path) {
        JsonNode v = object.get(name);
        if (v == null) {
            throw new TrustFormatException("missing member " + join(path, name));
        }
        return v;
    }

    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (!v.isObject()) {
            throw wrongType(join(path, name), "an object", v);
        }
        return v;
    }

    static JsonNode array(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (!v.isArray()) {
            throw wrongType(join(path, name), "an array", v);
        }
        return v;
    }

    static String text(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (!v.isTextual()) {
            throw wrongType(join(path, name), "a string", v);
        }
        return v.textValue();
    }

    /** A string member that may be absent; null when it is. */
    static String optionalText(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(join(path, name), "a string", v);
        }
        return v.textValue();
    }

    static boolean bool(JsonNode parent, String name, String path) {
        JsonNode v = member(parent, name, path);
        if (!v.isBoolean()) {
            throw wrongType(join(path, name), "true or false", v);
        }
        return v.booleanValue();
    }

    static long integer(JsonNode parent, String name, String path, long min, long max) {
        JsonNode v = member(parent, name, path);
        String where = join(path, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(where, "an integer", v);
        }
        long value = v.longValue();
        if (value < min || value > max) {
            throw new TrustFormatException(where + " must be from " + min + " to " + max + ", found " + value);
        }
        return value;
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static TrustFormatException wrongType(String where, String expected, JsonNode found) {
        String type;
        if (found.isIntegralNumber()) {
            type = found.canConvertToLong() ? "an integer" : "an integer beyond 64 bits";
        } else if (found.isNumber()) {
            type = "a fraction";
        } else {
            type = found.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return new TrustFormatException(where + " must be " + expected + ", found " + type);
    }
}
