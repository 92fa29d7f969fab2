package org.herd.gazelle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * Herd's DDL for the Gazelle tables in the catalogue, per variant, and a loader that creates them
 * in a MariaDB or MySQL database the way a Gazelle site has them.
 */
public final class GazelleSchema {

    /**
     * Gazelle ran on MySQL 5 with a non-strict sql_mode: its DDL declares zero-date defaults and
     * its PHP code leaves NOT NULL columns without a default unset. Modern servers default to
     * strict modes (and MySQL 8 to NO_ZERO_DATE), under which both fail.
     */
    public static final String GAZELLE_SQL_MODE = "NO_ENGINE_SUBSTITUTION";

    /**
     * The sql_mode OPS runs MySQL 8 with (its docker-compose file): strict, no zero dates. OPS's
     * PHP code and tables were made to work under it, so Herd's OPS data must load under it too.
     */
    public static final String OPS_SQL_MODE =
            "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private static final String WHATCD_RESOURCE = "whatcd/schema.sql";
    private static final String OPS_RESOURCE = "ops/schema.sql";

    private GazelleSchema() {
    }

    /** The DDL text of the catalogued tables of {@code variant}, as one script. */
    public static String ddl(GazelleVariant variant) {
        Objects.requireNonNull(variant, "variant");
        return switch (variant) {
            case WHATCD -> resource(WHATCD_RESOURCE);
            case OPS -> resource(OPS_RESOURCE);
        };
    }

    /** The sql_mode the site of {@code variant} runs with, and that its data loads under. */
    public static String sqlMode(GazelleVariant variant) {
        Objects.requireNonNull(variant, "variant");
        return switch (variant) {
            case WHATCD -> GAZELLE_SQL_MODE;
            case OPS -> OPS_SQL_MODE;
        };
    }

    /** The DDL of {@code variant} split into single statements, comments removed. */
    public static List<String> statements(GazelleVariant variant) {
        return split(ddl(variant));
    }

    /**
     * Creates the catalogued tables of {@code variant} in the connection's current database.
     * Sets the session's sql_mode to {@link #sqlMode(GazelleVariant)} first and leaves it so,
     * because whatever runs next on the connection (a data load, the workload) should meet the
     * server as the site configures it. Foreign key checks are off while the tables are created,
     * because OPS's tables reference each other in a circle (artists_group and artists_alias).
     */
    public static void load(Connection connection, GazelleVariant variant) throws SQLException {
        load(connection, variant, Set.of());
    }

    /**
     * As {@link #load(Connection, GazelleVariant)}, leaving out the tables named in {@code skip}
     * (tables the database already has and keeps).
     */
    public static void load(Connection connection, GazelleVariant variant, Set<String> skip) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        List<String> statements = statements(variant).stream()
                .filter(sql -> tableCreated(sql).map(t -> !skip.contains(t)).orElse(true)).toList();
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = '" + sqlMode(variant) + "'");
            st.execute("SET SESSION foreign_key_checks = 0");
            try {
                for (String sql : statements) {
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        throw new SQLException("loading the " + variant + " schema failed at: " + firstLine(sql)
                                + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                    }
                }
            } finally {
                st.execute("SET SESSION foreign_key_checks = 1");
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The tables the DDL of {@code variant} creates, in its order. */
    public static List<String> tables(GazelleVariant variant) {
        return statements(variant).stream().map(GazelleSchema::tableCreated).flatMap(Optional::stream).toList();
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE `([^`]+)`");

    private static Optional<String> tableCreated(String statement) {
        Matcher m = CREATE_TABLE.matcher(statement);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Splits a script into statements at semicolons that are outside quotes, backticks and
     * comments. Line comments ({@code -- }, {@code #}) and block comments are dropped.
     */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < n) {
                    char d = script.charAt(end);
                    if (d == '\\' && c != '`' && end + 1 < n) {
                        end += 2;
                        continue;
                    }
                    if (d == c) {
                        if (end + 1 < n && script.charAt(end + 1) == c) {
                            end += 2; // doubled quote inside the literal
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                if (end >= n) {
                    throw new IllegalArgumentException("unterminated " + c + " quote in DDL near: "
                            + firstLine(script.substring(i)));
                }
                cur.append(script, i, end + 1);
                i = end + 1;
            } else if ((c == '-' && i + 2 < n && script.charAt(i + 1) == '-'
                    && Character.isWhitespace(script.charAt(i + 2))) || c == '#') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated block comment in DDL");
                }
                i = end + 2;
            } else if (c == ';') {
                addStatement(out, cur);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        addStatement(out, cur);
        return List.copyOf(out);
    }

    private static void addStatement(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl);
    }

    private static String resource(String name) {
        try (InputStream in = GazelleSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("DDL resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading DDL resource " + name, e);
        }
    }
}
