package org.herd.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.herd.trust.SignatureHeaders;

/**
 * One record of an archive's entity file, exactly as the origin signed it: the Kafka key and value
 * bytes and the three signature headers. One line of JSON Lines:
 *
 * <pre>
 * {"key":"{\"id\":7}","value":"{\"format\":\"herd/1\",…}","key_id":"…64 hex…","sig":"…base64…","proof":"…base64…"}
 * </pre>
 *
 * {@code key} and {@code value} are JSON strings whose UTF-8 encoding is the published bytes, byte
 * for byte (the wire format is UTF-8 JSON; a record that is not valid UTF-8 is refused rather than
 * altered); {@code key_id} is the {@code herd-key-id} header as text; {@code sig} and {@code proof}
 * are the raw {@code herd-sig} and {@code herd-proof} headers in base64 (RFC 4648 with padding).
 * Members are written in this order; a reader takes them in any order and refuses others, a member
 * named twice, and anything after the object.
 */
public record ArchiveRecord(byte[] key, byte[] value, String keyId, byte[] signature, byte[] proof) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public ArchiveRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(proof, "proof");
    }

    /**
     * The record of a Kafka record's key, value and signature headers; each header must be there
     * exactly once.
     *
     * @throws ArchiveException when a header is missing or repeated, or key or value is not UTF-8
     */
    public static ArchiveRecord of(byte[] key, byte[] value, Map<String, List<byte[]>> headers, String where) {
        return new ArchiveRecord(utf8(key, where + " key"), utf8(value, where + " value"),
                new String(single(headers, SignatureHeaders.KEY_ID, where), StandardCharsets.US_ASCII),
                single(headers, SignatureHeaders.SIGNATURE, where), single(headers, SignatureHeaders.PROOF, where));
    }

    private static byte[] single(Map<String, List<byte[]>> headers, String name, String where) {
        List<byte[]> values = headers.getOrDefault(name, List.of());
        if (values.size() != 1 || values.get(0) == null) {
            throw new ArchiveException(where + ": " + values.size() + " " + name + " headers, an archive holds records "
                    + "signed with exactly one");
        }
        return values.get(0);
    }

    private static byte[] utf8(byte[] bytes, String what) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return bytes;
        } catch (CharacterCodingException e) {
            throw new ArchiveException(what + " is not valid UTF-8; the wire format is UTF-8 JSON");
        }
    }

    /** The signature headers as a verifier takes them. */
    public SignatureHeaders headers() {
        List<Map.Entry<String, byte[]>> h = List.of(
                Map.entry(SignatureHeaders.KEY_ID, keyId.getBytes(StandardCharsets.US_ASCII)),
                Map.entry(SignatureHeaders.SIGNATURE, signature),
                Map.entry(SignatureHeaders.PROOF, proof));
        return SignatureHeaders.collect(h, Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The line, without its line feed. */
    public byte[] toLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + key.length + 600);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("key", new String(key, StandardCharsets.UTF_8));
            g.writeStringField("value", new String(value, StandardCharsets.UTF_8));
            g.writeStringField("key_id", keyId);
            g.writeStringField("sig", Base64.getEncoder().encodeToString(signature));
            g.writeStringField("proof", Base64.getEncoder().encodeToString(proof));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads one line (without its line feed).
     *
     * @throws ArchiveException naming what is wrong, never quoting the record
     */
    public static ArchiveRecord fromLine(byte[] line) {
        String key = null;
        String value = null;
        String keyId = null;
        byte[] sig = null;
        byte[] proof = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ArchiveException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw new ArchiveException("member " + name + " is not a string");
                }
                switch (name) {
                    case "key" -> key = p.getText();
                    case "value" -> value = p.getText();
                    case "key_id" -> keyId = p.getText();
                    case "sig" -> sig = base64(p.getText(), "sig");
                    case "proof" -> proof = base64(p.getText(), "proof");
                    default -> throw new ArchiveException("unknown member " + name);
                }
            }
            if (p.nextToken() != null) {
                throw new ArchiveException("content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new ArchiveException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ArchiveException("unreadable: " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        if (key == null) {
            missing.add("key");
        }
        if (value == null) {
            missing.add("value");
        }
        if (keyId == null) {
            missing.add("key_id");
        }
        if (sig == null) {
            missing.add("sig");
        }
        if (proof == null) {
            missing.add("proof");
        }
        if (!missing.isEmpty()) {
            throw new ArchiveException("no member " + String.join(", ", missing));
        }
        return new ArchiveRecord(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), keyId,
                sig, proof);
    }

    private static byte[] base64(String text, String member) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException("member " + member + " is not base64");
        }
    }

    /** Orders keys as their bytes, unsigned: the order of lines in an entity file. */
    public static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveRecord r && Arrays.equals(key, r.key) && Arrays.equals(value, r.value)
                && keyId.equals(r.keyId) && Arrays.equals(signature, r.signature) && Arrays.equals(proof, r.proof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ArchiveRecord[key " + new String(key, StandardCharsets.UTF_8) + ", " + value.length
                + " value bytes, signed by " + keyId.substring(0, Math.min(12, keyId.length())) + "]";
    }
}
