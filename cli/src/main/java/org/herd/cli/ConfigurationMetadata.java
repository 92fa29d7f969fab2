package org.herd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The properties Herd's applications bind, as Spring Boot's configuration processor lists them in
 * each module's {@code META-INF/spring-configuration-metadata.json} (from the javadoc and
 * {@code @DefaultValue}s of {@code SidecarProperties}, {@code MirrorProperties},
 * {@code VerifyProperties}): what the command line checks a {@code --herd.*} argument against,
 * and the defaults and descriptions its help shows. One place: the properties' own classes.
 */
final class ConfigurationMetadata {

    private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    private static Map<String, Property> herd;

    /**
     * One property.
     *
     * @param name         canonical name ({@code herd.sidecar.kafka.bootstrap-servers})
     * @param type         the Java type the property binds to
     * @param defaultValue its default, or null
     * @param description  its description, or empty
     */
    record Property(String name, String type, String defaultValue, String description) {

        /** Whether further names below this one are keys of the property (a map) or indexes (a list). */
        boolean takesKeys() {
            return type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                    || type.startsWith("java.util.Set");
        }
    }

    private final Map<String, Property> properties;

    private ConfigurationMetadata(Map<String, Property> properties) {
        this.properties = Collections.unmodifiableMap(properties);
    }

    /** The properties under {@code prefixes} (e.g. {@code herd.sidecar}) that the class path describes. */
    static ConfigurationMetadata load(List<String> prefixes) {
        Map<String, Property> found = new TreeMap<>();
        herdProperties().forEach((name, p) -> {
            if (prefixes.stream().anyMatch(prefix -> name.startsWith(prefix + "."))) {
                found.put(name, p);
            }
        });
        return new ConfigurationMetadata(found);
    }

    /** Every {@code herd.*} property on the class path, read once. */
    private static synchronized Map<String, Property> herdProperties() {
        if (herd == null) {
            Map<String, Property> found = new TreeMap<>();
            ObjectMapper json = new ObjectMapper();
            try {
                Enumeration<URL> resources = ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE);
                while (resources.hasMoreElements()) {
                    JsonNode metadata;
                    try (InputStream in = resources.nextElement().openStream()) {
                        metadata = json.readTree(in);
                    }
                    for (JsonNode p : metadata.path("properties")) {
                        String name = p.path("name").asText();
                        if (name.startsWith("herd.")) {
                            JsonNode d = p.get("defaultValue");
                            found.put(name, new Property(name, p.path("type").asText(""),
                                    d == null || d.isNull() ? null : d.isArray() ? arrayText(d) : d.asText(),
                                    p.path("description").asText("")));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the configuration metadata on the class path", e);
            }
            herd = Collections.unmodifiableMap(found);
        }
        return herd;
    }

    private static String arrayText(JsonNode array) {
        StringBuilder b = new StringBuilder();
        array.forEach(e -> b.append(b.length() == 0 ? "" : ",").append(e.asText()));
        return b.toString();
    }

    Map<String, Property> properties() {
        return properties;
    }

    Optional<Property> get(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /**
     * Whether {@code name} is a property Spring Boot binds here: a known name in any of the
     * spellings its relaxed binding accepts ({@code bootstrap-servers}, {@code bootstrapServers},
     * {@code bootstrap_servers}), or a key below a map or list property
     * ({@code herd.sidecar.kafka.properties.security.protocol},
     * {@code herd.sidecar.debezium[snapshot.mode]}, {@code herd.sidecar.exclude-tables[0]}).
     */
    boolean binds(String name) {
        String n = relaxed(name);
        for (Property p : properties.values()) {
            String known = relaxed(p.name());
            if (n.equals(known) || p.takesKeys() && (n.startsWith(known + ".") || n.startsWith(known + "["))) {
                return true;
            }
        }
        return false;
    }

    /** The known property whose name is closest to {@code name}, to suggest for a misspelt one. */
    Optional<String> closest(String name) {
        String n = relaxed(name);
        return properties.keySet().stream()
                .min(Comparator.comparingInt((String known) -> distance(n, relaxed(known))).thenComparing(k -> k));
    }

    /** A name as Spring Boot's relaxed binding compares it: case, dashes and underscores aside. */
    static String relaxed(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
