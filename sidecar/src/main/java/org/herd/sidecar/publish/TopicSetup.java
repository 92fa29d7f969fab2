package org.herd.sidecar.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the sidecar writes to, if they do not exist: one compacted topic per
 * entity (a late mirror reads the latest record of every row, deletes included) and the
 * quarantine topic (kept by time, not compacted). Existing topics are left as they are, so an
 * operator's own settings win.
 */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    public static void ensureTopics(Admin admin, String prefix, int partitions, short replicationFactor)
            throws InterruptedException {
        Optional<Short> rf = replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
        List<NewTopic> wanted = new ArrayList<>();
        for (EntityType e : NeutralSchema.entities()) {
            wanted.add(new NewTopic(TopicNames.entityTopic(prefix, e), Optional.of(partitions), rf)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        wanted.add(new NewTopic(TopicNames.quarantineTopic(prefix), Optional.of(1), rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
        try {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                log.info("Created {} topics under {}", missing.size(), prefix);
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return;
            }
            throw new IllegalStateException("Could not create Herd's topics under " + prefix + ": " + cause, cause);
        }
    }
}
