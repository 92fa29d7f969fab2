package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final BigInteger MOD = BigInteger.TWO.pow(256);

    @Test
    void contributionIsSha256OfTheTaggedEntityAndFingerprint() throws Exception {
        long fp = 0x0123456789abcdefL;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("herd-digest/1\0".getBytes(StandardCharsets.US_ASCII));
        sha.update(new byte[] {0, 3});
        sha.update("tag".getBytes(StandardCharsets.US_ASCII));
        sha.update(HexFormat.of().parseHex("0123456789abcdef"));

        assertThat(Fingerprints.contribution("tag", fp)).isEqualTo(sha.digest());
    }

    @Test
    void rowFingerprintIsTheFirstEightBytesOfTheTaggedHash() throws Exception {
        byte[] key = "{\"tag_id\":3}".getBytes(StandardCharsets.UTF_8);
        byte[] valueHash = MessageDigest.getInstance("SHA-256").digest("v".getBytes(StandardCharsets.UTF_8));
        BinlogPosition position = new BinlogPosition("mysql-bin.000002", 1234, 5, 2);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("herd-row/1\0".getBytes(StandardCharsets.US_ASCII));
        sha.update(new byte[] {0, 0, 0, (byte) key.length});
        sha.update(key);
        sha.update(HexFormat.of().parseHex("0000000000000001"));
        sha.update(new byte[] {0, 16});
        sha.update("mysql-bin.000002".getBytes(StandardCharsets.US_ASCII));
        sha.update(HexFormat.of().parseHex("00000000000004d2" + "0000000000000005" + "00000002"));
        sha.update(valueHash);
        byte[] expected = sha.digest();

        long fp = Fingerprints.row(key, 1, position, valueHash);

        assertThat(HexFormat.of().formatHex(Bytes.longBytes(fp)))
                .isEqualTo(HexFormat.of().formatHex(expected, 0, 8));
        assertThat(Fingerprints.row(key, 2, position, valueHash)).isNotEqualTo(fp);
        assertThat(Fingerprints.row(key, 1, new BinlogPosition("mysql-bin.000002", 1234, 5, 3), valueHash))
                .isNotEqualTo(fp);
    }

    @Test
    void addAndRemoveAreSumAndDifferenceModuloTwoToThe256() {
        EntityDigest digest = new EntityDigest("tag");
        assertThat(digest.hex()).isEqualTo(RowsDigest.EMPTY);

        digest.add(1);
        assertThat(digest.hex()).isEqualTo(HexFormat.of().formatHex(Fingerprints.contribution("tag", 1)));
        digest.add(2);
        assertThat(digest.value()).isEqualTo(new RowsDigest(2, reference("tag", List.of(1L, 2L))));
        digest.remove(1);
        assertThat(digest.value()).isEqualTo(new RowsDigest(1, reference("tag", List.of(2L))));
        digest.remove(2);
        assertThat(digest.value()).isEqualTo(new RowsDigest(0, RowsDigest.EMPTY));
        assertThatThrownBy(() -> digest.remove(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tag holds no rows");
    }

    @Test
    void theSameFingerprintsInAnotherEntityGiveAnotherDigest() {
        EntityDigest tags = new EntityDigest("tag");
        EntityDigest artists = new EntityDigest("artist");
        tags.add(42);
        artists.add(42);

        assertThat(tags.hex()).isNotEqualTo(artists.hex());
    }

    @Test
    void carriesAndBorrowsCrossEveryLimbAndWrap() {
        // Ten thousand random contributions sum far beyond 2^256 and carry between the 64-bit
        // limbs about half the time; the reference sums with BigInteger.
        SplittableRandom random = new SplittableRandom(7);
        List<Long> fps = new ArrayList<>();
        EntityDigest digest = new EntityDigest("release");
        for (int i = 0; i < 10_000; i++) {
            long fp = random.nextLong();
            fps.add(fp);
            digest.add(fp);
        }
        assertThat(digest.hex()).isEqualTo(reference("release", fps));

        for (int i = 0; i < 5_000; i++) {
            digest.remove(fps.remove(fps.size() - 1 - random.nextInt(fps.size())));
        }
        assertThat(digest.value()).isEqualTo(new RowsDigest(5_000, reference("release", fps)));
        fps.forEach(digest::remove);
        assertThat(digest.hex()).isEqualTo(RowsDigest.EMPTY);
    }

    @Test
    void indexAddsReplacesAndDeletesRows() {
        DigestIndex index = new DigestIndex("tag");

        assertThat(index.apply(100, 1)).isFalse();
        assertThat(index.value()).isEqualTo(new RowsDigest(1, reference("tag", List.of(1L))));
        assertThat(index.apply(100, 2)).isTrue();
        assertThat(index.value()).isEqualTo(new RowsDigest(1, reference("tag", List.of(2L))));
        assertThat(index.fingerprint(100, -1)).isEqualTo(2);
        assertThat(index.apply(100, 2)).isTrue();
        assertThat(index.value()).isEqualTo(new RowsDigest(1, reference("tag", List.of(2L))));
        assertThat(index.apply(200, 3)).isFalse();
        assertThat(index.value()).isEqualTo(new RowsDigest(2, reference("tag", List.of(2L, 3L))));

        assertThat(index.applyDelete(100)).isTrue();
        assertThat(index.contains(100)).isFalse();
        assertThat(index.fingerprint(100, -1)).isEqualTo(-1);
        assertThat(index.value()).isEqualTo(new RowsDigest(1, reference("tag", List.of(3L))));
        assertThat(index.applyDelete(100)).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.applyDelete(200)).isTrue();
        assertThat(index.value()).isEqualTo(new RowsDigest(0, RowsDigest.EMPTY));
    }

    @Test
    void aKeyHashOfZeroIsARowLikeAnyOther() {
        DigestIndex index = new DigestIndex("tag");

        assertThat(index.apply(0, 5)).isFalse();
        assertThat(index.apply(0, 6)).isTrue();
        assertThat(index.contains(0)).isTrue();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.value().digest()).isEqualTo(reference("tag", List.of(6L)));
        assertThat(index.applyDelete(0)).isTrue();
        assertThat(index.applyDelete(0)).isFalse();
        assertThat(index.value()).isEqualTo(new RowsDigest(0, RowsDigest.EMPTY));
    }

    @Test
    void signedRecordsUpdateTheIndexOfTheirEntity() {
        DigestIndex index = new DigestIndex("tag");
        byte[] key = "{\"tag_id\":3}".getBytes(StandardCharsets.UTF_8);
        BinlogPosition position = new BinlogPosition("mysql-bin.000001", 4, 0, 0);
        RecordStatement upsert = RecordStatement.of("site-1", 1, "tag", key, RecordOp.UPSERT, position,
                "{}".getBytes(StandardCharsets.UTF_8));
        RecordStatement delete = RecordStatement.of("site-1", 1, "tag", key, RecordOp.DELETE,
                new BinlogPosition("mysql-bin.000001", 99, 1, 0), "{}".getBytes(StandardCharsets.UTF_8));

        index.apply(upsert);
        assertThat(index.fingerprint(Fingerprints.keyHash(key), 0)).isEqualTo(upsert.rowFingerprint());
        assertThat(index.value().digest()).isEqualTo(reference("tag", List.of(upsert.rowFingerprint())));
        index.apply(delete);
        assertThat(index.value()).isEqualTo(new RowsDigest(0, RowsDigest.EMPTY));

        RecordStatement other = RecordStatement.of("site-1", 1, "artist", key, RecordOp.UPSERT, position, new byte[0]);
        assertThatThrownBy(() -> index.apply(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record of artist applied to the digest index of tag");
    }

    @Test
    void growsPastManyDoublingsWithAMillionKeys() {
        DigestIndex index = new DigestIndex("release");
        SplittableRandom random = new SplittableRandom(13);
        int n = 1_000_000;
        long[] keys = new long[n];
        long[] fps = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = random.nextLong();
            fps[i] = random.nextLong();
            index.apply(keys[i], fps[i]);
        }

        assertThat(index.size()).isEqualTo(n);
        assertThat(index.capacity()).isEqualTo(1 << 21); // 16 slots doubled 17 times
        for (int i = 0; i < n; i++) {
            assertThat(index.fingerprint(keys[i], 0)).isEqualTo(fps[i]);
        }
        EntityDigest scratch = new EntityDigest("release");
        for (int i = 0; i < n; i += 2) {
            index.applyDelete(keys[i]);
        }
        for (int i = 1; i < n; i += 2) {
            assertThat(index.contains(keys[i])).isTrue();
            scratch.add(fps[i]);
        }
        assertThat(index.size()).isEqualTo(n / 2);
        assertThat(index.value()).isEqualTo(scratch.value());
    }

    @Test
    void agreesWithAHashMapThroughRandomUpsertsAndDeletes() {
        // A small key space makes long probe runs and many deletions inside them, which is
        // where backward-shift deletion can lose an entry.
        DigestIndex index = new DigestIndex("tag");
        Map<Long, Long> model = new HashMap<>();
        Random random = new Random(3);
        long[] keySpace = random.longs(5_000).toArray();
        for (int op = 0; op < 300_000; op++) {
            long key = keySpace[random.nextInt(keySpace.length)];
            if (random.nextInt(3) == 0) {
                assertThat(index.applyDelete(key)).isEqualTo(model.remove(key) != null);
            } else {
                long fp = random.nextLong();
                assertThat(index.apply(key, fp)).isEqualTo(model.put(key, fp) != null);
            }
        }

        assertThat(index.size()).isEqualTo(model.size());
        for (long key : keySpace) {
            assertThat(index.fingerprint(key, 0)).isEqualTo(model.getOrDefault(key, 0L));
        }
        assertThat(index.value().digest()).isEqualTo(reference("tag", new ArrayList<>(model.values())));
    }

    @Test
    void theDigestOfASetDoesNotDependOnOrderOrHistory() {
        SplittableRandom random = new SplittableRandom(21);
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(new long[] {random.nextLong(), random.nextLong()});
        }
        DigestIndex inOrder = new DigestIndex("forum_post");
        rows.forEach(r -> inOrder.apply(r[0], r[1]));

        // The same final rows reached another way: shuffled, after older versions of some of
        // them, with rows that live for a while and are deleted again.
        List<long[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(5));
        DigestIndex otherwise = new DigestIndex("forum_post", 30_000);
        long[] transients = new long[1_000];
        for (int i = 0; i < 1_000; i++) {
            otherwise.apply(shuffled.get(i)[0], random.nextLong());
            transients[i] = random.nextLong();
            otherwise.apply(transients[i], random.nextLong());
        }
        shuffled.forEach(r -> otherwise.apply(r[0], r[1]));
        for (long t : transients) {
            assertThat(otherwise.applyDelete(t)).isTrue();
        }

        String fromScratch = reference("forum_post", rows.stream().map(r -> r[1]).toList());
        assertThat(inOrder.value()).isEqualTo(new RowsDigest(rows.size(), fromScratch));
        assertThat(otherwise.value()).isEqualTo(inOrder.value());
    }

    /** The digest computed from scratch with BigInteger: sum of contributions mod 2^256. */
    static String reference(String entity, List<Long> fingerprints) {
        BigInteger sum = BigInteger.ZERO;
        for (long fp : fingerprints) {
            sum = sum.add(new BigInteger(1, Fingerprints.contribution(entity, fp)));
        }
        String hex = sum.mod(MOD).toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
