package org.herd.testkit;

import java.util.ArrayList;
import java.util.List;
import org.herd.embedded.EmbeddedMariaDb;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.UserReferences;
import java.nio.charset.StandardCharsets;

/**
 * The sidecar properties for a Gazelle database and broker Herd started itself (the demo, the
 * benchmark, the tests), in one place, with the translator settings that match them so that a
 * comparison of origin and mirror translates the origin exactly as the sidecar did.
 */
public final class SidecarArguments {

    /**
     * The pseudonym key of embedded runs. A real site sets its own secret
     * ({@code herd.sidecar.privacy.pseudonym-key}); this one is public and protects nothing.
     */
    public static final String EMBEDDED_PSEUDONYM_KEY = "embedded-runs-only:this-key-is-public-and-protects-nothing";

    private SidecarArguments() {
    }

    /**
     * Properties for a sidecar reading a MariaDB database as origin {@code origin}, users
     * pseudonymous under {@link #EMBEDDED_PSEUDONYM_KEY}, restarting quickly after failures, with
     * the replication client id of {@link #serverId}, signing with the test origin key of epoch 1
     * ({@link TestTrust}). A mutable list: callers add their own.
     */
    public static List<String> embedded(String origin, String host, int port, String database, String user,
            String password, String bootstrapServers) {
        List<String> properties = new ArrayList<>(List.of(
                "herd.sidecar.origin=" + origin,
                "herd.sidecar.source.host=" + host,
                "herd.sidecar.source.port=" + port,
                "herd.sidecar.source.database=" + database,
                "herd.sidecar.source.user=" + user,
                "herd.sidecar.source.password=" + password,
                "herd.sidecar.source.server-id=" + serverId(database),
                "herd.sidecar.kafka.bootstrap-servers=" + bootstrapServers,
                "herd.sidecar.privacy.pseudonym-key=" + EMBEDDED_PSEUDONYM_KEY,
                "herd.sidecar.restart-delay=1s"));
        properties.addAll(TestTrust.sidecarProperties(origin, 1));
        return properties;
    }

    /**
     * As {@link #embedded(String, String, int, String, String, String, String)}, on an embedded
     * MariaDB as its own user.
     */
    public static List<String> embedded(String origin, EmbeddedMariaDb mariaDb, String database,
            String bootstrapServers) {
        return embedded(origin, mariaDb.host(), mariaDb.port(), database, mariaDb.user(), mariaDb.password(),
                bootstrapServers);
    }

    /**
     * As {@link #embedded(String, String, int, String, String, String, String)}, on {@code source}
     * as its own user, through its connector and with the properties it needs.
     */
    public static List<String> embedded(String origin, SourceServer source, String database,
            String bootstrapServers) {
        SourceServer.Login login = source.login();
        List<String> properties = embedded(origin, login.host(), login.port(), database, login.user(),
                login.password(), bootstrapServers);
        properties.add("herd.sidecar.source.connector=" + source.connector());
        properties.addAll(source.sidecarProperties());
        return properties;
    }

    /**
     * The replication client id of a sidecar reading {@code database}. A binlog client's id must be
     * unique among the server's replicas, or the server drops the older connection; tests run many
     * sidecars against one server, each on a database of its own, so the id follows the database.
     */
    public static long serverId(String database) {
        return 1000 + Math.floorMod(database.hashCode(), 1_000_000);
    }

    /** The translator settings of a sidecar started with {@link #embedded}. */
    public static TranslatorSettings embeddedSettings(String origin) {
        return embeddedSettings(origin, GazelleVariant.WHATCD);
    }

    /** The translator settings of a sidecar started with {@link #embedded} on a {@code variant} site. */
    public static TranslatorSettings embeddedSettings(String origin, GazelleVariant variant) {
        return new TranslatorSettings(origin, variant,
                UserReferences.pseudonymous(EMBEDDED_PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8)), false);
    }
}
