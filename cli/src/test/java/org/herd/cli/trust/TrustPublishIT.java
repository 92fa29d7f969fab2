package org.herd.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.herd.embedded.EmbeddedStack;
import org.herd.kafka.KafkaTopicReader;
import org.herd.testkit.TestTrust;
import org.herd.trust.RootCeremony;
import org.herd.trust.RootChange;
import org.herd.trust.SignedRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** herd trust publish against a real broker: only the next valid version goes to <prefix>._trust. */
class TrustPublishIT {

    @TempDir
    Path dir;

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final String origin = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int publish(SignedRoot root) throws Exception {
        Path file = dir.resolve("root-" + UUID.randomUUID() + ".json");
        Files.write(file, root.toFileBytes());
        CommandLine cmd = org.herd.cli.Herd.commandLine(System.out, System.err);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute("trust", "publish", "--root", file.toString(), "--herd.sidecar.origin=" + origin,
                "--herd.sidecar.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers());
    }

    private List<ConsumerRecord<byte[], byte[]>> topic() {
        return KafkaTopicReader.readAll(stack.kafka().bootstrapServers(), Set.of("herd." + origin + "._trust"));
    }

    @Test
    void eachVersionIsPublishedOnceAndOnlyAfterTheOneBefore() throws Exception {
        List<SignedRoot> chain = TestTrust.chain(origin, 2);
        assertThat(publish(chain.get(0))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("published trust root v1 of origin " + origin + " to herd." + origin
                + "._trust (2 signatures)");
        assertThat(publish(chain.get(0))).isZero();
        assertThat(out.toString()).contains("version 1 of origin " + origin + " is on herd." + origin + "._trust already");

        // A version 2 signed by one trustee only is refused, and nothing is sent.
        SignedRoot once = RootCeremony.sign(SignedRoot.unsigned(chain.get(1).root()), TestTrust.trustee(1));
        assertThat(publish(once)).isEqualTo(1);
        assertThat(err.toString()).contains("would refuse", "threshold_not_met");
        // A version 3 before version 2 is a gap.
        SignedRoot v3 = RootCeremony.sign(RootCeremony.sign(SignedRoot.unsigned(RootCeremony.propose(
                chain.get(1).root(), TestTrust.EXPIRES, List.of(new RootChange.SetThreshold(3)))),
                TestTrust.trustee(1)), TestTrust.trustee(2));
        assertThat(publish(v3)).isEqualTo(1);
        assertThat(err.toString()).contains("version_gap");

        assertThat(publish(chain.get(1))).as(err.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = topic();
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("1", "2");
        assertThat(SignedRoot.parse(records.get(1).value()).sameContent(chain.get(1))).isTrue();
    }
}
