package org.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.herd.embedded.EmbeddedKafka;
import org.herd.embedded.EmbeddedStack;
import org.herd.embedded.KafkaUsers;
import org.herd.gazelle.GazelleSchema;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.simulator.GazelleDataGenerator;
import org.herd.simulator.GazelleWorkload;
import org.herd.simulator.GeneratorSettings;
import org.herd.testkit.AclPlan;
import org.herd.testkit.MirrorConvergence;
import org.herd.testkit.SidecarArguments;
import org.herd.testkit.TestTrust;
import org.herd.translator.Translator;
import org.herd.verify.Verification;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A generated Gazelle site whose real sidecar publishes to a locked-down Kafka cluster of its own
 * (SASL/SCRAM, the ACLs of {@link AclPlan}) as principal {@code herd-sidecar-<origin>}, which
 * gets its password, as docs/operator.md says, in an environment variable. MariaDB and
 * PostgreSQL are the shared stack's.
 */
final class LockedDownOrigin implements AutoCloseable {

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String origin;
    final String gazelleDb;
    final String sidecarUser;
    final AclPlan plan;
    final EmbeddedStack stack = EmbeddedStack.shared();
    final EmbeddedKafka kafka;
    private ConfigurableApplicationContext sidecar;

    /**
     * Starts the cluster with the sidecar's user and {@code users}, grants the sidecar its ACLs,
     * generates the site and starts the sidecar; returns once its snapshot is complete.
     */
    static LockedDownOrigin start(String name, List<String> users) throws Exception {
        return new LockedDownOrigin(name, users);
    }

    private LockedDownOrigin(String name, List<String> users) throws Exception {
        origin = name + "-" + id;
        gazelleDb = "gazelle_" + name.replace('-', '_') + "_" + id;
        sidecarUser = "herd-sidecar-" + origin;
        plan = AclPlan.forOrigin(origin);
        KafkaUsers all = KafkaUsers.withAdmin("admin").and(sidecarUser);
        for (String user : users) {
            all = all.and(user);
        }
        kafka = EmbeddedKafka.startLockedDown(null, all);
        try {
            try (var admin = kafka.admin()) {
                AclPlan.apply(admin, plan.sidecar(sidecarUser));
            }
            stack.mariaDb().createDatabase(gazelleDb);
            try (Connection c = stack.mariaDb().connect(gazelleDb)) {
                GazelleSchema.load(c, GazelleVariant.WHATCD);
                new GazelleDataGenerator(new GeneratorSettings(13, 0.0003)).load(c, null);
            }
            startSidecar();
            await().atMost(Duration.ofMinutes(3)).until(sidecar.getBean(SidecarProgress.class)::isSnapshotCompleted);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    void startSidecar() {
        List<String> properties = SidecarArguments.embedded(origin, stack.mariaDb().host(), stack.mariaDb().port(),
                gazelleDb, stack.mariaDb().user(), stack.mariaDb().password(), kafka.bootstrapServers());
        properties.add("herd.sidecar.source.server-id=" + (9000 + Math.abs(id.hashCode() % 100000)));
        Map<String, String> login = kafka.users().clientProperties(sidecarUser);
        sidecar = withEnvironment(SidecarApplication.builder(), secret("HERD_SIDECAR", login))
                .properties(properties.toArray(String[]::new))
                .properties(loginProperties("herd.sidecar", login))
                .run();
    }

    void stopSidecar() {
        if (sidecar != null) {
            sidecar.close();
            sidecar = null;
        }
    }

    /** Runs {@code steps} steps of the simulator's workload at the origin: PHP edits, tracker noise. */
    void change(int steps) throws Exception {
        try (Connection c = stack.mariaDb().connect(gazelleDb)) {
            GazelleWorkload workload = new GazelleWorkload(c, 17);
            for (int i = 0; i < steps; i++) {
                workload.step();
            }
        }
    }

    /**
     * A real mirror of this origin into PostgreSQL database {@code database}, reading
     * {@code bootstrapServers} as consumer group {@code groupId}, logged in with {@code login}
     * (none: an open cluster) whose JAAS line comes through the environment.
     */
    ConfigurableApplicationContext startMirror(String bootstrapServers, Map<String, String> login, String groupId,
            String database) {
        SpringApplicationBuilder builder = ReplicatorApplication.builder();
        if (!login.isEmpty()) {
            builder = withEnvironment(builder, secret("HERD_MIRROR", login)).properties(loginProperties("herd.mirror",
                    login));
        }
        return builder.properties(
                        "herd.mirror.origin=" + origin,
                        "herd.mirror.kafka.bootstrap-servers=" + bootstrapServers,
                        "herd.mirror.kafka.group-id=" + groupId,
                        "herd.mirror.trust.root-file=" + TestTrust.rootFile(origin, 1),
                        "herd.mirror.trust.checkpoint-interval=500ms",
                        "herd.mirror.batch-size=200",
                        "spring.datasource.url=" + stack.postgres().jdbcUrl(database),
                        "spring.datasource.username=" + stack.postgres().user(),
                        "spring.datasource.password=" + stack.postgres().password())
                .run();
    }

    /** Waits until mirror database {@code mirrorDb} holds exactly the origin's public state. */
    void awaitMirrorEqualsOrigin(String mirrorDb) throws Exception {
        Translator translator = new Translator(SidecarArguments.embeddedSettings(origin));
        MirrorConvergence convergence = new MirrorConvergence(Verification.Origin.of(translator,
                () -> SourceLookups.of(translator, () -> stack.mariaDb().connect(gazelleDb))),
                () -> stack.mariaDb().connect(gazelleDb));
        Verification.Result result = convergence.awaitEqual(stack.postgres().dataSource(mirrorDb)::getConnection,
                Duration.ofMinutes(3));
        assertThat(result.untranslatable()).isEmpty();
        assertThat(result.entities().get("release").originRows()).isGreaterThan(10);
    }

    @Override
    public void close() {
        try {
            stopSidecar();
        } finally {
            kafka.close();
        }
    }

    /** The protocol and mechanism as properties; the secret goes through the environment. */
    private static String[] loginProperties(String prefix, Map<String, String> login) {
        return new String[] {
                prefix + ".kafka.properties.security.protocol=" + login.get("security.protocol"),
                prefix + ".kafka.properties.sasl.mechanism=" + login.get("sasl.mechanism")};
    }

    /** The JAAS line as the environment variable docs/operator.md names. */
    private static Map<String, Object> secret(String prefix, Map<String, String> login) {
        return Map.of(prefix + "_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", login.get("sasl.jaas.config"));
    }

    /**
     * Adds {@code variables} as the process environment is added (Spring Boot recognises such a
     * source by its name), so that they bind exactly as real environment variables would.
     */
    private static SpringApplicationBuilder withEnvironment(SpringApplicationBuilder builder,
            Map<String, Object> variables) {
        return builder.initializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("herd-it-systemEnvironment", variables)));
    }
}
