package org.herd.sidecar.lookup;

import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.translator.Translator;

/** Builds the {@link SourceLookup} a translator needs. */
public final class SourceLookups {

    /**
     * Rows kept in the lookup cache. Lookups go to parents (forums, topics, collages, requests),
     * far fewer than their children; 100k rows of a few short columns is a few tens of MiB at most.
     */
    public static final int CACHE_ROWS = 100_000;

    private SourceLookups() {
    }

    /** A lookup reading through the given connections, for the tables the translator maps. */
    public static SourceLookup of(Translator translator, SourceLookup.Connector connector) {
        GazelleCatalogue catalogue = GazelleCatalogue.of(translator.settings().variant());
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String table : translator.capturedColumns().keySet()) {
            keys.put(table, catalogue.table(table).map(TableDef::primaryKey).orElse(List.of()));
        }
        return new SourceLookup(connector, translator.capturedColumns(), keys, CACHE_ROWS);
    }

    /**
     * A lookup reading through one connection the caller owns and closes (an origin comparison);
     * do not close the lookup.
     */
    public static SourceLookup over(Translator translator, java.sql.Connection connection) {
        return of(translator, new SourceLookup.Connector() {
            @Override
            public java.sql.Connection connect() {
                return connection;
            }

            @Override
            public boolean owned() {
                return false;
            }
        });
    }

    /** Debezium's database.ssl.mode in the words of the JDBC driver the lookup uses. */
    static String jdbcSslMode(SourceConnector connector, String debeziumMode) {
        String mode = debeziumMode.trim().toLowerCase(Locale.ROOT);
        return switch (connector) {
            case MYSQL -> mode.toUpperCase(Locale.ROOT);
            case MARIADB -> switch (mode) {
                case "disabled" -> "disable";
                case "preferred", "required" -> "trust";
                case "verify_ca" -> "verify-ca";
                case "verify_identity" -> "verify-full";
                default -> throw new IllegalArgumentException("herd.sidecar.debezium[database.ssl.mode] '"
                        + debeziumMode + "' is none of disabled, preferred, required, verify_ca, verify_identity");
            };
        };
    }

    /** A lookup reading the sidecar's source database with the sidecar's own credentials. */
    public static SourceLookup forSource(SidecarProperties properties, Translator translator) {
        SidecarProperties.Source source = properties.source();
        String url = switch (source.connector()) {
            case MARIADB -> "jdbc:mariadb://" + source.host() + ":" + source.port() + "/" + source.database();
            case MYSQL -> "jdbc:mysql://" + source.host() + ":" + source.port() + "/" + source.database();
        };
        Properties credentials = new Properties();
        credentials.setProperty("user", source.user());
        credentials.setProperty("password", source.password());
        // The lookup reads row-filter columns and cascaded rows: the same encryption as Debezium's
        // own connection, or none only where Debezium uses none.
        String sslMode = properties.debezium().get("database.ssl.mode");
        if (sslMode != null) {
            credentials.setProperty("sslMode", jdbcSslMode(source.connector(), sslMode));
        }
        return of(translator, () -> DriverManager.getConnection(url, credentials));
    }
}
