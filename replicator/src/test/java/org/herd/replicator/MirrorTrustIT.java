package org.herd.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.WireFormat;
import org.herd.trust.BinlogPosition;
import org.herd.trust.Checkpoint;
import org.herd.trust.EntityDigest;
import org.herd.trust.OriginSigner;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RecordVerification;
import org.herd.trust.RowsDigest;
import org.herd.trust.SignedRoot;
import org.herd.trust.Signer;
import org.herd.trust.TrustState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mirror that verifies, against real Kafka and PostgreSQL. Each named bad input gets its own
 * test: good signed records are applied, then the bad input is published, then a good marker
 * record after it; once the marker is applied, the bad input must be in herd.reject with its
 * reason, the rows it targeted unchanged, and counted in the status and the metric.
 */
class MirrorTrustIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final long MARKER = 99;

    @TempDir
    Path dir;

    private MirrorHarness mirror;
    private SignedRoot root;

    @BeforeAll
    static void servers() {
        ItServers.kafka();
        ItServers.postgres();
    }

    @AfterEach
    void closeMirror() {
        if (mirror != null) {
            mirror.close();
        }
    }

    /** A mirror pinned at version 1 of its origin's root, unless {@code pinned} makes another from the origin. */
    private MirrorHarness verifying(TestInfo test, java.util.function.Function<String, SignedRoot> pinned) {
        String name = test.getTestMethod().orElseThrow().getName().replaceAll("[^A-Za-z0-9]", "");
        mirror = new MirrorHarness(ItServers.kafka(), ItServers.postgres(), name.substring(0, Math.min(12, name.length())));
        root = pinned.apply(mirror.origin);
        mirror.withTopics(1).withTrust(SignedTestRecords.write(dir, "root.json", root));
        return mirror;
    }

    private MirrorHarness verifying(TestInfo test) {
        return verifying(test, SignedTestRecords::rootV1);
    }

    private static NeutralRecord artist(MirrorHarness h, long id, String name, long pos) {
        return TestRecords.artist(h.origin, id, name, TestRecords.at(pos));
    }

    private static SignedTestRecords.Signed signed(MirrorHarness h, long epoch, NeutralRecord r) {
        return SignedTestRecords.sign(h.prefix, SignedTestRecords.signer(h.origin, epoch), r).get(0);
    }

    /** Starts the mirror and applies artists 1 "One" and 2 "Two", signed by the key of epoch 1. */
    private void startWithGoodRecords(MirrorHarness h) {
        h.startMirror();
        h.sendSigned(SignedTestRecords.sign(h.prefix, SignedTestRecords.signer(h.origin, 1),
                artist(h, 1, "One", 10), artist(h, 2, "Two", 11)));
        await().atMost(PATIENCE).until(() -> "Two".equals(name(h, 2)) && "One".equals(name(h, 1)));
    }

    /** Publishes {@code bad}, then a marker signed by {@code markerEpoch}'s key, and waits for the marker. */
    private void sendThenMarker(MirrorHarness h, long markerEpoch, SignedTestRecords.Signed... bad) {
        h.sendSigned(bad);
        h.sendSigned(signed(h, markerEpoch, artist(h, MARKER, "Marker", 1_000)));
        await().atMost(PATIENCE).until(() -> "Marker".equals(name(h, MARKER)));
    }

    private static String name(MirrorHarness h, long id) {
        List<Map<String, Object>> rows = h.query("SELECT name FROM herd.artist WHERE artist_id = ? AND NOT deleted",
                id);
        return rows.isEmpty() ? null : (String) rows.get(0).get("name");
    }

    private static List<Map<String, Object>> rejects(MirrorHarness h) {
        return h.query("SELECT subject, reason, topic, \"offset\", entity, entity_key, source_position, key_id, detail,"
                + " resolved_at, resolution FROM herd.reject ORDER BY id");
    }

    private static MirrorStatus.OriginStatus status(MirrorHarness h) throws SQLException {
        List<MirrorStatus.OriginStatus> all = MirrorStatus.read(h.db, h.origin);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /**
     * The records refused are exactly {@code reasons} (in order), each counted in the status, the
     * progress line and the metric; every other reason counts zero.
     */
    private static void assertRefused(MirrorHarness h, String... reasons) throws SQLException {
        List<Map<String, Object>> rejects = rejects(h);
        assertThat(rejects).extracting(r -> r.get("reason")).as(rejects.toString()).containsExactly((Object[]) reasons);
        assertThat(rejects).allSatisfy(r -> assertThat(r.get("subject")).isEqualTo("record"));
        Map<String, Long> expected = new TreeMap<>();
        RejectedRecord.RECORD_REASONS.forEach(r -> expected.put(r, 0L));
        for (String r : reasons) {
            expected.merge(r, 1L, Long::sum);
        }
        assertThat(new TreeMap<>(status(h).rejectedRecords())).isEqualTo(expected);
        MeterRegistry registry = h.startedMirror().getBean(MeterRegistry.class);
        for (String r : reasons) {
            assertThat(h.progress().rejectedByReason()).containsEntry(r, expected.get(r));
            Counter counter = registry.find(RejectMetrics.NAME).tag("origin", h.origin).tag("subject", "record")
                    .tag("reason", r).counter();
            assertThat(counter).as("metric of %s", r).isNotNull();
            assertThat(counter.count()).isEqualTo(expected.get(r).doubleValue());
        }
    }

    /** Artists 1 and 2 as the good records left them, and nothing of id 3. */
    private static void assertRowsUnchanged(MirrorHarness h) {
        assertThat(name(h, 1)).isEqualTo("One");
        assertThat(name(h, 2)).isEqualTo("Two");
        assertThat(h.count("SELECT count(*) FROM herd.artist WHERE artist_id = 3")).isZero();
    }

    @Test
    void alteredPayload(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedTestRecords.Signed s = signed(h, 1, artist(h, 1, "Genuine", 20));

        sendThenMarker(h, 1, s.withValue(s.valueText().replace("Genuine", "Forged!").getBytes(StandardCharsets.UTF_8)));

        assertRefused(h, "bad_signature");
        assertRowsUnchanged(h);
        Map<String, Object> r = rejects(h).get(0);
        assertThat(r.get("entity")).isEqualTo("artist");
        assertThat(r.get("entity_key")).isEqualTo("{\"artist_id\":1}");
        assertThat(r.get("source_position")).isEqualTo("e1:mysql-bin.000001:20/0#0");
        assertThat(r.get("key_id")).isEqualTo(SignedTestRecords.originKey(1).keyId().hex());
        assertThat((String) r.get("detail")).contains("does not match").doesNotContain("Forged");
    }

    @Test
    void alteredKey(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedTestRecords.Signed s = signed(h, 1, artist(h, 1, "Moved", 20));

        // The value names artist 1; the key is changed to artist 2's, which compaction would act on.
        sendThenMarker(h, 1, s.withKey("{\"artist_id\":2}".getBytes(StandardCharsets.UTF_8)));

        assertRefused(h, "bad_signature");
        assertRowsUnchanged(h);
    }

    @Test
    void alteredPosition(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedTestRecords.Signed s = signed(h, 1, artist(h, 3, "Early", 5));

        // Moved up, so that it would win the position guard against later versions.
        sendThenMarker(h, 1, s.withValue(s.valueText().replace("\"pos\":5", "\"pos\":500000")
                .getBytes(StandardCharsets.UTF_8)));

        assertRefused(h, "bad_signature");
        assertRowsUnchanged(h);
    }

    @Test
    void recordOfAnotherOriginOnThisOriginsTopic(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        NeutralRecord other = TestRecords.artist("other", 3, "Elsewhere", TestRecords.at(20));
        // Signed by this origin's key, naming another origin: a valid signature of the wrong origin.
        SignedTestRecords.Signed byThisKey = SignedTestRecords.sign(h.prefix,
                new OriginSigner(new Signer(SignedTestRecords.originKey(1)), "other", 1), other).get(0);
        // Signed by the other origin's own key, which this mirror's root does not name.
        SignedTestRecords.Signed byItsKey = SignedTestRecords.sign(h.prefix,
                new OriginSigner(new Signer(SignedTestRecords.key("the other origin's key")), "other", 1), other).get(0);

        sendThenMarker(h, 1, byThisKey, byItsKey);

        assertRefused(h, "wrong_origin", "unknown_key");
        assertRowsUnchanged(h);
        assertThat(h.count("SELECT count(*) FROM herd.artist WHERE origin = 'other'")).isZero();
    }

    @Test
    void signatureByARevokedKey(TestInfo test) throws Exception {
        // Pinned at version 2, which revokes the key of epoch 1 and adds that of epoch 2.
        MirrorHarness h = verifying(test, origin -> SignedTestRecords.signedByTwo(
                SignedTestRecords.rotated(SignedTestRecords.rootV1(origin), 2, true)));
        h.startMirror();
        h.sendSigned(SignedTestRecords.sign(h.prefix, SignedTestRecords.signer(h.origin, 2), artist(h, 1, "One", 10),
                artist(h, 2, "Two", 11)));
        await().atMost(PATIENCE).until(() -> "Two".equals(name(h, 2)) && "One".equals(name(h, 1)));

        sendThenMarker(h, 2, signed(h, 1, artist(h, 1, "By the lost key", 20)));

        assertRefused(h, "revoked_key");
        assertRowsUnchanged(h);
    }

    @Test
    void unsignedRecord(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);

        sendThenMarker(h, 1, signed(h, 1, artist(h, 3, "Unsigned", 20)).withHeaders(List.of()));

        assertRefused(h, "unsigned");
        assertRowsUnchanged(h);
    }

    @Test
    void truncatedHeaders(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedTestRecords.Signed s = signed(h, 1, artist(h, 1, "Truncated", 20));
        List<Header> cut = new ArrayList<>(s.headers());
        cut.set(1, new RecordHeader(cut.get(1).key(), Arrays.copyOf(cut.get(1).value(), 40)));

        sendThenMarker(h, 1, s.withHeaders(cut));

        assertRefused(h, "malformed_headers");
        assertRowsUnchanged(h);
    }

    @Test
    void duplicatedHeaders(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedTestRecords.Signed s = signed(h, 1, artist(h, 1, "Twice", 20));
        List<Header> twice = new ArrayList<>(s.headers());
        twice.add(s.headers().get(0));

        sendThenMarker(h, 1, s.withHeaders(twice));

        assertRefused(h, "malformed_headers");
        assertRowsUnchanged(h);
    }

    @Test
    void validOldRecordReplayedOverANewerOne(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        h.startMirror();
        SignedTestRecords.Signed old = signed(h, 1, artist(h, 1, "Old", 10));
        h.sendSigned(old, signed(h, 1, artist(h, 1, "One", 20)), signed(h, 1, artist(h, 2, "Two", 21)));
        await().atMost(PATIENCE).until(() -> "Two".equals(name(h, 2)) && "One".equals(name(h, 1)));
        // The same record read twice is a duplicate, not a reject.
        SignedTestRecords.Signed current = signed(h, 1, artist(h, 2, "Two", 21));

        sendThenMarker(h, 1, old, current);

        assertRefused(h, "stale");
        assertRowsUnchanged(h);
        assertThat((String) rejects(h).get(0).get("detail")).contains("older than the row the mirror holds");
    }

    @Test
    void trustRootSignedByOneTrusteeTooFew(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedRoot v2 = SignedTestRecords.sign(SignedTestRecords.rotated(root, 2, false),
                SignedTestRecords.trustees().get(0));
        h.sendSigned(SignedTestRecords.root(h.prefix + "._trust", v2));
        await().atMost(PATIENCE).until(() -> !rejects(h).isEmpty());

        // What the key of the refused root signs stays refused; the stream goes on.
        sendThenMarker(h, 1, signed(h, 2, artist(h, 1, "By a key no valid root names", 20)));

        List<Map<String, Object>> rejects = rejects(h);
        assertThat(rejects).extracting(r -> r.get("subject") + " " + r.get("reason"))
                .containsExactly("trust-root threshold_not_met", "record unknown_key");
        assertThat((String) rejects.get(0).get("detail")).contains("version 2").contains("1 valid signature of the 2");
        MirrorStatus.OriginStatus status = status(h);
        assertThat(status.rootVersion()).isEqualTo(1);
        assertThat(status.refusedRoots()).containsEntry("threshold_not_met", 1L).containsEntry("rollback", 0L);
        assertThat(status.rejectedRecords()).containsEntry("unknown_key", 1L);
        assertThat(h.progress().rejectedByReason()).containsEntry("trust-root threshold_not_met", 1L);
        assertRowsUnchanged(h);
    }

    @Test
    void rollbackToAnOlderTrustRoot(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        SignedRoot v2 = SignedTestRecords.signedByTwo(SignedTestRecords.rotated(root, 2, true));
        h.sendSigned(SignedTestRecords.root(h.prefix + "._trust", v2));
        await().atMost(PATIENCE).until(() -> status(h).rootVersion() == 2);

        // Version 1 published again: it would make the revoked key of epoch 1 good again.
        h.sendSigned(SignedTestRecords.root(h.prefix + "._trust", root));
        await().atMost(PATIENCE).until(() -> !rejects(h).isEmpty());
        sendThenMarker(h, 2, signed(h, 1, artist(h, 1, "By the revoked key", 20)));

        assertThat(rejects(h)).extracting(r -> r.get("subject") + " " + r.get("reason"))
                .containsExactly("trust-root rollback", "record revoked_key");
        MirrorStatus.OriginStatus status = status(h);
        assertThat(status.rootVersion()).isEqualTo(2);
        assertThat(status.refusedRoots()).containsEntry("rollback", 1L);
        assertRowsUnchanged(h);

        // Across a restart with the old file too.
        h.stopMirror();
        h.startMirror();
        h.sendSigned(signed(h, 1, artist(h, 2, "Revoked again", 30)), signed(h, 2, artist(h, 4, "After", 31)));
        await().atMost(PATIENCE).until(() -> "After".equals(name(h, 4)));
        assertThat(status(h).rootVersion()).isEqualTo(2);
        assertRowsUnchanged(h);
    }

    @Test
    void expiredRootWarnsAndIsStillVerifiedAgainst(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test, origin -> SignedTestRecords.rootV1(origin,
                Instant.parse("2020-01-01T00:00:00Z")));
        startWithGoodRecords(h);

        sendThenMarker(h, 1, signed(h, 1, artist(h, 1, "Altered", 20)).withHeaders(List.of()));

        assertRefused(h, "unsigned");
        assertRowsUnchanged(h);
        MirrorStatus.OriginStatus status = status(h);
        assertThat(status.verify()).isTrue();
        assertThat(status.expired(Instant.now())).isTrue();
        assertThat(status.rootExpires()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void checkpointWithAForgedSignature(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        String topic = h.prefix + "._checkpoints";
        Checkpoint honest = checkpoint(h, 11, 1_700_000_000_000L, Map.of("artist", digest(h, signer,
                artist(h, 1, "One", 10), artist(h, 2, "Two", 11))));
        SignedTestRecords.Signed signed = SignedTestRecords.checkpoint(topic, signer, honest);
        // A relay makes the checkpoint say one row fewer, to hide a row it withheld.
        SignedTestRecords.Signed forged = signed.withValue(signed.valueText().replace("\"rows\":2", "\"rows\":1")
                .getBytes(StandardCharsets.UTF_8));
        Checkpoint later = checkpoint(h, 11, 1_700_000_001_000L, honest.entities());

        h.sendSigned(forged, SignedTestRecords.checkpoint(topic, signer, later));
        await().atMost(PATIENCE).until(() -> !h.query("SELECT 1 FROM herd.checkpoint WHERE issued_at = ?",
                java.sql.Timestamp.from(Instant.ofEpochMilli(1_700_000_001_000L))).isEmpty());

        List<Map<String, Object>> rejects = rejects(h);
        assertThat(rejects).extracting(r -> r.get("subject") + " " + r.get("reason"))
                .containsExactly("checkpoint bad_signature");
        assertThat(status(h).refusedCheckpoints()).containsEntry("bad_signature", 1L);
        assertThat(status(h).rejectedRecords().values()).containsOnly(0L);
        assertThat((byte[]) h.query("SELECT checkpoint FROM herd.checkpoint").get(0).get("checkpoint"))
                .isEqualTo(later.encode());
        await().atMost(PATIENCE).until(() -> status(h).lastResult() != null);
        assertThat(status(h).lastResult().result()).isEqualTo("complete");
        assertRowsUnchanged(h);
    }

    @Test
    void rotationRecordsOfTheNewKeyBeforeItsRootAreAppliedWhenTheRootArrives(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        startWithGoodRecords(h);
        List<SignedTestRecords.Signed> byNewKey = SignedTestRecords.sign(h.prefix, SignedTestRecords.signer(h.origin, 2),
                artist(h, 1, "Rotated", 20), artist(h, 3, "New", 21));

        sendThenMarker(h, 1, byNewKey.toArray(SignedTestRecords.Signed[]::new));
        assertRefused(h, "unknown_key", "unknown_key");
        assertRowsUnchanged(h);

        // The root naming the new key arrives after the records it signed.
        SignedRoot v2 = SignedTestRecords.signedByTwo(SignedTestRecords.rotated(root, 2, false));
        h.sendSigned(SignedTestRecords.root(h.prefix + "._trust", v2));
        await().atMost(PATIENCE).until(() -> "Rotated".equals(name(h, 1)) && "New".equals(name(h, 3)));

        assertThat(rejects(h)).extracting(r -> r.get("resolution")).containsExactly("applied", "applied");
        MirrorStatus.OriginStatus status = status(h);
        assertThat(status.rootVersion()).isEqualTo(2);
        assertThat(status.rejectedRecords().values()).containsOnly(0L);
        assertThat(status.retried()).containsEntry("applied", 2L);
        assertThat(h.query("SELECT version, source FROM herd.trust_root ORDER BY version"))
                .extracting(r -> r.get("version") + " " + r.get("source")).containsExactly("1 file", "2 topic");

        // A restart with the same (now older) root file keeps version 2.
        h.stopMirror();
        h.startMirror();
        h.sendSigned(signed(h, 2, artist(h, 4, "After the restart", 30)));
        await().atMost(PATIENCE).until(() -> "After the restart".equals(name(h, 4)));
        assertThat(status(h).rootVersion()).isEqualTo(2);
    }

    @Test
    void checkpointComplete(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        h.startMirror();
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        List<NeutralRecord> records = List.of(artist(h, 1, "One", 10), artist(h, 2, "Two", 11),
                TestRecords.upsert(h.origin, NeutralSchema.TAG, 7, 1, TestRecords.at(12)),
                artist(h, 1, "One again", 13), TestRecords.delete(h.origin, NeutralSchema.ARTIST, 2, TestRecords.at(14)));
        List<SignedTestRecords.Signed> signed = SignedTestRecords.sign(h.prefix, signer, records);
        h.sendSigned(signed);
        // What the origin's digests hold after these records: artist 1 (its second version) and tag 7.
        Checkpoint cp = checkpoint(h, 14, 1_700_000_000_000L, Map.of(
                "artist", digest(h, signer, records.get(3)),
                "tag", digest(h, signer, records.get(2))));
        h.sendSigned(SignedTestRecords.checkpoint(h.prefix + "._checkpoints", signer, cp));

        await().atMost(PATIENCE).until(() -> status(h).lastResult() != null);

        MirrorStatus.CheckpointResult result = status(h).lastResult();
        assertThat(result.result()).as(result.summary()).isEqualTo("complete");
        assertThat(result.summary()).isEqualTo("complete at e1:mysql-bin.000001:14/0#0");
        assertThat(result.entities()).isEmpty();
        assertThat(status(h).lastCheckpoint()).startsWith("e1:mysql-bin.000001:14/0#0");
    }

    @Test
    void checkpointDiffersWhenARelayWithheldARecord(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        h.startMirror();
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        List<NeutralRecord> records = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            records.add(artist(h, i, "Artist " + i, 10 + i));
        }
        List<SignedTestRecords.Signed> signed = SignedTestRecords.sign(h.prefix, signer, records);
        List<SignedTestRecords.Signed> relayed = new ArrayList<>(signed);
        relayed.remove(2);
        h.sendSigned(relayed);
        Checkpoint cp = checkpoint(h, 15, 1_700_000_000_000L, Map.of("artist",
                digest(h, signer, records.toArray(NeutralRecord[]::new))));
        h.sendSigned(SignedTestRecords.checkpoint(h.prefix + "._checkpoints", signer, cp));

        await().atMost(PATIENCE).until(() -> status(h).lastResult() != null);

        MirrorStatus.CheckpointResult result = status(h).lastResult();
        assertThat(result.result()).isEqualTo("differs");
        assertThat(result.summary()).isEqualTo("differs from the checkpoint at e1:mysql-bin.000001:15/0#0: artist "
                + "expected 5 rows found 4");
        assertThat(result.entities()).singleElement().satisfies(e -> {
            assertThat(e.entity()).isEqualTo("artist");
            assertThat(e.expectedRows()).isEqualTo(5);
            assertThat(e.foundRows()).isEqualTo(4);
        });
        // Every record the mirror holds verified: only the checkpoint shows what is missing.
        assertThat(rejects(h)).isEmpty();
    }

    @Test
    void verificationOffAppliesUnsignedRecordsAndSaysSo(TestInfo test) throws Exception {
        mirror = new MirrorHarness(ItServers.kafka(), ItServers.postgres(), "verifyoff").withTopics(1);
        MirrorHarness h = mirror;
        h.startMirror();
        NeutralRecord unsigned = artist(h, 1, "Unsigned", 10);

        h.send(unsigned);
        await().atMost(PATIENCE).until(() -> "Unsigned".equals(name(h, 1)));

        MirrorStatus.OriginStatus status = status(h);
        assertThat(status.verify()).isFalse();
        assertThat(status.rootVersion()).isZero();
        Map<String, Object> row = h.query("SELECT src_fp, src_value, src_signature FROM herd.artist").get(0);
        assertThat((byte[]) row.get("src_value")).isEqualTo(WireFormat.encode(unsigned));
        assertThat(row.get("src_signature")).isNull();
        assertThat(row.get("src_fp")).isNotNull();
    }

    @Test
    void everyRowKeepsItsRecordAsSignedSoThatItCanBeRebuiltAndVerified(TestInfo test) throws Exception {
        MirrorHarness h = verifying(test);
        h.startMirror();
        OriginSigner signer = SignedTestRecords.signer(h.origin, 1);
        List<NeutralRecord> records = new ArrayList<>();
        for (var e : NeutralSchema.entities()) {
            records.add(TestRecords.upsert(h.origin, e, 1, 3, TestRecords.at(10)));
            records.add(TestRecords.delete(h.origin, e, 2, TestRecords.at(11)));
        }
        h.sendSigned(SignedTestRecords.sign(h.prefix, signer, records));
        await().atMost(PATIENCE).until(() -> h.progress().applied() == records.size());

        OriginVerifier verifier = OriginVerifier.of(TrustState.pin(root, Instant.now()).state());
        for (var e : NeutralSchema.entities()) {
            for (Map<String, Object> row : h.query("SELECT * FROM herd." + MirrorSql.quote(e.name()))) {
                Map<String, Object> key = new java.util.LinkedHashMap<>();
                e.keyFields().forEach(f -> key.put(f.name(), row.get(f.name()) instanceof Number n ? n.longValue()
                        : row.get(f.name())));
                byte[] kafkaKey = WireFormat.encodeKey(NeutralRecord.delete(e.name(), h.origin, key,
                        TestRecords.at(1)));
                byte[] value = (byte[]) row.get("src_value");
                RecordVerification v = verifier.verifyRecord(kafkaKey, value, StoredSignature.collect(
                        new RecordHeaders(StoredSignature.headers((byte[]) row.get("src_signature")))));
                assertThat(v.verified()).as(e.name() + " " + key + ": " + v).isTrue();
                assertThat(row.get("src_fp")).isEqualTo(v.statement().rowFingerprint());
            }
        }
    }

    private static Checkpoint checkpoint(MirrorHarness h, long pos, long issuedAtMs, Map<String, RowsDigest> entities) {
        return new Checkpoint(h.origin, 1, new BinlogPosition(TestRecords.BINLOG, pos, 0, 0), true, issuedAtMs,
                new TreeMap<>(entities));
    }

    /** The digest the origin holds of these live rows, as signed by {@code signer}. */
    private static RowsDigest digest(MirrorHarness h, OriginSigner signer, NeutralRecord... live) {
        EntityDigest d = new EntityDigest(live[0].entity());
        for (NeutralRecord r : live) {
            NeutralRecord s = SignedTestRecords.atEpoch(r, signer.epoch());
            d.add(signer.statement(s.entity(), WireFormat.encodeKey(s), org.herd.trust.RecordOp.UPSERT,
                    new BinlogPosition(s.position().file(), s.position().pos(), s.position().event(), s.position().row()),
                    WireFormat.encode(s)).rowFingerprint());
        }
        return d.value();
    }
}
