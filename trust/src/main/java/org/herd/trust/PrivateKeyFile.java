package org.herd.trust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Ed25519 private keys on disk as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}),
 * byte for byte the file {@code openssl genpkey -algorithm ed25519} writes, so that operators and
 * trustees can make, inspect and back up keys with OpenSSL as well as with Herd.
 *
 * <p>The file is the only protection of the key, so it is guarded both ways: it is created with
 * owner-only permissions (0600) in the same call that creates it, never widened and narrowed
 * afterwards, and never overwrites an existing file; a key file that the group or others may
 * read or write is refused. Nothing read from a key file appears in an exception message.
 */
public final class PrivateKeyFile {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    /**
     * DER of PKCS#8 v1 PrivateKeyInfo for Ed25519 (RFC 8410) up to the key:
     * SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }.
     * With the 32-byte seed appended it is the whole 48-byte structure OpenSSL writes.
     */
    private static final byte[] PKCS8_PREFIX = Bytes.HEX.parseHex("302e020100300506032b657004220420");

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateKeyFile() {
    }

    /**
     * Writes {@code key} to a new file {@code path} with permissions 0600.
     *
     * @throws FileAlreadyExistsException when {@code path} exists: a key file is never overwritten
     * @throws IOException when the file cannot be created (also on a file system without POSIX
     *                     permissions, where owner-only access cannot be set)
     */
    public static void write(Path path, Ed25519KeyPair key) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        byte[] pem = toPem(key).getBytes(StandardCharsets.US_ASCII);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path.toString(), null,
                    "refusing to overwrite an existing file with a private key");
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot create key file " + path + " with owner-only permissions: its file system "
                    + "has no POSIX permissions", e);
        }
        boolean written = false;
        try (channel) {
            ByteBuffer buf = ByteBuffer.wrap(pem);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            // A key file that vanishes in a power cut after it was reported written would be a key lost.
            channel.force(true);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Reads the key in {@code path}.
     *
     * @throws IOException          when the file cannot be read, or when its permissions let the
     *                              group or others read or write it (the message names the path
     *                              and the permissions)
     * @throws TrustFormatException when the file is not an unencrypted PKCS#8 Ed25519 key
     */
    public static Ed25519KeyPair read(Path path) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot check who may read key file " + path + ": its file system has no POSIX "
                    + "permissions", e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IOException("key file " + path + " has permissions " + PosixFilePermissions.toString(permissions)
                    + ": a private key must be readable by its owner only (chmod 600 " + path + ")");
        }
        return fromPem(Files.readString(path, StandardCharsets.US_ASCII), path.toString());
    }

    /** The PEM text of {@code key}: one base64 line of the 48-byte DER, as OpenSSL writes it. */
    static String toPem(Ed25519KeyPair key) {
        byte[] der = new byte[PKCS8_PREFIX.length + Ed25519KeyPair.SEED_LENGTH];
        System.arraycopy(PKCS8_PREFIX, 0, der, 0, PKCS8_PREFIX.length);
        System.arraycopy(key.seed(), 0, der, PKCS8_PREFIX.length, Ed25519KeyPair.SEED_LENGTH);
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + END + "\n";
    }

    /**
     * Reads PEM text; {@code where} names the source in error messages. Accepts the PKCS#8 v1
     * form OpenSSL writes and the v2 form (RFC 8410 with the public key) other tools may write.
     */
    static Ed25519KeyPair fromPem(String text, String where) {
        String trimmed = text.strip();
        if (trimmed.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new TrustFormatException(where + " holds an encrypted private key; Herd reads unencrypted PKCS#8 "
                    + "keys, protected by the file's permissions");
        }
        if (!trimmed.startsWith(BEGIN) || !trimmed.endsWith(END)) {
            throw new TrustFormatException(where + " is not a PEM private key: expected the lines " + BEGIN + " and "
                    + END + " (PKCS#8, as openssl genpkey -algorithm ed25519 writes)");
        }
        String body = trimmed.substring(BEGIN.length(), trimmed.length() - END.length());
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new TrustFormatException(where + ": the PEM body is not base64");
        }
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            // The cause is left out on purpose: parser messages may quote the bytes of the key.
            throw new TrustFormatException(where + ": not a readable PKCS#8 private key");
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new TrustFormatException(where + ": a PKCS#8 key of another algorithm ("
                    + key.getClass().getSimpleName().replace("PrivateKeyParameters", "").replace("Parameters", "")
                    + "); Herd keys are Ed25519");
        }
        return Ed25519KeyPair.of(ed25519);
    }
}
