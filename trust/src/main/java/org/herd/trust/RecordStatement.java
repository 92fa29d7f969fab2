package org.herd.trust;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the origin's signature of one record says, as bytes that have exactly one encoding
 * ({@link #encode()}, laid out in {@code docs/trust.md}):
 *
 * <pre>
 * "herd-record/1" 0x00
 * u16 length ‖ origin (UTF-8)
 * u64 epoch
 * u16 length ‖ entity (UTF-8)
 * u32 length ‖ Kafka key bytes, exactly as published
 * u8  op (0x01 upsert, 0x02 delete)
 * u16 length ‖ binlog file name (UTF-8) ‖ u64 pos ‖ u64 event ‖ u32 row
 * 32 bytes SHA-256 of the Kafka value bytes
 * </pre>
 *
 * <p>All integers are big-endian. The value is covered by its hash, so the statement stays small
 * however large the record; the Kafka key is covered byte for byte because it is not inside the
 * value and is what compaction and partitioning act on. Origin, epoch, entity, op and position
 * are named again, outside the hash, so that a verifier can see what was signed without trusting
 * its own reading of the value, and so that a record moved to another topic, origin or key
 * fails. Statements are signed in batches, as the leaves of a Merkle tree whose root the origin
 * key signs ({@link MerkleTree}); each record carries its proof and verifies on its own, without
 * chaining to earlier ones: compaction removes records from the log, so no chain could survive it.
 *
 * @param origin      the origin's id
 * @param epoch       epoch of the origin key that signs (see {@code docs/trust.md})
 * @param entity      neutral entity name, which is also the topic suffix
 * @param key         the Kafka key bytes (not copied; the caller must not change them)
 * @param op          upsert or delete
 * @param position    the record's binlog position
 * @param valueSha256 SHA-256 of the Kafka value bytes, 32 bytes (not copied)
 */
public record RecordStatement(String origin, long epoch, String entity, byte[] key, RecordOp op,
        BinlogPosition position, byte[] valueSha256) {

    /** Domain tag: the statement bytes start with it and a 0x00 byte. */
    public static final String DOMAIN = "herd-record/1";

    public RecordStatement {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(valueSha256, "valueSha256");
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch);
        }
        if (valueSha256.length != 32) {
            throw new IllegalArgumentException("a value hash is 32 bytes of SHA-256, found " + valueSha256.length);
        }
    }

    /** The statement of a record whose Kafka value is {@code value}; hashes the value. */
    public static RecordStatement of(String origin, long epoch, String entity, byte[] key, RecordOp op,
            BinlogPosition position, byte[] value) {
        Objects.requireNonNull(value, "value");
        return new RecordStatement(origin, epoch, entity, key, op, position, Bytes.sha256(value));
    }

    /**
     * The statement of a record as published, with origin, epoch, entity, op and position read
     * from its value: for a sidecar that rebuilds its digests from its own topics. Values of a
     * sidecar that did not sign are read too, at {@code position.epoch} 0 or without it (then 0).
     * Nothing is verified: use {@link OriginVerifier} for records of untrusted origin.
     *
     * @throws TrustFormatException naming the member that is missing or of the wrong type, never
     *                              quoting the payload
     */
    public static RecordStatement read(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        RecordEnvelope e = RecordEnvelope.read(value, true);
        try {
            return of(e.origin(), e.epoch(), e.entity(), key, e.op(), e.position(), value);
        } catch (IllegalArgumentException ex) {
            throw new TrustFormatException("value: " + ex.getMessage());
        }
    }

    /** The bytes the record's leaf hash covers. */
    public byte[] encode() {
        return write(new ByteWriter(96 + key.length + entity.length() + position.file().length())).toByteArray();
    }

    /** {@code MerkleTree.leafHash(encode())}, without keeping the bytes. */
    byte[] leafHash() {
        return MerkleTree.leafHashOfWritten(write(ByteWriter.forHashing()));
    }

    private ByteWriter write(ByteWriter w) {
        return w.tag(DOMAIN)
                .string(origin, "origin")
                .u64(epoch)
                .string(entity, "entity")
                .bytes(key)
                .u8(op.code())
                .string(position.file(), "binlog file name")
                .u64(position.pos())
                .u64(position.event())
                .u32(position.row())
                .raw(valueSha256);
    }

    /** {@link Fingerprints#keyHash} of this record's Kafka key. */
    public long keyHash() {
        return Fingerprints.keyHash(key);
    }

    /** {@link Fingerprints#row} of this record: what a digest holds for it while it is live. */
    public long rowFingerprint() {
        return Fingerprints.row(key, epoch, position, valueSha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordStatement s && origin.equals(s.origin) && epoch == s.epoch
                && entity.equals(s.entity) && Arrays.equals(key, s.key) && op == s.op
                && position.equals(s.position) && Arrays.equals(valueSha256, s.valueSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, epoch, entity, Arrays.hashCode(key), op, position, Arrays.hashCode(valueSha256));
    }

    /** Names the record without its key or value bytes. */
    @Override
    public String toString() {
        return origin + " epoch " + epoch + " " + entity + " " + op.wireName() + " at " + position;
    }
}
