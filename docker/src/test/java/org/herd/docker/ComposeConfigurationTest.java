package org.herd.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yml against docs/configuration.md: each Herd service runs this build's image
 * with the sidecar or mirror command; each environment variable it sets binds, by Spring Boot's
 * own rules for environment variables, to a property documented for that command; and each
 * property the page marks required for that command is set.
 */
class ComposeConfigurationTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** Docker Compose interpolation: ${NAME}, ${NAME:-default}, ${NAME:?message}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?([-?])([^}]*))?}");
    /** The sections of configuration.md that configure each command. */
    private static final Map<String, String> SECTION = Map.of("sidecar", "## Sidecar", "mirror", "## Mirror");
    /** Variables of a Herd service that are not properties. */
    private static final List<String> NOT_PROPERTIES = List.of("JAVA_TOOL_OPTIONS");

    private static Map<String, Map<String, Object>> services;
    private static String configurationMd;
    private static Map<String, String> types;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        try (Reader compose = Files.newBufferedReader(Path.of("compose.yml"))) {
            Map<String, Object> file = new Yaml().load(compose);
            services = (Map<String, Map<String, Object>>) file.get("services");
        }
        configurationMd = Files.readString(Path.of("..", "docs", "configuration.md"));
        types = propertyTypes();
    }

    @Test
    void herdServicesRunThisBuildsImageWithACommandTheDocumentationCovers() {
        Map<String, Map<String, Object>> herd = herdServices();
        assertThat(herd).as("services running the herd image").isNotEmpty();
        List<String> commands = new ArrayList<>();
        herd.forEach((name, service) -> {
            assertThat(service.get("image")).as("image of " + name)
                    .isEqualTo("herd:" + System.getProperty("project.version"));
            commands.add(command(name, service));
        });
        assertThat(commands).containsExactlyInAnyOrder("sidecar", "mirror");
    }

    @Test
    void everyVariableIsAPropertyDocumentedForItsCommand() {
        herdServices().forEach((name, service) -> {
            List<Row> documented = rows(SECTION.get(command(name, service)));
            environment(service).forEach((variable, value) -> {
                if (NOT_PROPERTIES.contains(variable)) {
                    return;
                }
                ConfigurationPropertySource alone = source(Map.of(variable, value));
                List<String> bound = new ArrayList<>();
                for (Row row : documented) {
                    for (String property : row.names()) {
                        if (sets(alone, property)) {
                            bound.add(property);
                        }
                    }
                }
                assertThat(bound).as("%s of service %s binds to a property that docs/configuration.md documents in "
                        + "'%s'", variable, name, SECTION.get(command(name, service))).hasSize(1);
            });
        });
    }

    @Test
    void everyRequiredPropertyIsSet() {
        herdServices().forEach((name, service) -> {
            String section = SECTION.get(command(name, service));
            List<Row> documented = rows(section);
            ConfigurationPropertySource compose = source(environment(service));
            Effective values = property -> {
                ConfigurationProperty set = compose.getConfigurationProperty(ConfigurationPropertyName.of(property));
                if (set != null) {
                    return interpolate(String.valueOf(set.getValue()));
                }
                return documented.stream().filter(row -> row.names().contains(property)).findFirst()
                        .map(Row::defaultValue).orElseThrow(() -> new AssertionError(property + " is not in " + section));
            };
            int required = 0;
            for (Row row : documented) {
                if (!row.defaultCell().startsWith("(required")) {
                    continue;
                }
                Predicate<Effective> when = REQUIRED.get(row.defaultCell());
                assertThat(when).as("a requirement this test knows how to judge: '%s' of %s (add it to REQUIRED)",
                        row.defaultCell(), row.names()).isNotNull();
                if (when.test(values)) {
                    required++;
                    for (String property : row.names()) {
                        assertThat(sets(compose, property)).as("compose.yml's service %s sets %s (%s)", name, property,
                                row.defaultCell()).isTrue();
                    }
                }
            }
            assertThat(required).as("required properties of " + section).isPositive();
        });
    }

    /** A property's value as a service gets it: from compose.yml, or the documented default. */
    private interface Effective {
        String of(String property);
    }

    /** When configuration.md's "(required ...)" applies, given what a service sets. */
    private static final Map<String, Predicate<Effective>> REQUIRED = Map.of(
            "(required)", values -> true,
            "(required under `PSEUDONYMOUS`)",
            values -> values.of("herd.sidecar.privacy.users").equalsIgnoreCase("PSEUDONYMOUS"),
            "(required when enabled)", values -> values.of("herd.mirror.embedded-postgres.enabled").equals("true"),
            "(required unless embedded)",
            values -> !values.of("herd.mirror.embedded-postgres.enabled").equals("true"),
            "(required unless `herd.mirror.trust.verify` is false)",
            values -> !values.of("herd.mirror.trust.verify").equals("false"));

    /** One row of a property table: its property names, its default column. */
    record Row(List<String> names, String defaultCell) {
        String defaultValue() {
            Matcher code = CODE.matcher(defaultCell);
            return code.find() ? code.group(1) : "";
        }
    }

    private static List<Row> rows(String heading) {
        int start = configurationMd.indexOf("\n" + heading);
        assertThat(start).as("docs/configuration.md has a section '%s'", heading).isNotNegative();
        int end = configurationMd.indexOf("\n## ", start + 1);
        List<Row> rows = new ArrayList<>();
        for (String line : configurationMd.substring(start, end < 0 ? configurationMd.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<String> names = new ArrayList<>();
            Matcher code = CODE.matcher(cells[1]);
            while (code.find()) {
                names.add(code.group(1));
            }
            rows.add(new Row(names, cells[2].trim()));
        }
        assertThat(rows).as("property rows of '%s'", heading).isNotEmpty();
        return rows;
    }

    /** Whether a source sets a property, a map or list property through any of its keys or indexes. */
    private static boolean sets(ConfigurationPropertySource source, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        if (source.getConfigurationProperty(name) != null) {
            return true;
        }
        String type = types.getOrDefault(property, "");
        boolean container = type.startsWith("java.util.Map") || type.startsWith("java.util.List")
                || type.startsWith("java.util.Set") || type.endsWith("[]");
        return container && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT;
    }

    /** Variables as Spring Boot reads the process environment (with the same relaxed names). */
    private static ConfigurationPropertySource source(Map<String, String> variables) {
        return ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
    }

    private static String interpolate(String value) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String replacement = "-".equals(variable.group(2)) ? variable.group(3) : "(set by the operator)";
            variable.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(out);
        return out.toString();
    }

    private static Map<String, Map<String, Object>> herdServices() {
        Map<String, Map<String, Object>> herd = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (String.valueOf(service.get("image")).startsWith("herd:") || service.containsKey("build")) {
                herd.put(name, service);
            }
        });
        return herd;
    }

    private static String command(String name, Map<String, Object> service) {
        Object command = service.get("command");
        String first = command instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
                : String.valueOf(command).split(" ")[0];
        assertThat(SECTION).as("command of service %s", name).containsKey(first);
        return first;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> variables = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(String.valueOf(key), String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    /** Every property's type, from the configuration metadata of Herd's and Spring Boot's jars. */
    private static Map<String, String> propertyTypes() throws IOException {
        Map<String, String> types = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        Enumeration<URL> metadata = ComposeConfigurationTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    types.put(property.path("name").asText(), property.path("type").asText());
                }
            }
        }
        assertThat(types).containsKeys("herd.sidecar.origin", "herd.mirror.origin", "spring.datasource.url");
        return types;
    }
}
