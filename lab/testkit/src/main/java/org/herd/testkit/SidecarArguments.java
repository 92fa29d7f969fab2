package org.herd.testkit;

import java.util.ArrayList;
import java.util.List;
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
     * pseudonymous under {@link #EMBEDDED_PSEUDONYM_KEY}, restarting quickly after failures, signing
     * with the test origin key of epoch 1 ({@link TestTrust}).
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
                "herd.sidecar.kafka.bootstrap-servers=" + bootstrapServers,
                "herd.sidecar.privacy.pseudonym-key=" + EMBEDDED_PSEUDONYM_KEY,
                "herd.sidecar.restart-delay=1s"));
        properties.addAll(TestTrust.sidecarProperties(origin, 1));
        return properties;
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
