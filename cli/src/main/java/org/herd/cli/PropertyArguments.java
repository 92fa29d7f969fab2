package org.herd.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The Spring-style arguments of a command that runs a Herd application or reads its
 * configuration: {@code --herd.sidecar.origin=mysite} or {@code --herd.sidecar.origin mysite}, and
 * Spring Boot's own ({@code --spring.datasource.url=...}, {@code --logging.level.org.herd=DEBUG},
 * {@code --debug}). A {@code --herd.*} name is checked against the properties the application
 * binds ({@link ConfigurationMetadata}), so that a misspelt one stops the command, named, instead
 * of being ignored; Spring Boot's are passed on as given. Spring Boot itself then reads them
 * exactly as before, together with the environment and the application's properties file.
 *
 * @param command    the command, for messages ({@code herd sidecar})
 * @param prefixes   the Herd properties this command reads ({@code herd.sidecar})
 * @param configName the application's properties file name ({@code herd-sidecar})
 * @param highlights the properties its help lists, with whether each is required
 */
public record PropertyArguments(String command, List<String> prefixes, String configName,
        List<Highlight> highlights) {

    /** Spring Boot's own property prefixes, passed on unchecked. */
    static final List<String> SPRING_PREFIXES = List.of("spring.", "management.", "logging.", "server.");

    /** Spring Boot's switches that take no value. */
    static final Set<String> SPRING_SWITCHES = Set.of("debug", "trace");

    /** A property the help lists. */
    public record Highlight(String name, boolean required) {
    }

    public PropertyArguments {
        prefixes = List.copyOf(prefixes);
        highlights = List.copyOf(highlights);
    }

    /**
     * The arguments as Spring Boot reads them, each {@code --name=value}.
     *
     * @throws ParameterException naming the first argument that is not a property here (never its
     *         value, which may be a password)
     */
    public List<String> parse(CommandLine commandLine, List<String> arguments) {
        // By relaxed name: a later setting of a property replaces an earlier one, where Spring Boot
        // would join both values with a comma.
        Map<String, String> properties = new LinkedHashMap<>();
        ConfigurationMetadata metadata = null;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new ParameterException(commandLine, "Unexpected argument: '" + a + "' (properties are given as "
                        + "--NAME=VALUE or --NAME VALUE)");
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            String value = eq < 0 ? null : a.substring(eq + 1);
            if (!isSpring(name)) {
                if (!isHerd(name)) {
                    throw new ParameterException(commandLine, "Unknown option: '--" + name + "'" + (name.startsWith(
                            "herd.") ? ": " + command + " reads " + String.join(".*, ", prefixes) + ".* properties"
                            : ""));
                }
                if (metadata == null) {
                    metadata = ConfigurationMetadata.load(prefixes);
                }
                if (!metadata.binds(name)) {
                    Optional<String> closest = metadata.closest(name);
                    throw new ParameterException(commandLine, "Unknown property: '--" + name + "'"
                            + closest.map(c -> "; did you mean --" + c + "?").orElse(""));
                }
            }
            if (value == null) {
                if (SPRING_SWITCHES.contains(name)) {
                    properties.remove(name);
                    properties.put(name, "--" + name);
                    continue;
                }
                if (i + 1 >= arguments.size() || arguments.get(i + 1).startsWith("--")) {
                    throw new ParameterException(commandLine, "Missing value for option '--" + name + "': give --"
                            + name + "=VALUE or --" + name + " VALUE");
                }
                value = arguments.get(++i);
            }
            String key = ConfigurationMetadata.relaxed(name);
            properties.remove(key);
            properties.put(key, "--" + name + "=" + value);
        }
        return List.copyOf(properties.values());
    }

    private boolean isHerd(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return prefixes.stream().anyMatch(p -> n.startsWith(p + ".") || n.startsWith(p + "["));
    }

    private static boolean isSpring(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SPRING_SWITCHES.contains(n) || SPRING_PREFIXES.stream().anyMatch(n::startsWith);
    }

    /** The help section on properties: how to give them, the most important, where the rest are. */
    public String help() {
        ConfigurationMetadata metadata = ConfigurationMetadata.load(prefixes);
        String env = highlights.stream().filter(h -> h.name().contains("password")).findFirst()
                .orElse(highlights.get(0)).name().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        StringBuilder b = new StringBuilder();
        b.append(wrap("", "Properties: --NAME=VALUE or --NAME VALUE, an environment variable (" + env
                + "=...) or a line of " + configName + ".properties. Every property is in docs/configuration.md; "
                + "Spring Boot's own (--spring.*, --management.*, --logging.*, --server.*, --debug) are passed on. "
                + "The main ones:", 0));
        for (Highlight h : highlights) {
            Optional<ConfigurationMetadata.Property> p = metadata.get(h.name());
            String description = p.map(ConfigurationMetadata.Property::description).map(PropertyArguments::firstClause)
                    .orElse("");
            String detail = h.required() ? " (required)" : p.map(ConfigurationMetadata.Property::defaultValue)
                    .filter(d -> !d.isEmpty()).map(d -> " (default: " + d + ")").orElse("");
            String label = "  --" + h.name() + (p.map(ConfigurationMetadata.Property::takesKeys).orElse(false)
                    && p.get().type().startsWith("java.util.Map") ? ".<key>" : "");
            b.append(wrap(label, description + detail, 46));
        }
        return b.toString();
    }

    /** The first clause of a javadoc description, without its markup. */
    static String firstClause(String description) {
        String d = description.replaceAll("\\{@(?:code|link) ([^}]*)}", "$1").replaceAll("\\s*\\([^)]*\\)", "")
                .replaceAll("\\s+", " ").trim();
        int end = d.length();
        for (String stop : List.of("; ", ". ")) {
            int at = d.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        d = d.substring(0, end);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    /** {@code label}, then {@code text} from column {@code column}, wrapped at 100 characters. */
    static String wrap(String label, String text, int column) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(label);
        if (column > 0 && label.length() >= column - 1) {
            out.append(line).append('\n');
            line = new StringBuilder();
        }
        line.append(" ".repeat(column - line.length()));
        boolean lineEmpty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!lineEmpty && line.length() + 1 + word.length() > 100) {
                out.append(line).append('\n');
                line = new StringBuilder(" ".repeat(column));
                lineEmpty = true;
            }
            line.append(lineEmpty ? "" : " ").append(word);
            lineEmpty = false;
        }
        return out.append(line).append('\n').toString();
    }
}
