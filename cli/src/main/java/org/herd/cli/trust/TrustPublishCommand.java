package org.herd.cli.trust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.herd.cli.ApplicationEnvironment;
import org.herd.cli.PropertyArguments;
import org.herd.cli.TakesProperties;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.translator.wire.TopicNames;
import org.herd.trust.RootUpdate;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;
import org.herd.trust.TrustState;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd trust publish}: sends a fully signed trust root to {@code <prefix>._trust}, keyed by
 * its version, with the sidecar's Kafka settings ({@code herd.sidecar.origin} and
 * {@code herd.sidecar.kafka.*}, from the command line, the {@code HERD_SIDECAR_*} environment or
 * {@code herd-sidecar.properties}, as the sidecar reads them).
 *
 * <p>Before it sends, it checks the root as a mirror following the topic would: the versions
 * already there, oldest pinned, must accept it as the next one (or, on an empty topic, it must carry
 * its own threshold of signatures). A root already published is not sent again.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish a fully signed trust root to <prefix>._trust, with the sidecar's Kafka settings "
                + "(--herd.sidecar.origin=..., --herd.sidecar.kafka.bootstrap-servers=..., or its environment and "
                + "herd-sidecar.properties).",
                "Refused (exit 1) unless mirrors following the topic would accept it as the next version."})
final class TrustPublishCommand implements Callable<Integer>, TakesProperties {

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd trust publish", List.of("herd.sidecar"),
            SidecarApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.sidecar.origin", true),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.bootstrap-servers", true),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.properties", false),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.topic-prefix", false)));

    @Spec
    CommandSpec spec;

    @Option(names = "--root", required = true, paramLabel = "FILE", description = "The signed root to publish.")
    Path root;

    @Parameters(paramLabel = "--NAME=VALUE", description = "A property of the sidecar (see Properties below).")
    List<String> properties = new ArrayList<>();

    @Override
    public PropertyArguments propertyArguments() {
        return PROPERTIES;
    }

    @Override
    public Integer call() {
        return TrustCommand.run(spec, () -> {
            List<String> arguments = PROPERTIES.parse(spec.commandLine(), properties);
            SignedRoot candidate = TrustCommand.readRoot(root);
            String origin;
            SidecarProperties.Kafka kafka;
            Binder binder = ApplicationEnvironment.of(SidecarApplication.CONFIG_NAME, arguments);
            origin = binder.bind("herd.sidecar.origin", String.class).orElse(null);
            kafka = binder.bind("herd.sidecar.kafka", Bindable.of(SidecarProperties.Kafka.class)).orElse(null);
            if (origin == null || origin.isBlank()) {
                throw new TrustCommand.Refusal(TrustExit.USAGE, "herd.sidecar.origin is required");
            }
            if (kafka == null || kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
                throw new TrustCommand.Refusal(TrustExit.USAGE, "herd.sidecar.kafka.bootstrap-servers is required");
            }
            if (!candidate.root().origin().equals(origin)) {
                throw new TrustCommand.Refusal(TrustExit.USAGE, root + " is a trust root of origin '"
                        + candidate.root().origin() + "', but herd.sidecar.origin is '" + origin + "'");
            }
            String prefix = kafka.topicPrefix() == null || kafka.topicPrefix().isBlank()
                    ? TopicNames.defaultPrefix(origin) : kafka.topicPrefix();
            String topic = TopicNames.trustTopic(prefix);
            KafkaConnection connection = kafka.connection();
            List<SignedRoot> published = published(connection, topic);
            if (!published.isEmpty() && published.get(published.size() - 1).version() == candidate.version()
                    && published.get(published.size() - 1).sameContent(candidate)) {
                spec.commandLine().getOut().println("version " + candidate.version() + " of origin " + origin
                        + " is on " + topic + " already");
                spec.commandLine().getOut().flush();
                return TrustExit.OK;
            }
            RootUpdate update = check(published, candidate);
            if (!update.accepted()) {
                throw new TrustCommand.Refusal(TrustExit.REFUSED, "mirrors following " + topic + " would refuse "
                        + root + ": " + update.failure().wireName() + ": " + update.detail());
            }
            send(kafka, connection, topic, candidate);
            spec.commandLine().getOut().println("published trust root v" + candidate.version() + " of origin " + origin
                    + " to " + topic + " (" + candidate.signatures().size() + " signatures)");
            spec.commandLine().getOut().flush();
            return TrustExit.OK;
        });
    }

    /** The versions on the topic, the latest record per version, oldest first. */
    private static List<SignedRoot> published(KafkaConnection kafka, String topic) {
        Map<Integer, SignedRoot> byVersion = new HashMap<>();
        KafkaTopicReader.forEach(kafka, Set.of(topic), Duration.ofMinutes(2), r -> {
            if (r.value() == null) {
                return;
            }
            try {
                SignedRoot s = SignedRoot.parse(r.value());
                byVersion.put(s.version(), s);
            } catch (TrustFormatException e) {
                // Not a root: mirrors skip it the same way.
            }
        });
        List<SignedRoot> chain = new ArrayList<>(byVersion.values());
        chain.sort(Comparator.comparingInt(SignedRoot::version));
        return chain;
    }

    /** The candidate offered to the published chain, oldest pinned; or pinned alone. */
    private static RootUpdate check(List<SignedRoot> published, SignedRoot candidate) {
        Instant now = Instant.now();
        if (published.isEmpty()) {
            return TrustState.pin(candidate, now);
        }
        RootUpdate chain = TrustState.pin(published.get(0), now);
        for (int i = 1; i < published.size() && chain.accepted(); i++) {
            chain = chain.state().offer(published.get(i), now);
        }
        if (!chain.accepted()) {
            return chain;
        }
        return chain.state().offer(candidate, now);
    }

    private static void send(SidecarProperties.Kafka kafka, KafkaConnection connection, String topic,
            SignedRoot candidate) throws InterruptedException {
        try (Admin a = Admin.create(connection.admin())) {
            if (!a.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
                // As the sidecar creates it: compacted, one key per version, every version kept.
                Optional<Short> rf = kafka.replicationFactor() < 1 ? Optional.empty()
                        : Optional.of(kafka.replicationFactor());
                a.createTopics(List.of(new NewTopic(topic, Optional.of(1), rf).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer", e);
        }
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(connection.producer("herd-trust-publish",
                Map.of()))) {
            producer.send(new ProducerRecord<>(topic, Integer.toString(candidate.version())
                    .getBytes(StandardCharsets.UTF_8), candidate.toFileBytes())).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not acknowledge version " + candidate.version() + " on " + topic
                    + ": " + cause, cause);
        }
    }
}
