package org.herd.cli.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.PrivateKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new KeysCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void aNewKeyFileIsTheOwnersOnlyAndItsPublicHalfIsPrinted() throws Exception {
        Path file = dir.resolve("origin.key");

        assertThat(run("--out", file.toString())).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Ed25519KeyPair key = PrivateKeyFile.read(file);
        assertThat(out.toString()).contains("wrote " + file, "public key: " + key.publicKey().base64(),
                "key id:     " + key.keyId());
        assertThat(out.toString()).doesNotContain(Files.readString(file).split("\n")[1]);
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("origin.key");
        Files.writeString(file, "precious");

        assertThat(run("--out", file.toString())).isEqualTo(1);

        assertThat(Files.readString(file)).isEqualTo("precious");
        assertThat(err.toString()).contains(file + " exists; refusing to overwrite");
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--out=PATH'");
        assertThat(run("--out", dir.resolve("no/such/dir/k.key").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot create");
    }
}
