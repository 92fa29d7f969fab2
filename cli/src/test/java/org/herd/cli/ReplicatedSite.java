package org.herd.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.herd.embedded.EmbeddedStack;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GeneratedCounts;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.MirrorArguments;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.SourceServer;
import org.herd.translator.Translator;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.Verification;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Gazelle site of its own on the shared servers, the sidecar that publishes it and the mirrors
 * that follow it, each started and stopped at will: the whole path as this module's tests run it.
 * Its names (Gazelle database, origin, mirror databases, consumer groups) carry a random id, so
 * that tests share the servers without meeting. Closing it stops whatever still runs.
 */
final class ReplicatedSite implements AutoCloseable {

    final EmbeddedStack stack = EmbeddedStack.shared();
    final SourceServer source;
    final GazelleVariant variant;
    private final String name;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    final String gazelleDb;
    final String origin;
    final String prefix;
    private ConfigurableApplicationContext sidecar;
    private final Map<String, ConfigurableApplicationContext> mirrors = new LinkedHashMap<>();

    /** A site named {@code name} on the embedded MariaDB: the variant's tables, empty. */
    ReplicatedSite(String name, GazelleVariant variant) throws SQLException {
        this(name, variant, SourceServer.embedded());
    }

    /** A site named {@code name} on {@code source}: the variant's tables, empty. */
    ReplicatedSite(String name, GazelleVariant variant, SourceServer source) throws SQLException {
        this.source = source;
        this.variant = variant;
        this.name = name;
        this.gazelleDb = "gazelle_" + name + "_" + id;
        this.origin = name + "-" + id;
        this.prefix = TopicNames.defaultPrefix(origin);
        source.createDatabase(gazelleDb);
        try (Connection c = gazelle()) {
            GazelleSchema.load(c, variant);
        }
    }

    Connection gazelle() throws SQLException {
        return source.connect(gazelleDb);
    }

    /** Fills the site with generated data of the given seed and scale (a fraction of what.cd). */
    GeneratedCounts generate(long seed, double scale) throws SQLException {
        try (Connection c = gazelle()) {
            return new GazelleDataGenerator(new GeneratorSettings(seed, scale)).load(c, variant, null);
        }
    }

    String bootstrap() {
        return stack.kafka().bootstrapServers();
    }

    /** The site's sidecar properties ({@link SidecarArguments}); no variant: the sidecar detects it. */
    List<String> sidecarProperties() {
        return SidecarArguments.embedded(origin, source, gazelleDb, bootstrap());
    }

    /** Starts the sidecar with the site's properties, then {@code extra} ones. */
    ConfigurableApplicationContext startSidecar(String... extra) {
        if (sidecar != null) {
            throw new IllegalStateException("the sidecar of " + origin + " is running");
        }
        List<String> properties = sidecarProperties();
        properties.addAll(List.of(extra));
        sidecar = SidecarApplication.builder().properties(properties.toArray(String[]::new)).run();
        return sidecar;
    }

    SidecarProgress sidecarProgress() {
        return sidecar.getBean(SidecarProgress.class);
    }

    /** Stops the sidecar; its producer delivers what it sent before it closes. */
    void stopSidecar() {
        if (sidecar != null) {
            sidecar.close();
            sidecar = null;
        }
    }

    /** The PostgreSQL database of the mirror called {@code mirror}. */
    String mirrorDatabase(String mirror) {
        return "mirror_" + name + "_" + mirror + "_" + id;
    }

    DataSource mirrorDb(String mirror) {
        return stack.postgres().dataSource(mirrorDatabase(mirror));
    }

    /**
     * Starts the mirror called {@code mirror}, into its own database (created the first time, kept
     * when it comes back) in a consumer group of its own, with the site's properties, then
     * {@code extra} ones.
     */
    ConfigurableApplicationContext startMirror(String mirror, String... extra) {
        if (mirrors.containsKey(mirror)) {
            throw new IllegalStateException("mirror " + mirror + " of " + origin + " is running");
        }
        stack.postgres().createDatabase(mirrorDatabase(mirror));
        List<String> properties = new ArrayList<>(MirrorArguments.embedded(origin, bootstrap(), stack.postgres(),
                mirrorDatabase(mirror), name + "-" + mirror + "-" + id));
        properties.addAll(List.of(extra));
        ConfigurableApplicationContext app = ReplicatorApplication.builder()
                .properties(properties.toArray(String[]::new)).run();
        mirrors.put(mirror, app);
        return app;
    }

    void stopMirror(String mirror) {
        ConfigurableApplicationContext app = mirrors.remove(mirror);
        if (app != null) {
            app.close();
        }
    }

    /**
     * The origin as its sidecar publishes it (the sidecar's translator settings and lookups), to
     * compare mirrors with.
     */
    MirrorConvergence convergence() {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin, variant));
        return new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, this::gazelle)), this::gazelle);
    }

    /** Waits until the mirror called {@code mirror} equals the origin; fails with the last comparison's report. */
    Verification.Result awaitMirrorEqualsOrigin(String mirror, Duration atMost) throws Exception {
        return convergence().awaitEqual(mirrorDb(mirror)::getConnection, atMost);
    }

    /**
     * As {@link #awaitMirrorEqualsOrigin}, and fails when the origin holds rows the translator
     * rejects (the sidecar would quarantine them): for sites whose every row must reach the mirror.
     */
    Verification.Result awaitMirrorHoldsEveryOriginRow(String mirror, Duration atMost) throws Exception {
        Verification.Result result = awaitMirrorEqualsOrigin(mirror, atMost);
        if (!result.untranslatable().isEmpty()) {
            throw new AssertionError("origin " + origin + " holds rows the translator rejects: "
                    + result.untranslatable());
        }
        return result;
    }

    /** Stops the mirrors, then the sidecar. */
    @Override
    public void close() {
        List.copyOf(mirrors.keySet()).forEach(this::stopMirror);
        stopSidecar();
    }
}
