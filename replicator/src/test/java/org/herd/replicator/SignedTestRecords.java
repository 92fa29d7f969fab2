package org.herd.replicator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.herd.translator.NeutralRecord;
import org.herd.translator.SourcePosition;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.Ed25519KeyPair;
import org.herd.trust.OriginSigner;
import org.herd.trust.RecordOp;
import org.herd.trust.RecordStatement;
import org.herd.trust.RootCeremony;
import org.herd.trust.RootChange;
import org.herd.trust.SignedCheckpoint;
import org.herd.trust.SignedRecord;
import org.herd.trust.SignedRoot;
import org.herd.trust.Signer;
import org.herd.trust.TrustRoot;
import org.herd.trust.Trustee;

/**
 * Records signed as a signing sidecar signs them, with keys made from fixed labels (seed = SHA-256
 * of the label), and the trust roots that name those keys: three trustees, threshold two, the
 * origin key of epoch 1 and a successor of epoch 2.
 */
final class SignedTestRecords {

    static final Instant EXPIRES = Instant.parse("2040-01-01T00:00:00Z");

    private SignedTestRecords() {
    }

    static Ed25519KeyPair key(String label) {
        try {
            return Ed25519KeyPair.fromSeed(MessageDigest.getInstance("SHA-256")
                    .digest(label.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The origin key of {@code epoch} (the same for every origin: tests give each origin its own root). */
    static Ed25519KeyPair originKey(long epoch) {
        return key("herd mirror test origin key epoch " + epoch);
    }

    static List<Ed25519KeyPair> trustees() {
        return List.of(key("herd mirror test trustee 1"), key("herd mirror test trustee 2"),
                key("herd mirror test trustee 3"));
    }

    /** Version 1 for {@code origin}: the epoch-1 key, signed by trustees 1 and 2. */
    static SignedRoot rootV1(String origin) {
        return rootV1(origin, EXPIRES);
    }

    static SignedRoot rootV1(String origin, Instant expires) {
        List<Ed25519KeyPair> t = trustees();
        TrustRoot v1 = RootCeremony.create(origin, List.of(new Trustee(t.get(0).publicKey(), "one"),
                new Trustee(t.get(1).publicKey(), "two"), new Trustee(t.get(2).publicKey(), "three")), 2,
                originKey(1).publicKey(), expires);
        return sign(SignedRoot.unsigned(v1), t.get(0), t.get(1));
    }

    /**
     * The next version with the key of {@code epoch} added, the earlier ones kept active or
     * revoked; unsigned.
     */
    static SignedRoot rotated(SignedRoot previous, long epoch, boolean revokePrevious) {
        return SignedRoot.unsigned(RootCeremony.propose(previous.root(), EXPIRES,
                List.of(new RootChange.RotateOriginKey(originKey(epoch).publicKey(), revokePrevious))));
    }

    static SignedRoot sign(SignedRoot root, Ed25519KeyPair... trustees) {
        SignedRoot signed = root;
        for (Ed25519KeyPair k : trustees) {
            signed = RootCeremony.sign(signed, k);
        }
        return signed;
    }

    /** Signed by trustees 1 and 2: the threshold of every root here. */
    static SignedRoot signedByTwo(SignedRoot root) {
        return sign(root, trustees().get(0), trustees().get(1));
    }

    static Path write(Path dir, String name, SignedRoot root) {
        try {
            return Files.write(dir.resolve(name), root.toFileBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record as signed at {@code epoch}: its position carries the epoch. */
    static NeutralRecord atEpoch(NeutralRecord r, long epoch) {
        return new NeutralRecord(r.entity(), r.origin(), r.key(), r.op(), r.position().withEpoch(epoch), r.payload());
    }

    /** A record ready to publish: topic, Kafka key and value, headers. */
    record Signed(String topic, byte[] key, byte[] value, List<Header> headers) {

        ProducerRecord<byte[], byte[]> producerRecord() {
            return new ProducerRecord<>(topic, null, key, value, new RecordHeaders(headers));
        }

        ConsumerRecord<byte[], byte[]> consumerRecord(int partition, long offset) {
            return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, key == null ? -1 : key.length, value == null ? -1 : value.length,
                    key, value, new RecordHeaders(headers), java.util.Optional.empty());
        }

        Signed withValue(byte[] v) {
            return new Signed(topic, key, v, headers);
        }

        Signed withKey(byte[] k) {
            return new Signed(topic, k, value, headers);
        }

        Signed withTopic(String t) {
            return new Signed(t, key, value, headers);
        }

        Signed withHeaders(List<Header> h) {
            return new Signed(topic, key, value, h);
        }

        /** The value as text, for edits a relay might make. */
        String valueText() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /**
     * Signs {@code records} in one batch, as the sidecar does: each record's position gets the
     * signer's epoch, its topic is {@code prefix.entity}.
     */
    static List<Signed> sign(String prefix, OriginSigner signer, List<NeutralRecord> records) {
        List<RecordStatement> statements = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<NeutralRecord> stamped = new ArrayList<>();
        for (NeutralRecord r : records) {
            NeutralRecord s = atEpoch(r, signer.epoch());
            byte[] key = WireFormat.encodeKey(s);
            byte[] value = WireFormat.encode(s);
            SourcePosition p = s.position();
            statements.add(RecordStatement.of(s.origin(), signer.epoch(), s.entity(), key,
                    s.op() == org.herd.translator.Operation.DELETE ? RecordOp.DELETE : RecordOp.UPSERT,
                    new BinlogPosition(p.file(), p.pos(), p.event(), p.row()), value));
            keys.add(key);
            values.add(value);
            stamped.add(s);
        }
        List<SignedRecord> signed = signer.signBatch(statements);
        List<Signed> out = new ArrayList<>();
        for (int i = 0; i < signed.size(); i++) {
            List<Header> headers = new ArrayList<>();
            signed.get(i).headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
            out.add(new Signed(prefix + "." + stamped.get(i).entity(), keys.get(i), values.get(i), headers));
        }
        return out;
    }

    static List<Signed> sign(String prefix, OriginSigner signer, NeutralRecord... records) {
        return sign(prefix, signer, List.of(records));
    }

    /** The signer of {@code origin} with the key of {@code epoch}. */
    static OriginSigner signer(String origin, long epoch) {
        return new OriginSigner(new Signer(originKey(epoch)), origin, epoch);
    }

    /** A checkpoint signed by {@code signer}, as its topic's record. */
    static Signed checkpoint(String topic, OriginSigner signer, Checkpoint checkpoint) {
        SignedCheckpoint c = signer.signCheckpoint(checkpoint);
        List<Header> headers = new ArrayList<>();
        c.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        return new Signed(topic, checkpoint.origin().getBytes(StandardCharsets.UTF_8), c.value(), headers);
    }

    /** A trust root as its topic's record: key = version. */
    static Signed root(String topic, SignedRoot root) {
        return new Signed(topic, Integer.toString(root.version()).getBytes(StandardCharsets.UTF_8), root.toFileBytes(),
                List.of());
    }
}
