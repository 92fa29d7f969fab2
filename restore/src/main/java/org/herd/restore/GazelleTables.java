package org.herd.restore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * The columns of every table of a variant, read from Herd's own DDL ({@link GazelleSchema}): the
 * tables the restore creates are the tables it describes, so what "none" is in a column (NULL, 0,
 * '' or the zero date) follows from the one declaration of the column.
 */
public final class GazelleTables {

    private static final Pattern CREATE = Pattern.compile("^CREATE TABLE `([^`]+)` \\((.*)\\)[^)]*$", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("^`([^`]+)`\\s+(\\w+)(\\(([^)]*)\\))?(.*)$", Pattern.DOTALL);
    private static final Pattern DEFAULT = Pattern.compile("\\bDEFAULT\\s+('(?:[^']|'')*'|\\(.*?\\)|\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENUM_VALUE = Pattern.compile("'((?:[^']|'')*)'");

    private final GazelleVariant variant;
    private final Map<String, Map<String, ColumnSpec>> tables;

    private GazelleTables(GazelleVariant variant, Map<String, Map<String, ColumnSpec>> tables) {
        this.variant = variant;
        this.tables = tables;
    }

    /** The tables of {@code variant}'s DDL. */
    public static GazelleTables of(GazelleVariant variant) {
        Map<String, Map<String, ColumnSpec>> tables = new LinkedHashMap<>();
        for (String statement : GazelleSchema.statements(variant)) {
            Matcher m = CREATE.matcher(statement.strip());
            if (!m.matches()) {
                continue;
            }
            Map<String, ColumnSpec> columns = new LinkedHashMap<>();
            for (String line : lines(m.group(2))) {
                column(line).ifPresent(c -> columns.put(c.name(), c));
            }
            tables.put(m.group(1), Collections.unmodifiableMap(columns));
        }
        return new GazelleTables(variant, Collections.unmodifiableMap(tables));
    }

    public GazelleVariant variant() {
        return variant;
    }

    /** The columns of a table, in DDL order. */
    public Map<String, ColumnSpec> columns(String table) {
        Map<String, ColumnSpec> columns = tables.get(table);
        if (columns == null) {
            throw new IllegalArgumentException("the " + variant + " DDL has no table " + table);
        }
        return columns;
    }

    public boolean has(String table) {
        return tables.containsKey(table);
    }

    /** The definitions of a CREATE TABLE body, split at commas outside parentheses and quotes. */
    private static List<String> lines(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString().strip());
        return out;
    }

    /** A column definition; keys and constraints are not columns. */
    static Optional<ColumnSpec> column(String definition) {
        Matcher m = COLUMN.matcher(definition);
        if (!m.matches()) {
            return Optional.empty();
        }
        String type = m.group(2).toLowerCase(Locale.ROOT);
        List<String> enumValues = new ArrayList<>();
        if (type.equals("enum") && m.group(4) != null) {
            Matcher v = ENUM_VALUE.matcher(m.group(4));
            while (v.find()) {
                enumValues.add(v.group(1).replace("''", "'"));
            }
        }
        String rest = m.group(5).replaceAll("(?i)\\bCOMMENT\\s+'(?:[^']|'')*'", "");
        String upper = rest.toUpperCase(Locale.ROOT);
        boolean nullable = !upper.contains("NOT NULL");
        Matcher d = DEFAULT.matcher(rest);
        boolean declaredDefault = d.find();
        // A nullable column without a default clause defaults to NULL; AUTO_INCREMENT fills itself.
        boolean hasDefault = declaredDefault || nullable || upper.contains("AUTO_INCREMENT");
        return Optional.of(new ColumnSpec(m.group(1), type, enumValues, nullable, hasDefault));
    }
}
