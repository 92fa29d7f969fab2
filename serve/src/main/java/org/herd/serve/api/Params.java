package org.herd.serve.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query parameters of one request, read the way Gazelle reads them ({@code $_GET}): a missing
 * or empty parameter is absent, and {@code name[]} / {@code name[key]} collect into a list. Every
 * read checks its value and fails with Gazelle's failure envelope, naming the parameter.
 */
public final class Params {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final Map<String, String[]> values;
    private final int maxTextLength;

    public Params(Map<String, String[]> values, int maxTextLength) {
        this.values = values;
        this.maxTextLength = maxTextLength;
    }

    public static Params of(HttpServletRequest request, int maxTextLength) {
        return new Params(request.getParameterMap(), maxTextLength);
    }

    /** The raw value, absent when missing or empty (PHP's {@code empty()}, which "0" also is not). */
    public Optional<String> raw(String name) {
        String[] v = values.get(name);
        if (v == null || v.length == 0 || v[0] == null || v[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(v[0]);
    }

    public boolean has(String name) {
        return raw(name).isPresent();
    }

    /**
     * Text, trimmed, at most the configured length; absent when empty after trimming.
     *
     * @throws Failure when longer than allowed
     */
    public Optional<String> text(String name) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return v;
        }
        String s = v.get();
        if (s.codePointCount(0, s.length()) > maxTextLength) {
            throw new Failure(name + " is longer than " + maxTextLength + " characters");
        }
        s = s.strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * A positive id; absent when missing.
     *
     * @throws Failure when present and not a positive number: {@code bad <name> parameter}
     */
    public Optional<Long> id(String name) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!DIGITS.matcher(v.get()).matches() || Long.parseLong(v.get()) <= 0) {
            throw new Failure("bad " + name + " parameter");
        }
        return Optional.of(Long.parseLong(v.get()));
    }

    /** A required positive id; Gazelle's {@code bad id parameter} when missing or malformed. */
    public long requiredId(String name) {
        return id(name).orElseThrow(() -> new Failure("bad " + name + " parameter"));
    }

    /** A non-negative integer; absent when missing. */
    public Optional<Long> number(String name) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!DIGITS.matcher(v.get()).matches()) {
            throw new Failure("bad " + name + " parameter");
        }
        return Optional.of(Long.parseLong(v.get()));
    }

    /**
     * The page asked for: 1 when missing; a number from 1 to {@code maxPage}.
     *
     * @throws Failure for 0, a negative, a non-number or a page above {@code maxPage}
     */
    public int page(int maxPage) {
        Optional<String> v = raw("page");
        if (v.isEmpty()) {
            return 1;
        }
        if (!DIGITS.matcher(v.get()).matches()) {
            throw new Failure("bad page parameter: pages are numbered from 1");
        }
        long page = Long.parseLong(v.get());
        if (page < 1) {
            throw new Failure("bad page parameter: pages are numbered from 1");
        }
        if (page > maxPage) {
            throw new Failure("bad page parameter: at most " + maxPage);
        }
        return (int) page;
    }

    /** A flag: present and not "0". */
    public boolean flag(String name) {
        return raw(name).filter(v -> !v.equals("0")).isPresent();
    }

    /**
     * A flag that may be set, unset or absent: "1" true, "0" false (Gazelle's haslog, scene, ...).
     *
     * @throws Failure for any other value
     */
    public Optional<Boolean> bool(String name) {
        Optional<String> v = raw(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return switch (v.get()) {
            case "1" -> Optional.of(true);
            case "0" -> Optional.of(false);
            default -> throw new Failure("bad " + name + " parameter: 0 or 1");
        };
    }

    /**
     * The values of {@code name}, {@code name[]} and {@code name[key]} (PHP collects those into an
     * array), each checked as text; for {@code name[key]} the key when {@code keys} is set
     * (Gazelle's {@code filter_cat[1]=1} names the category in the key).
     */
    public List<String> list(String name, boolean keys) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String[]> e : values.entrySet()) {
            String k = e.getKey();
            String inner = null;
            if (k.equals(name)) {
                inner = "";
            } else if (k.startsWith(name + "[") && k.endsWith("]")) {
                inner = k.substring(name.length() + 1, k.length() - 1);
            }
            if (inner == null) {
                continue;
            }
            for (String v : e.getValue()) {
                String value = keys && !inner.isEmpty() ? inner : v;
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (value.length() > maxTextLength) {
                    throw new Failure(name + " is longer than " + maxTextLength + " characters");
                }
                out.add(value.strip());
            }
        }
        if (out.size() > 100) {
            throw new Failure("too many " + name + " values");
        }
        return out;
    }
}
