package org.herd.trust;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The hashes behind checkpoint digests (see {@link EntityDigest} for why they have this shape).
 * All are SHA-256 over domain-tagged, length-prefixed fields, big-endian:
 *
 * <pre>
 * key hash     = first 8 bytes of SHA-256(Kafka key bytes)
 * fingerprint  = first 8 bytes of SHA-256("herd-row/1" 0x00 ‖ u32 len ‖ key bytes ‖ u64 epoch
 *                    ‖ u16 len ‖ binlog file ‖ u64 pos ‖ u64 event ‖ u32 row ‖ SHA-256(value))
 * contribution = SHA-256("herd-digest/1" 0x00 ‖ u16 len ‖ entity ‖ fingerprint as 8 bytes),
 *                    read as an unsigned 256-bit big-endian integer
 * </pre>
 *
 * The key hash and the fingerprint are the first 8 bytes of the hash read as a big-endian
 * {@code long}, so as signed Java values they may be negative. The fingerprint covers the whole
 * signed record version (key, epoch, position, value) but not the entity, which the contribution
 * adds, so that one 8-byte value per row is all a sidecar needs to keep.
 */
public final class Fingerprints {

    /** Domain tag of row fingerprints. */
    public static final String ROW_DOMAIN = "herd-row/1";
    /** Domain tag of digest contributions. */
    public static final String DIGEST_DOMAIN = "herd-digest/1";

    private Fingerprints() {
    }

    /** The 64-bit hash of a Kafka key under which a {@link DigestIndex} keeps the row. */
    public static long keyHash(byte[] kafkaKey) {
        Objects.requireNonNull(kafkaKey, "kafkaKey");
        return Bytes.readLong(Bytes.sha256(kafkaKey), 0);
    }

    /** The fingerprint of one version of a row. */
    public static long row(byte[] kafkaKey, long epoch, BinlogPosition position, byte[] valueSha256) {
        Objects.requireNonNull(kafkaKey, "kafkaKey");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(valueSha256, "valueSha256");
        if (valueSha256.length != 32) {
            throw new IllegalArgumentException("a value hash is 32 bytes of SHA-256, found " + valueSha256.length);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch);
        }
        ByteWriter bytes = ByteWriter.forHashing()
                .tag(ROW_DOMAIN)
                .bytes(kafkaKey)
                .u64(epoch)
                .string(position.file(), "binlog file name")
                .u64(position.pos())
                .u64(position.event())
                .u32(position.row())
                .raw(valueSha256);
        MessageDigest sha256 = Bytes.threadSha256();
        bytes.updateDigest(sha256);
        return Bytes.readLong(sha256.digest(), 0);
    }

    /** The contribution of a row with fingerprint {@code fingerprint} to {@code entity}'s digest. */
    public static byte[] contribution(String entity, long fingerprint) {
        return contribution(contributionPrefix(entity), fingerprint, Bytes.threadSha256());
    }

    static byte[] contributionPrefix(String entity) {
        Objects.requireNonNull(entity, "entity");
        return new ByteWriter(32 + entity.length()).tag(DIGEST_DOMAIN).string(entity, "entity").toByteArray();
    }

    static byte[] contribution(byte[] prefix, long fingerprint, MessageDigest sha256) {
        sha256.update(prefix);
        sha256.update(Bytes.longBytes(fingerprint));
        return sha256.digest();
    }
}
