package org.herd.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.herd.translator.wire.TopicNames;

/**
 * The Kafka ACLs of a locked-down origin cluster, as docs/operator.md ("A locked-down Kafka
 * cluster") gives them to operators as {@code kafka-acls.sh} commands; {@link #commands} renders
 * them, and a test keeps the page equal to it.
 *
 * <ul>
 * <li>The sidecar's principal writes, reads, creates and describes every topic under the origin's
 * prefix (it reads its own bookkeeping, {@code <prefix>._*}, and, when it signs, the entity topics
 * from which it rebuilds its checkpoint digests at start-up), and reads as the consumer groups of
 * its signal channel and schema history.</li>
 * <li>A mirror's principal reads and describes the topics under the prefix, except the origin's
 * own bookkeeping, which an explicit DENY keeps from it (a DENY wins over any ALLOW), and uses
 * consumer groups under its own prefix {@code herd-mirror-<name>.} only: a mirror that could join
 * another's group could take partitions from it. Names cannot contain '.', so no mirror's prefix
 * is the beginning of another's.</li>
 * <li>A relay's principal reads like a mirror, without a group (MirrorMaker 2 assigns partitions
 * itself), and may read topic configurations, which it copies to the relay's cluster so that the
 * copies are compacted too.</li>
 * </ul>
 *
 * <p>Nothing here needs {@code IdempotentWrite} on the cluster: since Kafka 3.0 an idempotent
 * producer needs only Write on a topic (KIP-679).
 *
 * @param origin      the origin's id
 * @param topicPrefix the prefix of its topics, {@code herd.<origin>} unless the sidecar sets another
 */
public record AclPlan(String origin, String topicPrefix) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /**
     * The sidecar's bookkeeping under the prefix, which no mirror or relay reads. The first two are
     * the sidecar's DebeziumConfig names; the quarantine topic is for the origin's operator (see
     * docs/wire-format.md). {@code <prefix>._checkpoints} and {@code <prefix>._trust} are for
     * mirrors, and stay readable.
     */
    public List<String> operatorTopics() {
        return List.of(topicPrefix + "._offsets", topicPrefix + "._schema-history",
                TopicNames.signalTopic(topicPrefix), TopicNames.sidecarStateTopic(topicPrefix),
                TopicNames.quarantineTopic(topicPrefix));
    }

    public AclPlan {
        check("origin", origin);
        if (topicPrefix == null || !topicPrefix.matches("[A-Za-z0-9._-]+") || topicPrefix.endsWith(".")) {
            throw new IllegalArgumentException("topic prefix must be letters, digits, '.', '_' or '-' and must not "
                    + "end with '.': " + topicPrefix);
        }
    }

    /** The plan for {@code origin} under the default prefix {@code herd.<origin>}. */
    public static AclPlan forOrigin(String origin) {
        return new AclPlan(origin, TopicNames.defaultPrefix(check("origin", origin)));
    }

    /** The consumer group of the sidecar's Kafka signal channel (set in the sidecar's DebeziumConfig). */
    public String sidecarSignalGroup() {
        return "herd-sidecar-" + origin + "-signals";
    }

    /**
     * The consumer group of Debezium's schema-history reader: Debezium names it after the
     * connector's logical name, which is the sidecar's {@code topic.prefix}, the origin.
     */
    public String sidecarSchemaHistoryGroup() {
        return origin + "-schemahistory";
    }

    /** The prefix of the consumer groups of mirror {@code name}: {@code herd-mirror-<name>.}. */
    public static String mirrorGroupPrefix(String name) {
        return "herd-mirror-" + check("mirror name", name) + ".";
    }

    /** What the sidecar's principal {@code user} may do. */
    public List<AclBinding> sidecar(String user) {
        List<AclBinding> acls = new ArrayList<>();
        ResourcePattern everyTopic = prefixedTopics(topicPrefix + ".");
        // Read too: a signing sidecar rebuilds its checkpoint digests from its entity topics at start-up.
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE,
                AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS)) {
            acls.add(allow(everyTopic, user, op));
        }
        acls.add(allow(new ResourcePattern(ResourceType.GROUP, sidecarSignalGroup(), PatternType.LITERAL), user,
                AclOperation.READ));
        acls.add(allow(new ResourcePattern(ResourceType.GROUP, sidecarSchemaHistoryGroup(), PatternType.LITERAL),
                user, AclOperation.READ));
        return acls;
    }

    /** What mirror {@code name}'s principal {@code user} may do. */
    public List<AclBinding> mirror(String user, String name) {
        List<AclBinding> acls = new ArrayList<>(reader(user));
        acls.add(allow(new ResourcePattern(ResourceType.GROUP, mirrorGroupPrefix(name), PatternType.PREFIXED), user,
                AclOperation.READ));
        return acls;
    }

    /** What a relay's principal {@code user} may do: read like a mirror, and read topic configurations. */
    public List<AclBinding> relay(String user) {
        List<AclBinding> acls = new ArrayList<>(reader(user));
        acls.add(allow(prefixedTopics(topicPrefix + "."), user, AclOperation.DESCRIBE_CONFIGS));
        return acls;
    }

    private List<AclBinding> reader(String user) {
        List<AclBinding> acls = new ArrayList<>();
        ResourcePattern everyTopic = prefixedTopics(topicPrefix + ".");
        acls.add(allow(everyTopic, user, AclOperation.READ));
        acls.add(allow(everyTopic, user, AclOperation.DESCRIBE));
        for (String topic : operatorTopics()) {
            acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry(principal(user), "*", AclOperation.READ, AclPermissionType.DENY)));
        }
        return acls;
    }

    /** Creates {@code acls} through an administrator's client. */
    public static void apply(Admin admin, List<AclBinding> acls) {
        try {
            admin.createAcls(acls).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the ACLs " + acls + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        }
    }

    /**
     * {@code acls} as {@code kafka-acls.sh} commands, one per principal, permission and resource,
     * each starting with {@code $ACLS} (the tool with the administrator's connection options), on
     * three lines: principal, operations, resource.
     */
    public static String commands(List<AclBinding> acls) {
        Map<String, List<String>> operations = new LinkedHashMap<>();
        for (AclBinding acl : acls) {
            AccessControlEntry entry = acl.entry();
            ResourcePattern pattern = acl.pattern();
            String target = switch (pattern.resourceType()) {
                case TOPIC -> "--topic " + pattern.name();
                case GROUP -> "--group " + pattern.name();
                case CLUSTER -> "--cluster";
                default -> throw new IllegalArgumentException("no command for " + pattern);
            };
            if (pattern.patternType() == PatternType.PREFIXED) {
                target += " --resource-pattern-type prefixed";
            }
            String principal = "$ACLS --add --" + (entry.permissionType() == AclPermissionType.DENY ? "deny" : "allow")
                    + "-principal " + entry.principal();
            operations.computeIfAbsent(principal + "\n" + target, h -> new ArrayList<>())
                    .add("--operation " + operationName(entry.operation()));
        }
        return operations.entrySet().stream()
                .map(e -> e.getKey().replace("\n", " \\\n    " + String.join(" ", e.getValue()) + " \\\n    "))
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** {@code DESCRIBE_CONFIGS} as kafka-acls.sh spells it: {@code DescribeConfigs}. */
    private static String operationName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static ResourcePattern prefixedTopics(String prefix) {
        return new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED);
    }

    private static AclBinding allow(ResourcePattern pattern, String user, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal(user), "*", operation, AclPermissionType.ALLOW));
    }

    private static String principal(String user) {
        if (user == null || user.isBlank() || user.contains(" ")) {
            throw new IllegalArgumentException("a Kafka user name without spaces is required: " + user);
        }
        return "User:" + user;
    }

    private static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 63 lower case letters, digits, '-' or '_', "
                    + "starting with a letter or digit: " + name);
        }
        return name;
    }
}
