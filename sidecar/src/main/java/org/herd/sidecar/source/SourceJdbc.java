package org.herd.sidecar.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;

/**
 * A plain JDBC connection to the Gazelle database with the sidecar's credentials, for reading its
 * information_schema at start-up. It gets the driver settings Debezium's own connection gets:
 * {@code herd.sidecar.debezium[database.<property>]} entries that are not Debezium's own settings
 * pass through to the driver, and {@code database.ssl.mode} is translated for it.
 */
public final class SourceJdbc {

    /** Debezium's own database.* settings, which are not driver properties. */
    private static final Set<String> DEBEZIUM_OWN = Set.of("hostname", "port", "user", "password", "server.id",
            "server.name", "include.list", "exclude.list", "ssl.mode", "ssl.keystore", "ssl.keystore.password",
            "ssl.truststore", "ssl.truststore.password", "initial.statements", "jdbc.driver", "protocol",
            "timezone", "dbname", "history");

    private SourceJdbc() {
    }

    public static Connection connect(SidecarProperties properties) throws SQLException {
        SidecarProperties.Source source = properties.source();
        return DriverManager.getConnection(url(source), driverProperties(properties));
    }

    /** An identifier (database, table, column) quoted for the source's SQL, backticks doubled. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String url(SidecarProperties.Source source) {
        String scheme = source.connector() == SourceConnector.MARIADB ? "mariadb" : "mysql";
        return "jdbc:" + scheme + "://" + source.host() + ":" + source.port() + "/" + source.database();
    }

    static Properties driverProperties(SidecarProperties properties) {
        Properties p = new Properties();
        for (Map.Entry<String, String> e : properties.debezium().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("database.") && !DEBEZIUM_OWN.contains(key.substring("database.".length()))) {
                p.setProperty(key.substring("database.".length()), e.getValue());
            }
        }
        String sslMode = properties.debezium().get("database.ssl.mode");
        if (sslMode != null) {
            p.setProperty("sslMode", sslMode(properties.source().connector(), sslMode));
        }
        p.setProperty("user", properties.source().user());
        p.setProperty("password", properties.source().password());
        return p;
    }

    /**
     * Debezium's ssl.mode values in each driver's words. An unknown value stops start-up rather
     * than fall back to an unchecked connection.
     */
    static String sslMode(SourceConnector connector, String debeziumMode) {
        String mode = debeziumMode.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "disabled", "preferred", "required", "verify_ca", "verify_identity" ->
                    connector == SourceConnector.MYSQL ? mode.toUpperCase(Locale.ROOT) : switch (mode) {
                        case "disabled" -> "disable";
                        case "verify_ca" -> "verify-ca";
                        case "verify_identity" -> "verify-full";
                        // MariaDB's driver has no "preferred": it encrypts without checking the
                        // certificate, as Debezium's "preferred" and "required" would.
                        default -> "trust";
                    };
            default -> throw new IllegalArgumentException("herd.sidecar.debezium[database.ssl.mode] '" + debeziumMode
                    + "' is none of disabled, preferred, required, verify_ca, verify_identity");
        };
    }
}
