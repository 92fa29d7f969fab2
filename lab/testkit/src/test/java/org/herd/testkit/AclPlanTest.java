package org.herd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclPlanTest {

    private final AclPlan plan = AclPlan.forOrigin("mysite");

    @Test
    void theSidecarWritesAndReadsEveryTopicOfItsPrefixOnly() {
        List<AclBinding> acls = plan.sidecar("herd-sidecar-mysite");
        assertThat(acls).filteredOn(a -> a.entry().operation() == AclOperation.READ
                        && a.pattern().resourceType() == ResourceType.TOPIC)
                .singleElement().satisfies(a -> {
                    assertThat(a.pattern().name()).isEqualTo("herd.mysite.");
                    assertThat(a.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                });
        assertThat(acls).filteredOn(a -> a.pattern().resourceType() == ResourceType.GROUP)
                .extracting(a -> a.pattern().name())
                .containsExactly("herd-sidecar-mysite-signals", "mysite-schemahistory");
        assertThat(acls).allSatisfy(a -> assertThat(a.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW));
        assertThat(acls).noneMatch(a -> a.pattern().resourceType() == ResourceType.CLUSTER);
    }

    @Test
    void aMirrorReadsTheTopicsButNotTheOriginsBookkeepingAndOnlyItsOwnGroups() {
        List<AclBinding> acls = plan.mirror("herd-mirror-alice", "alice");
        assertThat(acls).filteredOn(a -> a.entry().permissionType() == AclPermissionType.DENY)
                .extracting(a -> a.pattern().name())
                .containsExactlyElementsOf(plan.operatorTopics())
                .doesNotContain("herd.mysite._checkpoints", "herd.mysite._trust");
        assertThat(acls).noneMatch(a -> a.entry().operation() == AclOperation.WRITE);
        assertThat(acls).filteredOn(a -> a.pattern().resourceType() == ResourceType.GROUP)
                .singleElement().satisfies(a -> {
                    assertThat(a.pattern().name()).isEqualTo("herd-mirror-alice.");
                    assertThat(a.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                });
    }

    @Test
    void aRelayReadsAndDescribesConfigsWithoutAGroup() {
        List<AclBinding> acls = plan.relay("herd-relay-bob");
        assertThat(acls).noneMatch(a -> a.pattern().resourceType() == ResourceType.GROUP);
        assertThat(acls).anyMatch(a -> a.entry().operation() == AclOperation.DESCRIBE_CONFIGS);
        assertThat(acls).noneMatch(a -> a.entry().operation() == AclOperation.WRITE);
    }

    @Test
    void namesThatCouldOverlapAnotherPrefixAreRefused() {
        assertThatThrownBy(() -> AclPlan.mirrorGroupPrefix("alice.main")).hasMessageContaining("alice.main");
        assertThatThrownBy(() -> AclPlan.forOrigin("My.Site")).hasMessageContaining("My.Site");
        assertThatThrownBy(() -> new AclPlan("mysite", "herd.mysite.")).hasMessageContaining("herd.mysite.");
    }

    @Test
    void commandsGroupOperationsByPrincipalPermissionAndResource() {
        assertThat(AclPlan.commands(plan.relay("herd-relay-bob"))).startsWith("""
                $ACLS --add --allow-principal User:herd-relay-bob \\
                    --operation Read --operation Describe --operation DescribeConfigs \\
                    --topic herd.mysite. --resource-pattern-type prefixed
                $ACLS --add --deny-principal User:herd-relay-bob \\
                    --operation Read \\
                    --topic herd.mysite._offsets
                """);
    }

    /** docs/operator.md gives operators exactly these commands. */
    @Test
    void operatorMdGivesThePlansCommands() throws Exception {
        String doc = Files.readString(Path.of("..", "..", "docs", "operator.md"));
        for (List<AclBinding> acls : List.of(plan.sidecar("herd-sidecar-mysite"), plan.mirror("herd-mirror-alice", "alice"),
                plan.relay("herd-relay-bob"))) {
            String expected = AclPlan.commands(acls);
            assertThat(doc).as("docs/operator.md, section \"A locked-down Kafka cluster\", should hold:%n%s", expected)
                    .contains(expected);
        }
    }
}
