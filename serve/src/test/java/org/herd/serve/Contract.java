package org.herd.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One action's contract, from {@code contract/<action>.json}: every member of Gazelle's response,
 * by path, with its JSON type in WhatCD's and OPS's ajax code and in this server's answer.
 *
 * <p>Paths: {@code a.b} a member of an object; {@code a[]} the elements of an array; {@code a{}}
 * the values of an object keyed by data (Gazelle's importance-keyed extendedArtists). Types:
 * {@code integer}, {@code number} (any number), {@code string}, {@code boolean}, {@code null},
 * {@code array}, {@code object}, or several joined by {@code |}.
 */
final class Contract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A member.
     *
     * @param whatcd   its type in WhatCD's code, or null when WhatCD has no such member
     * @param ops      its type in OPS's code, or null when OPS has no such member
     * @param herd     its type in this server's answer
     * @param optional whether an object may lack it (a member of only one of two shapes)
     * @param rare     whether the test data may never show it
     * @param note     why this server differs from both, or adds it
     */
    record Field(String path, String whatcd, String ops, String herd, boolean optional, boolean rare, String note) {
    }

    final String action;
    final Map<String, Field> fields = new LinkedHashMap<>();
    final JsonNode source;

    private Contract(String action, JsonNode root) {
        this.action = action;
        this.source = root.get("source");
        for (var e : root.get("fields").properties()) {
            JsonNode f = e.getValue();
            fields.put(e.getKey(), new Field(e.getKey(), text(f, "whatcd"), text(f, "ops"), text(f, "herd"),
                    f.path("optional").asBoolean(false), f.path("rare").asBoolean(false), text(f, "note")));
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    static Contract load(String action) {
        try (InputStream in = Contract.class.getResourceAsStream("/contract/" + action + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file for " + action);
            }
            return new Contract(action, JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Observes responses and reports how they break the contract. */
    final class Check {
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> problems = new ArrayList<>();

        /** Checks one {@code response} member of a success envelope. */
        void response(JsonNode response, String where) {
            walk("", response, where);
        }

        private boolean isMap(String path) {
            return fields.containsKey(path + "{}");
        }

        private void walk(String path, JsonNode node, String where) {
            if (!path.isEmpty()) {
                seen.add(path);
                Field f = fields.get(path);
                if (f == null) {
                    problems.add(where + ": member " + path + " is not in the contract");
                    return;
                }
                if (f.herd() == null) {
                    problems.add(where + ": member " + path + " should be absent (" + f.note() + ")");
                    return;
                }
                String type = type(node);
                List<String> allowed = Arrays.asList(f.herd().split("\\|"));
                if (!allowed.contains(type) && !(type.equals("integer") && allowed.contains("number"))) {
                    problems.add(where + ": " + path + " is " + type + ", the contract says " + f.herd());
                }
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    walk(path + "[]", element, where);
                }
            } else if (node.isObject()) {
                if (!path.isEmpty() && isMap(path)) {
                    for (var e : node.properties()) {
                        walk(path + "{}", e.getValue(), where);
                    }
                    return;
                }
                String prefix = path.isEmpty() ? "" : path + ".";
                for (var e : node.properties()) {
                    walk(prefix + e.getKey(), e.getValue(), where);
                }
                for (Field f : fields.values()) {
                    if (f.path().startsWith(prefix) && isMember(f.path().substring(prefix.length()))
                            && !f.optional() && f.herd() != null && !node.has(f.path().substring(prefix.length()))) {
                        problems.add(where + ": " + (path.isEmpty() ? "the response" : path) + " lacks "
                                + f.path());
                    }
                }
            }
        }

        /** Whether a path rest names a direct member (no deeper level). */
        private static boolean isMember(String rest) {
            return !rest.isEmpty() && !rest.contains(".") && !rest.contains("[]") && !rest.contains("{}");
        }

        /** Problems found, and contract members never seen (unless rare). */
        List<String> problems() {
            List<String> out = new ArrayList<>(problems);
            for (Field f : fields.values()) {
                if (!f.rare() && f.herd() != null && !seen.contains(f.path())) {
                    out.add(action + ": the responses never showed " + f.path());
                }
            }
            return out;
        }
    }

    Check check() {
        return new Check();
    }

    static String type(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isArray()) {
            return "array";
        }
        return "object";
    }
}
