package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void membersAreSortedWhitespaceDroppedAndArraysKeptInOrder() {
        JsonNode node = parse("{ \"b\" : [3, 1, {\"z\": true, \"a\": null}], \"a\" : -7, \"B\": false }");

        assertThat(canonical(node)).isEqualTo("{\"B\":false,\"a\":-7,\"b\":[3,1,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void membersAreSortedByCodePointNotByUtf16Unit() {
        // U+FFFD is one UTF-16 unit above the surrogates of U+1F600, but the lower code point.
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("\uD83D\uDE00", 1);
        node.put("\uFFFD", 2);
        node.put("\u00e9", 3);
        node.put("z", 4);

        assertThat(canonical(node)).isEqualTo("{\"z\":4,\"\u00e9\":3,\"\uFFFD\":2,\"\uD83D\uDE00\":1}");
    }

    @Test
    void stringsEscapeOnlyQuoteBackslashAndControlCharacters() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("s", "a\"b\\c\nd\u0001e\u001f/\u007f\u00e9\u2028\uD83D\uDE00");

        assertThat(canonical(node)).isEqualTo(
                "{\"s\":\"a\\\"b\\\\c\\u000ad\\u0001e\\u001f/\u007f\u00e9\u2028\uD83D\uDE00\"}");
        assertThat(CanonicalJson.encode(node)).containsSequence(0xc3, 0xa9); // é as raw UTF-8
    }

    @Test
    void integersAreDecimalAndNothingElseIsANumber() {
        assertThat(canonical(parse("[0, -0, 9223372036854775807, -9223372036854775808, 1000]")))
                .isEqualTo("[0,0,9223372036854775807,-9223372036854775808,1000]");
        assertThatThrownBy(() -> CanonicalJson.encode(parse("{\"a\":[1.5]}")))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("$.a[0]")
                .hasMessageContaining("only integers");
        assertThatThrownBy(() -> CanonicalJson.encode(parse("[1e3]"))).hasMessageContaining("only integers");
        assertThatThrownBy(() -> CanonicalJson.encode(parse("[1.0]"))).hasMessageContaining("only integers");
        JsonNode big = JsonNodeFactory.instance.numberNode(BigInteger.TWO.pow(63));
        assertThatThrownBy(() -> CanonicalJson.encode(big)).hasMessageContaining("only integers");
    }

    @Test
    void unpairedSurrogatesCannotBeWritten() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("s", "a\uD800b");

        assertThatThrownBy(() -> CanonicalJson.encode(node)).isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate");
    }

    @Test
    void duplicateMembersAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("test: not valid JSON").hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> parse("{\"a\":1} {}")).isInstanceOf(TrustFormatException.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(TrustFormatException.class);
        assertThatThrownBy(() -> parse("{'a':1}")).isInstanceOf(TrustFormatException.class);
    }

    @Test
    void theReadableFormIsTheSameValue() {
        JsonNode node = parse("{\"b\":[1,{\"d\":\"x\\ny\"}],\"a\":{},\"c\":[]}");

        String pretty = new String(CanonicalJson.pretty(node), StandardCharsets.UTF_8);

        assertThat(pretty).isEqualTo("{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"d\": \"x\\u000ay\"\n    }\n  ],\n"
                + "  \"c\": []\n}\n");
        assertThat(CanonicalJson.encode(parse(pretty))).isEqualTo(CanonicalJson.encode(node));
    }

    private static JsonNode parse(String json) {
        return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String canonical(JsonNode node) {
        return new String(CanonicalJson.encode(node), StandardCharsets.UTF_8);
    }
}
