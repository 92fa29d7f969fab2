package org.herd.trust;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Herd's canonical JSON: the one byte string that checkpoints and trust roots are signed as.
 * It is meant to be reimplemented in a few lines in any language:
 *
 * <ul>
 *   <li>UTF-8, no byte order mark, no whitespace outside strings;</li>
 *   <li>object members sorted by their names' Unicode code points (which is the order of their
 *       UTF-8 bytes, compared unsigned); no name twice;</li>
 *   <li>numbers are integers from -2^63 to 2^63-1, written in decimal without a plus sign, leading
 *       zeros or {@code -0}; no fractions, exponents or other numbers;</li>
 *   <li>strings escape only {@code "} as {@code \"}, {@code \} as {@code \\}, and U+0000 to U+001F
 *       as {@code \}{@code u00XX} with lower-case hex; every other character is written as its
 *       UTF-8 bytes (so a string with an unpaired surrogate cannot be written);</li>
 *   <li>{@code true}, {@code false}, {@code null}, and arrays in their own order.</li>
 * </ul>
 *
 * <p>It is the JSON subset of RFC 8785 (JCS) without its floating-point rules, and with fewer
 * escapes: JCS writes {@code \n} where this writes {@code \}{@code u000a}.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CanonicalJson() {
    }

    /** The strict factory, for readers that stream rather than build a tree. */
    static JsonFactory strictFactory() {
        return FACTORY;
    }

    /**
     * Reads JSON text strictly: a member named twice in one object and anything after the value
     * are refused, since two readers could take different meanings from them.
     *
     * @param what names the document in error messages, e.g. {@code checkpoint}
     * @throws TrustFormatException when the bytes are not one JSON value
     */
    public static JsonNode parse(byte[] json, String what) {
        if (json == null) {
            throw new TrustFormatException(what + ": no bytes");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new TrustFormatException(what + ": empty, expected a JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TrustFormatException(what + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TrustFormatException(what + ": unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * The canonical bytes of {@code node}.
     *
     * @throws TrustFormatException when the value holds a number that is not a 64-bit integer, a
     *                              string with an unpaired surrogate, or a binary or Java object
     */
    public static byte[] encode(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(node, out, -1, "$");
        return out.toByteArray();
    }

    /**
     * The same value for people: members in canonical order, two spaces of indentation, a line
     * feed at the end. Signatures never cover this form; it is how trust root files are written.
     */
    static byte[] pretty(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(node, out, 0, "$");
        out.write('\n');
        return out.toByteArray();
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code indent} is -1 for the canonical form, else the current depth. */
    private static void write(JsonNode node, ByteArrayOutputStream out, int indent, String path) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, indent, path);
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    newline(out, indent, 1);
                    write(node.get(i), out, indent < 0 ? -1 : indent + 1, path + "[" + i + "]");
                }
                if (!node.isEmpty()) {
                    newline(out, indent, 0);
                }
                out.write(']');
            }
            case STRING -> writeString(node.textValue(), out, path);
            case NUMBER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new TrustFormatException(path + ": canonical JSON has only integers from -2^63 to 2^63-1, "
                            + "found " + node.numberType());
                }
                ascii(Long.toString(node.longValue()), out);
            }
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false", out);
            case NULL -> ascii("null", out);
            default -> throw new TrustFormatException(path + ": no canonical JSON for a " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, ByteArrayOutputStream out, int indent, String path) {
        List<Map.Entry<byte[], JsonNode>> members = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            members.add(Map.entry(Bytes.utf8(e.getKey(), path + " member name"), e.getValue()));
        }
        members.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        out.write('{');
        boolean first = true;
        for (Map.Entry<byte[], JsonNode> m : members) {
            if (!first) {
                out.write(',');
            }
            first = false;
            newline(out, indent, 1);
            String name = new String(m.getKey(), StandardCharsets.UTF_8);
            writeString(name, out, path);
            out.write(':');
            if (indent >= 0) {
                out.write(' ');
            }
            write(m.getValue(), out, indent < 0 ? -1 : indent + 1, path + "." + name);
        }
        if (!members.isEmpty()) {
            newline(out, indent, 0);
        }
        out.write('}');
    }

    private static void writeString(String s, ByteArrayOutputStream out, String path) {
        byte[] utf8 = Bytes.utf8(s, path);
        out.write('"');
        for (byte b : utf8) {
            if (b == '"' || b == '\\') {
                out.write('\\');
                out.write(b);
            } else if (b >= 0 && b < 0x20) {
                ascii(String.format("\\u%04x", b), out);
            } else {
                out.write(b);
            }
        }
        out.write('"');
    }

    private static void newline(ByteArrayOutputStream out, int indent, int extra) {
        if (indent >= 0) {
            out.write('\n');
            for (int i = 0; i < 2 * (indent + extra); i++) {
                out.write(' ');
            }
        }
    }

    private static void ascii(String s, ByteArrayOutputStream out) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
