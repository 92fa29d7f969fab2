package org.herd.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.OriginKey;
import org.herd.trust.PrivateKeyFile;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ceremony from the command line: create, sign offline, show; propose a rotation, sign, show. */
class TrustCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private final Ed25519KeyPair[] trustees = new Ed25519KeyPair[3];
    private Ed25519KeyPair origin1;
    private Ed25519KeyPair origin2;

    @BeforeEach
    void keys() throws Exception {
        for (int i = 0; i < 3; i++) {
            trustees[i] = key("trustee" + (i + 1) + ".key");
        }
        origin1 = key("origin1.key");
        origin2 = key("origin2.key");
    }

    private Ed25519KeyPair key(String name) throws Exception {
        assertThat(new CommandLine(new KeysCommand()).execute("--out", dir.resolve(name).toString())).isZero();
        return PrivateKeyFile.read(dir.resolve(name));
    }

    private int trust(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cmd = org.herd.cli.Herd.commandLine(System.out, System.err);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("trust"), java.util.Arrays.stream(args)).toArray(String[]::new));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private void init() {
        assertThat(trust("init", "--origin", "site-1",
                "--trustee", trustees[0].publicKey().base64() + ":alice",
                "--trustee", trustees[1].publicKey().base64() + ":bob",
                "--trustee", trustees[2].publicKey().base64(),
                "--threshold", "2", "--origin-key", origin1.publicKey().base64(),
                "--expires", "2031-06-01T00:00:00Z", "--out", file("v1.proposal.json"))).as(err.toString()).isZero();
    }

    private void sign(String trustee, String in, String signed) {
        assertThat(trust("sign", "--key", file(trustee), "--in", file(in), "--out", file(signed)))
                .as(err.toString()).isZero();
    }

    @Test
    void versionOneSignedByTheThresholdIsAValidChain() throws Exception {
        init();
        assertThat(out.toString()).contains("version 1 of origin site-1, expires 2031-06-01T00:00:00Z",
                "2 of 3 must sign", "epoch 1  active  " + origin1.keyId().hex(), "alice");

        // Unsigned, and then with one signature of two: a mirror refuses it.
        assertThat(trust("show", file("v1.proposal.json"))).isEqualTo(1);
        assertThat(err.toString()).contains("threshold_not_met");
        sign("trustee1.key", "v1.proposal.json", "v1.one.json");
        assertThat(out.toString()).contains("signed version 1 of origin site-1", "a trustee of it", "1 signatures");
        assertThat(trust("show", file("v1.one.json"))).isEqualTo(1);

        sign("trustee3.key", "v1.one.json", "v1.json");
        assertThat(trust("show", file("v1.json"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("valid: a mirror that pins version 1 trusts version 1");
        assertThat(TrustState.pin(Files.readAllBytes(dir.resolve("v1.json")), Instant.now()).accepted()).isTrue();
    }

    @Test
    void aRotationIsProposedSignedAndFollowsTheChain() throws Exception {
        init();
        sign("trustee1.key", "v1.proposal.json", "v1.one.json");
        sign("trustee2.key", "v1.one.json", "v1.json");

        assertThat(trust("propose", "--current", file("v1.json"), "--rotate-origin-key",
                origin2.publicKey().base64(), "--revoke-previous", "--out", file("v2.proposal.json")))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("changes from version 1", "added at epoch 2",
                "(epoch 1) active -> revoked");
        sign("trustee2.key", "v2.proposal.json", "v2.one.json");
        sign("trustee3.key", "v2.one.json", "v2.json");

        assertThat(trust("show", file("v1.json"), file("v2.json"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("valid: a mirror that pins version 1 trusts version 2");
        SignedRoot v2 = SignedRoot.parse(Files.readAllBytes(dir.resolve("v2.json")));
        assertThat(v2.root().originKeys()).extracting(OriginKey::epoch, OriginKey::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, false),
                        org.assertj.core.groups.Tuple.tuple(2L, true));
        // Out of order, the chain is refused.
        assertThat(trust("show", file("v2.json"), file("v1.json"))).isEqualTo(1);
        assertThat(err.toString()).contains("rollback");
    }

    @Test
    void trusteesChangeAndANewVersionNeedsTheOldTrustees() throws Exception {
        init();
        sign("trustee1.key", "v1.proposal.json", "v1.a.json");
        sign("trustee2.key", "v1.a.json", "v1.json");
        Ed25519KeyPair dave = key("dave.key");
        assertThat(trust("propose", "--current", file("v1.json"), "--add-trustee", dave.publicKey().base64() + ":dave",
                "--remove-trustee", trustees[2].keyId().hex(), "--threshold", "2", "--out", file("v2.proposal.json")))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("trustee dave", "added", "removed");
        // Signed only by the new trustee and one old one: version 1 wanted two of its own.
        sign("dave.key", "v2.proposal.json", "v2.a.json");
        sign("trustee1.key", "v2.a.json", "v2.json");
        assertThat(trust("show", file("v1.json"), file("v2.json"))).isEqualTo(1);
        assertThat(err.toString()).contains("threshold_not_met");
    }

    @Test
    void usageErrorsAreExitTwoAndFilesAreNeverOverwritten() throws Exception {
        assertThat(trust()).isEqualTo(2);
        assertThat(trust("init", "--origin", "site-1")).isEqualTo(2);
        assertThat(trust("init", "--origin", "site-1", "--trustee", "not-a-key", "--threshold", "1",
                "--origin-key", origin1.publicKey().base64(), "--out", file("x.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("--trustee").contains("base64");
        assertThat(trust("init", "--origin", "site-1", "--trustee", trustees[0].publicKey().base64(),
                "--threshold", "2", "--origin-key", origin1.publicKey().base64(), "--out", file("x.json")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("threshold 2 must be from 1 to the number of trustees, 1");
        assertThat(trust("init", "--origin", "site-1", "--trustee", trustees[0].publicKey().base64(),
                "--threshold", "1", "--origin-key", origin1.publicKey().base64(), "--expires", "soon",
                "--out", file("x.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("--expires must be");
        assertThat(trust("show", file("missing.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist");
        init();
        assertThat(trust("propose", "--current", file("v1.proposal.json"), "--out", file("v2.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("no change named");
        Files.writeString(dir.resolve("taken.json"), "{}");
        assertThat(trust("sign", "--key", file("trustee1.key"), "--in", file("v1.proposal.json"), "--out",
                file("taken.json"))).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("taken.json"))).isEqualTo("{}");
        assertThat(trust("publish", "--root", file("v1.proposal.json"), "--bogus=1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'").doesNotContain("=1");
        assertThat(trust("publish", "--root", file("v1.proposal.json"), "--herd.sidecar.origin=site-1")).isEqualTo(2);
        assertThat(err.toString()).contains("herd.sidecar.kafka.bootstrap-servers is required");
        assertThat(trust("publish", "--root", file("v1.proposal.json"), "--herd.sidecar.origin=site-2",
                "--herd.sidecar.kafka.bootstrap-servers=localhost:1")).isEqualTo(2);
        assertThat(err.toString()).contains("is a trust root of origin 'site-1', but herd.sidecar.origin is 'site-2'");
    }
}
