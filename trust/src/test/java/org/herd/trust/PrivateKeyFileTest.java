package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenKeyIsOwnerOnlyAndReadsBack() throws IOException {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        Path file = dir.resolve("origin.key");

        PrivateKeyFile.write(file, key);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PrivateKeyFile.read(file).publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("origin.key");
        PrivateKeyFile.write(file, Ed25519KeyPair.generate());
        String before = Files.readString(file);

        assertThatThrownBy(() -> PrivateKeyFile.write(file, Ed25519KeyPair.generate()))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedNamingPathAndPermissions() throws IOException {
        Path file = dir.resolve("origin.key");
        PrivateKeyFile.write(file, Ed25519KeyPair.generate());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> PrivateKeyFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("rw-r-----")
                .hasMessageContaining("owner only");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> PrivateKeyFile.read(file)).hasMessageContaining("rw----r--");
    }

    @Test
    void readsWhatOpensslWritesAndWritesTheSameBytes() throws IOException {
        // openssl genpkey -algorithm ed25519 -out openssl-ed25519.pem, and
        // openssl pkey -in openssl-ed25519.pem -pubout -outform DER | tail -c 32 | base64
        String pem = resource("openssl-ed25519.pem");
        String publicKey = resource("openssl-ed25519.pub").strip();
        Path file = ownerOnlyCopy("openssl.key", pem);

        Ed25519KeyPair key = PrivateKeyFile.read(file);

        assertThat(key.publicKey().base64()).isEqualTo(publicKey);
        assertThat(PrivateKeyFile.toPem(key)).isEqualTo(pem);
    }

    @Test
    void otherKeysAreRefusedWithoutQuotingThem() throws IOException {
        String p256 = resource("openssl-p256.pem");
        Path ec = ownerOnlyCopy("p256.key", p256);
        assertThatThrownBy(() -> PrivateKeyFile.read(ec))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining(ec.toString())
                .hasMessageContaining("another algorithm")
                .hasMessageContaining("Ed25519");

        Path encrypted = ownerOnlyCopy("encrypted.key", resource("openssl-ed25519-encrypted.pem"));
        assertThatThrownBy(() -> PrivateKeyFile.read(encrypted)).hasMessageContaining("encrypted private key");

        String garbled = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAQf\n-----END PRIVATE KEY-----\n";
        Path truncated = ownerOnlyCopy("truncated.key", garbled);
        assertThatThrownBy(() -> PrivateKeyFile.read(truncated))
                .isInstanceOf(TrustFormatException.class)
                .hasMessageContaining("not a readable PKCS#8 private key")
                .hasMessageNotContaining("MC4CAQAwBQYDK2VwBCIEIAQf");

        Path notPem = ownerOnlyCopy("public.key", resource("openssl-ed25519.pub"));
        assertThatThrownBy(() -> PrivateKeyFile.read(notPem)).hasMessageContaining("is not a PEM private key")
                .hasMessageNotContaining(resource("openssl-ed25519.pub").strip());
    }

    @Test
    void theSeedIsWhatTheFileHolds() {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);

        String pem = PrivateKeyFile.toPem(key);

        String body = pem.lines().skip(1).findFirst().orElseThrow();
        assertThat(HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(body)))
                .isEqualTo("302e020100300506032b657004220420" + HexFormat.of().formatHex(seed));
        assertThat(PrivateKeyFile.fromPem(pem, "test").publicKey()).isEqualTo(key.publicKey());
    }

    private Path ownerOnlyCopy(String name, String content) throws IOException {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
        return file;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PrivateKeyFileTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
