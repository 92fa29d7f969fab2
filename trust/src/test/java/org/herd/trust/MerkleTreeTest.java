package org.herd.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch tree against RFC 6962's recursive definitions (MTH and PATH, section 2.1), written
 * out here independently of the bottom-up code, for every tree size up to 70 and a few larger ones.
 */
class MerkleTreeTest {

    /** RFC 6962 2.1: MTH({d0}) = SHA-256(0x00 ‖ d0); MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])). */
    static byte[] mth(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = largestPowerOfTwoBelow(leaves.size());
        return node(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    /** RFC 6962 2.1.1: PATH(m, D[n]), the deepest sibling first. */
    static List<byte[]> rfcPath(int m, List<byte[]> leaves) {
        List<byte[]> path = new ArrayList<>();
        if (leaves.size() <= 1) {
            return path;
        }
        int k = largestPowerOfTwoBelow(leaves.size());
        if (m < k) {
            path.addAll(rfcPath(m, leaves.subList(0, k)));
            path.add(mth(leaves.subList(k, leaves.size())));
        } else {
            path.addAll(rfcPath(m - k, leaves.subList(k, leaves.size())));
            path.add(mth(leaves.subList(0, k)));
        }
        return path;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    private static byte[] node(byte[] left, byte[] right) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 1);
            sha.update(left);
            sha.update(right);
            return sha.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** The proof header written from the tree is the one BatchProof encodes from the path, and reads back. */
    @Test
    void theProofHeaderOfEveryLeafIsTheEncodedBatchProof() {
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 100, 511, 512, 513, 1023, 1024}) {
            MerkleTree tree = MerkleTree.of(leaves(n));
            for (int i = 0; i < n; i++) {
                byte[] header = tree.proofHeader(i);
                assertThat(header).as(i + " of " + n).isEqualTo(new BatchProof(i, n, tree.path(i)).encode());
                BatchProof read = BatchProof.decode(header);
                assertThat(read.leafIndex()).isEqualTo(i);
                assertThat(read.treeSize()).isEqualTo(n);
                assertThat(read.path()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(tree.path(i));
            }
        }
        assertThatThrownBy(() -> MerkleTree.of(leaves(3)).proofHeader(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * A verifier folds the path where it lies in the proof header: the same nodes as the path's
     * hashes given as a list, whichever fold came before, and a header's hashes compared in place
     * with an earlier fold's, at another offset.
     */
    @Test
    void aPathReadInItsProofHeaderFoldsAsItsList() {
        for (int n : new int[] {1, 2, 3, 5, 8, 13, 100, 513, 1024}) {
            List<byte[]> leaves = leaves(n);
            MerkleTree tree = MerkleTree.of(leaves);
            MerkleTree.Fold known = null;
            for (int i = 0; i < n; i++) {
                byte[] header = tree.proofHeader(i);
                MerkleTree.Fold scratch = MerkleTree.fold(leaves.get(i), i, n, tree.path(i), null);
                MerkleTree.Fold inPlace = MerkleTree.fold(leaves.get(i), i, n, header, 8, known);

                assertThat(inPlace.nodes()).as("leaf %d of %d", i, n).isDeepEqualTo(scratch.nodes());
                assertThat(inPlace.root()).isEqualTo(tree.root());
                // Every other leaf meets a fold of the list form, whose hashes begin at 0.
                known = i % 2 == 0 ? inPlace : scratch;
            }
        }
        MerkleTree tree = MerkleTree.of(leaves(8));
        byte[] header = tree.proofHeader(5);
        byte[] leaf = leaves(8).get(5);
        MerkleTree.Fold first = MerkleTree.fold(leaves(8).get(4), 4, 8, tree.proofHeader(4), 8, null);
        // Leaf 5 after leaf 4 hashes once, to their parent, then meets leaf 4's fold there.
        assertThat(MerkleTree.fold(leaf, 5, 8, header, 8, first).nodes()[2]).isSameAs(first.nodes()[2]);
        byte[] altered = header.clone();
        altered[altered.length - 1] ^= 1;
        assertThat(MerkleTree.fold(leaf, 5, 8, altered, 8, first).root()).isNotEqualTo(tree.root());

        assertThatThrownBy(() -> MerkleTree.fold(leaf, 5, 8, header, 9, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 3 hashes of 32 bytes, found 95");
        assertThatThrownBy(() -> MerkleTree.fold(leaf, 5, 8, Arrays.copyOf(header, header.length + 1), 8, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 97 bytes");
        assertThatThrownBy(() -> MerkleTree.fold(leaf, 5, 8, header, header.length + 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.fold(Arrays.copyOf(leaf, 31), 5, 8, header, 8, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a leaf hash is 32 bytes, found 31");
    }

    @Test
    void rootsAndPathsAreRfc6962sForEveryShape() {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 1; n <= 70; n++) {
            sizes.add(n);
        }
        sizes.addAll(List.of(127, 128, 129, 511, 1000, 1023, 1024));
        for (int n : sizes) {
            List<byte[]> leaves = leaves(n);
            MerkleTree tree = MerkleTree.of(leaves);
            byte[] root = mth(leaves);
            assertThat(tree.size()).isEqualTo(n);
            assertThat(tree.root()).as("root of %d", n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.path(m);
                List<byte[]> expected = rfcPath(m, leaves);
                assertThat(path).as("path of %d in %d", m, n).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(expected);
                assertThat(MerkleTree.pathLength(m, n)).isEqualTo(expected.size());
                assertThat(MerkleTree.rootFromPath(leaves.get(m), m, n, path)).isEqualTo(root);
            }
        }
    }

    /**
     * A fold that meets the fold before it gives what a fold from scratch gives, node for node,
     * whatever came before: paths of the same tree in any order, of another tree of the same
     * shape, of trees of other sizes, paths altered in one hash, other leaves. And it does meet:
     * after its neighbour, a path reuses the upper nodes instead of hashing them again.
     */
    @Test
    void aFoldThatMeetsTheOneBeforeGivesTheNodesOfAFoldFromScratch() {
        java.util.Random random = new java.util.Random(20261207L);
        int[] sizes = {1, 2, 3, 5, 8, 13, 64, 100, 1023, 1024};
        java.util.Map<Integer, List<List<byte[]>>> leavesBySize = new java.util.HashMap<>();
        java.util.Map<Integer, List<MerkleTree>> treesBySize = new java.util.HashMap<>();
        for (int size : sizes) {
            List<byte[]> a = leaves(size);
            List<byte[]> b = new ArrayList<>();
            a.forEach(h -> b.add(MerkleTree.nodeHash(h, h)));
            leavesBySize.put(size, List.of(a, b));
            treesBySize.put(size, List.of(MerkleTree.of(a), MerkleTree.of(b)));
        }
        MerkleTree.Fold known = null;
        int size = 1024;
        int met = 0;
        for (int round = 0; round < 20_000; round++) {
            if (random.nextInt(50) == 0) {
                size = sizes[random.nextInt(sizes.length)];
            }
            int which = random.nextInt(8) == 0 ? 1 : 0;
            int index = known != null && known.size() == size && random.nextBoolean()
                    ? Math.floorMod(known.index() + 1 + random.nextInt(4), size) : random.nextInt(size);
            byte[] leaf = leavesBySize.get(size).get(which).get(index);
            List<byte[]> path = new ArrayList<>(treesBySize.get(size).get(which).path(index));
            int damage = random.nextInt(8);
            if (damage == 0 && !path.isEmpty()) {
                int at = random.nextInt(path.size());
                byte[] altered = path.get(at).clone();
                altered[random.nextInt(altered.length)] ^= 1;
                path.set(at, altered);
            } else if (damage == 1) {
                leaf = leavesBySize.get(size).get(1 - which).get(index);
            }
            MerkleTree.Fold scratch = MerkleTree.fold(leaf, index, size, path, null);
            MerkleTree.Fold meeting = MerkleTree.fold(leaf, index, size, path, known);

            assertThat(meeting.nodes()).as("leaf %d of %d after %s", index, size, known).isDeepEqualTo(scratch.nodes());
            assertThat(meeting.root()).isEqualTo(MerkleTree.rootFromPath(leaf, index, size, path));
            if (known != null && size > 1 && meeting.root() == known.root()) {
                met++;
            }
            known = meeting;
        }
        assertThat(met).isGreaterThan(3_000);

        // Leaf 1 after leaf 0 hashes once, to their parent; from there up, leaf 0's nodes are its own.
        List<byte[]> leaves = leavesBySize.get(1024).get(0);
        MerkleTree tree = treesBySize.get(1024).get(0);
        MerkleTree.Fold first = MerkleTree.fold(leaves.get(0), 0, 1024, tree.path(0), null);
        MerkleTree.Fold second = MerkleTree.fold(leaves.get(1), 1, 1024, tree.path(1), first);
        assertThat(second.nodes()[1]).isEqualTo(first.nodes()[1]);
        for (int level = 2; level <= 10; level++) {
            assertThat(second.nodes()[level]).isSameAs(first.nodes()[level]);
        }
        assertThat(second.root()).isEqualTo(tree.root());
        // One hash of the path altered above the meeting point: folded to the end, to another root.
        List<byte[]> altered = new ArrayList<>(tree.path(1));
        altered.set(9, MerkleTree.leafHash(new byte[] {9}));
        MerkleTree.Fold other = MerkleTree.fold(leaves.get(1), 1, 1024, altered, first);
        assertThat(other.root()).isNotEqualTo(tree.root()).isEqualTo(MerkleTree.rootFromPath(leaves.get(1), 1, 1024,
                altered));
    }

    @Test
    void aLeafIsHashedWithZeroAndANodeWithOne() throws Exception {
        byte[] statement = "statement".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(MerkleTree.leafHash(statement)).isEqualTo(sha.digest(ByteBuffer.allocate(10).put((byte) 0)
                .put(statement).array()));
        byte[] a = MerkleTree.leafHash(new byte[] {1});
        byte[] b = MerkleTree.leafHash(new byte[] {2});
        assertThat(MerkleTree.nodeHash(a, b)).isEqualTo(sha.digest(ByteBuffer.allocate(65).put((byte) 1).put(a).put(b)
                .array()));
        // A tree of one leaf: its root is the leaf hash and its path is empty.
        MerkleTree one = MerkleTree.of(List.of(a));
        assertThat(one.root()).isEqualTo(a);
        assertThat(one.path(0)).isEmpty();
    }

    @Test
    void theSignedMessageIsTheDocumentedLayout() {
        byte[] root = MerkleTree.leafHash(new byte[] {7});
        ByteBuffer m = ByteBuffer.wrap(MerkleTree.signingMessage(1000, root));
        byte[] tag = new byte[13];
        m.get(tag);
        assertThat(new String(tag, StandardCharsets.US_ASCII)).isEqualTo("herd-batch/1\0");
        assertThat(m.getInt()).isEqualTo(1000);
        byte[] r = new byte[32];
        m.get(r);
        assertThat(r).isEqualTo(root);
        assertThat(m.hasRemaining()).isFalse();
    }

    @Test
    void aTreeHoldsOneToMaxLeavesAndAPathHasItsOneLength() {
        assertThatThrownBy(() -> MerkleTree.of(List.of())).hasMessageContaining("1 to 1024 records, found 0");
        assertThatThrownBy(() -> MerkleTree.of(leaves(1025))).hasMessageContaining("found 1025");
        assertThatThrownBy(() -> MerkleTree.of(List.of(new byte[31]))).hasMessageContaining("31 bytes");
        assertThatThrownBy(() -> MerkleTree.pathLength(3, 3)).hasMessageContaining("leaf index 3 is outside a tree of 3");
        assertThatThrownBy(() -> MerkleTree.pathLength(0, 0)).hasMessageContaining("tree size 0");
        assertThat(MerkleTree.pathLength(1023, 1024)).isEqualTo(10);
        // The last leaf of 1,000 skips the levels where it has no sibling.
        assertThat(MerkleTree.pathLength(999, 1000)).isEqualTo(rfcPath(999, leaves(1000)).size());
        List<byte[]> leaves = leaves(5);
        MerkleTree tree = MerkleTree.of(leaves);
        List<byte[]> shorter = tree.path(0).subList(0, 2);
        assertThatThrownBy(() -> MerkleTree.rootFromPath(leaves.get(0), 0, 5, shorter))
                .hasMessageContaining("has 3 hashes, found 2");
    }

    @Test
    void aProofHeaderIsIndexSizeAndPath() {
        List<byte[]> leaves = leaves(6);
        MerkleTree tree = MerkleTree.of(leaves);
        BatchProof proof = new BatchProof(4, 6, tree.path(4));

        byte[] header = proof.encode();

        ByteBuffer b = ByteBuffer.wrap(header);
        assertThat(b.getInt()).isEqualTo(4);
        assertThat(b.getInt()).isEqualTo(6);
        for (byte[] h : tree.path(4)) {
            byte[] read = new byte[32];
            b.get(read);
            assertThat(read).isEqualTo(h);
        }
        assertThat(b.hasRemaining()).isFalse();
        assertThat(BatchProof.decode(header)).isEqualTo(proof);
        assertThat(BatchProof.decode(header).root(leaves.get(4))).isEqualTo(tree.root());
        assertThatThrownBy(() -> BatchProof.decode(Arrays.copyOf(header, header.length - 1)))
                .isInstanceOf(TrustFormatException.class).hasMessageContaining("audit path of 2 hashes, 72 bytes");
        assertThatThrownBy(() -> new BatchProof(0, 6, List.of())).hasMessageContaining("audit path of 3 hashes");
    }

    @Test
    void aHashAbandonedHalfWayLeavesNothingInTheNextOnTheSameThread() throws Exception {
        byte[] statement = "statement".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        byte[] expected = sha.digest(statement);
        // The leaf prefix, or the node prefix and the left hash, go in before a missing part is found.
        assertThatThrownBy(() -> MerkleTree.leafHash(null)).isInstanceOf(NullPointerException.class);
        assertThat(MerkleTree.leafHash(statement)).isEqualTo(expected);
        assertThatThrownBy(() -> MerkleTree.nodeHash(expected, null)).isInstanceOf(NullPointerException.class);
        assertThat(MerkleTree.leafHash(statement)).isEqualTo(expected);
        assertThat(Bytes.sha256(statement)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(statement));
    }
}
