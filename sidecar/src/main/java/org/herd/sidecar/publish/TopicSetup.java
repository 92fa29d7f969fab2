package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the sidecar writes to, if they do not exist: one compacted topic per
 * entity (a late mirror reads the latest record of every row, deletes included), the
 * quarantine topic and the signal topic (both kept by time), the checkpoints topic (kept seven
 * days), the compacted trust topic (the trust roots, one key per version), and the sidecar's
 * compacted state topic (the tables it has captured, the epoch it publishes under). Existing topics keep the operator's settings, except that an
 * entity topic which is not compacted stops start-up: time-based retention would silently take
 * history from every mirror that joins later.
 */
public final class TopicSetup {

    /**
     * Largest record the sidecar sends and its topics accept. Gazelle's FileList and descriptions
     * are mediumtext; Kafka's 1 MB default would refuse a large release for good.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * How long checkpoints are kept: a mirror needs only recent ones (the latest it has reached),
     * and one that was away longer than this compares its digests with the next one published.
     */
    public static final long CHECKPOINT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    public static void ensureTopics(Admin admin, String prefix, int partitions, short replicationFactor)
            throws InterruptedException {
        Optional<Short> rf = replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
        Map<String, String> common = new HashMap<>();
        common.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        if (replicationFactor >= 3) {
            // acks=all only means "every in-sync replica"; with one in sync that is one copy.
            common.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor - 1));
        }
        List<NewTopic> wanted = new ArrayList<>();
        List<String> entityTopics = new ArrayList<>();
        for (EntityType e : NeutralSchema.entities()) {
            Map<String, String> configs = new HashMap<>(common);
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            String name = TopicNames.entityTopic(prefix, e);
            entityTopics.add(name);
            wanted.add(new NewTopic(name, Optional.of(partitions), rf).configs(configs));
        }
        Map<String, String> quarantineConfigs = new HashMap<>(common);
        quarantineConfigs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        wanted.add(new NewTopic(TopicNames.quarantineTopic(prefix), Optional.of(1), rf).configs(quarantineConfigs));
        // One partition: Debezium reads its signals in order from a single one.
        wanted.add(new NewTopic(TopicNames.signalTopic(prefix), Optional.of(1), rf).configs(quarantineConfigs));
        // The captured-table record: one key per table, only the latest value matters.
        Map<String, String> stateConfigs = new HashMap<>(common);
        stateConfigs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        wanted.add(new NewTopic(TopicNames.sidecarStateTopic(prefix), Optional.of(1), rf).configs(stateConfigs));
        // Checkpoints: one partition, so that they are read in the order they were issued.
        Map<String, String> checkpointConfigs = new HashMap<>(common);
        checkpointConfigs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        checkpointConfigs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(CHECKPOINT_RETENTION_MS));
        wanted.add(new NewTopic(TopicNames.checkpointsTopic(prefix), Optional.of(1), rf).configs(checkpointConfigs));
        // Trust roots: keyed by version, every version kept (a mirror pinned to an old one walks up).
        wanted.add(new NewTopic(TopicNames.trustTopic(prefix), Optional.of(1), rf).configs(stateConfigs));
        try {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                log.info("Created {} topics under {}", missing.size(), prefix);
            }
            checkCompacted(admin, entityTopics.stream().filter(existing::contains).toList());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return;
            }
            throw new IllegalStateException("Could not create Herd's topics under " + prefix + ": " + cause, cause);
        }
    }

    private static void checkCompacted(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(60, TimeUnit.SECONDS);
        List<String> wrong = new ArrayList<>();
        configs.forEach((resource, config) -> {
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                wrong.add(resource.name() + " (cleanup.policy=" + (policy == null ? "?" : policy.value()) + ")");
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Herd's entity topics must be compacted, or mirrors that join later lose "
                    + "rows: " + String.join(", ", wrong) + ". Set cleanup.policy=compact on them.");
        }
    }
}
