package org.herd.trust;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Merkle tree over one signing batch of records, in the shape of RFC 6962 (Certificate
 * Transparency), section 2.1: leaves are hashed with a 0x00 prefix and interior nodes with 0x01,
 * so that no leaf can pass for a node; a tree of n leaves splits at the largest power of two below
 * n. The origin key signs the root once per batch ({@link #signingMessage}); each record carries
 * its audit path ({@link BatchProof}), so it still verifies on its own, without the other records
 * of its batch, which compaction may have removed.
 *
 * <pre>
 * leaf hash = SHA-256(0x00 ‖ record statement bytes)
 * node hash = SHA-256(0x01 ‖ left ‖ right)
 * signed    = "herd-batch/1" 0x00 ‖ u32 tree size ‖ 32-byte root
 * </pre>
 *
 * <p>Why batches: an Ed25519 signature costs about 40 µs to make and 110 µs to check, which for
 * every record of a large snapshot is more than the rest of the snapshot's work. A tree of 1,024
 * leaves costs one signature and about 2,000 SHA-256 of 65 bytes, and a mirror checks each root's
 * signature once however many of its records it reads.
 *
 * <p>The bottom-up construction here (pair neighbours, carry an odd last node up unchanged) gives
 * exactly the trees and audit paths of RFC 6962's recursive definition. Immutable.
 */
public final class MerkleTree {

    /** Most leaves in one tree: an audit path has at most 10 hashes, a proof header at most 328 bytes. */
    public static final int MAX_LEAVES = 1024;
    /** Length of a node hash. */
    public static final int HASH_LENGTH = 32;
    /** Domain tag of the message the origin key signs for a batch. */
    public static final String BATCH_DOMAIN = "herd-batch/1";

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    /** levels.get(0) are the leaf hashes, the last level holds the root alone. */
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /**
     * The tree over {@code leafHashes} ({@link #leafHash} of each statement), in order.
     *
     * @throws IllegalArgumentException when there are no leaves, more than {@link #MAX_LEAVES}, or
     *                                  a leaf hash is not 32 bytes
     */
    public static MerkleTree of(List<byte[]> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        int n = leafHashes.size();
        if (n < 1 || n > MAX_LEAVES) {
            throw new IllegalArgumentException("a signing batch has 1 to " + MAX_LEAVES + " records, found " + n);
        }
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] h = Objects.requireNonNull(leafHashes.get(i), "leaf hash");
            if (h.length != HASH_LENGTH) {
                throw new IllegalArgumentException("leaf hash " + i + " is " + h.length + " bytes, not " + HASH_LENGTH);
            }
            level[i] = h;
        }
        List<byte[][]> levels = new ArrayList<>();
        levels.add(level);
        MessageDigest sha256 = Bytes.threadSha256();
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                int left = 2 * i;
                up[i] = left + 1 < level.length ? node(sha256, level[left], level[left + 1]) : level[left];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    /** The leaf hash of a record statement's bytes. */
    public static byte[] leafHash(byte[] statement) {
        MessageDigest sha256 = Bytes.threadSha256();
        sha256.update(LEAF_PREFIX);
        sha256.update(Objects.requireNonNull(statement, "statement"));
        return sha256.digest();
    }

    /** {@link #leafHash(byte[])} of the bytes {@code statement} holds. */
    static byte[] leafHashOfWritten(ByteWriter statement) {
        MessageDigest sha256 = Bytes.threadSha256();
        sha256.update(LEAF_PREFIX);
        statement.updateDigest(sha256);
        return sha256.digest();
    }

    /** The hash of an interior node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return node(Bytes.threadSha256(), left, right);
    }

    private static byte[] node(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The node of the hashes at {@code leftAt} in {@code left} and {@code rightAt} in {@code right}. */
    private static byte[] node(MessageDigest sha256, byte[] left, int leftAt, byte[] right, int rightAt) {
        sha256.update(NODE_PREFIX);
        sha256.update(left, leftAt, HASH_LENGTH);
        sha256.update(right, rightAt, HASH_LENGTH);
        return sha256.digest();
    }

    /** Number of leaves. */
    public int size() {
        return levels.get(0).length;
    }

    /** The root hash (a copy). */
    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /**
     * The audit path of leaf {@code index}: the sibling hashes from the leaf's level up to the
     * root's children, RFC 6962's PATH(index, D[size]). Empty for a tree of one leaf.
     */
    public List<byte[]> path(int index) {
        Objects.checkIndex(index, size());
        List<byte[]> path = new ArrayList<>(10);
        forEachSibling(index, h -> path.add(h.clone()));
        return path;
    }

    /** Hands each hash of leaf {@code index}'s audit path to {@code hash}, leaf level first, not copied. */
    private void forEachSibling(int index, Consumer<byte[]> hash) {
        int j = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = j ^ 1;
            if (sibling < level.length) {
                hash.accept(level[sibling]);
            }
            j >>>= 1;
        }
    }

    /**
     * The {@value SignatureHeaders#PROOF} header of leaf {@code index}: the bytes
     * {@code new BatchProof(index, size(), path(index)).encode()} gives, written from the tree in one
     * array. Signing gives every record of a batch its proof, which took a copy of each hash of the
     * path, two lists and the proof's bytes twice per record.
     */
    byte[] proofHeader(int index) {
        Objects.checkIndex(index, size());
        ByteBuffer header = ByteBuffer.allocate(8 + HASH_LENGTH * pathLength(index, size()))
                .putInt(index).putInt(size());
        forEachSibling(index, header::put);
        return header.array();
    }

    /**
     * How many hashes the audit path of leaf {@code index} in a tree of {@code size} leaves has:
     * the levels where the leaf's ancestor has a sibling.
     *
     * @throws IllegalArgumentException when {@code size} is not 1 to {@link #MAX_LEAVES} or
     *                                  {@code index} not below it
     */
    public static int pathLength(int index, int size) {
        checkShape(index, size);
        int length = 0;
        for (int j = index, width = size; width > 1; j >>>= 1, width = (width + 1) >>> 1) {
            if ((j ^ 1) < width) {
                length++;
            }
        }
        return length;
    }

    /**
     * The root that {@code path} leads to from {@code leafHash} at {@code index} of a tree of
     * {@code size} leaves (RFC 9162, 2.1.3.2, the same fold in the bottom-up form).
     *
     * @throws IllegalArgumentException when the shape is impossible or the path does not have
     *                                  {@link #pathLength} hashes of 32 bytes
     */
    public static byte[] rootFromPath(byte[] leafHash, int index, int size, List<byte[]> path) {
        return fold(leafHash, index, size, path, null).root();
    }

    /**
     * An audit path folded: the node it reached at each level of the tree, from the leaf hash
     * (level 0) to the root.
     *
     * @param index  the leaf's index
     * @param size   the tree's size
     * @param path   holds the audit path's hashes one after the other, from {@code offset} to its end
     *               (not copied; never changed)
     * @param offset where the first hash begins in {@code path}
     * @param nodes  the node reached at each level, the root last (not copied; never changed)
     */
    record Fold(int index, int size, byte[] path, int offset, byte[][] nodes) {

        byte[] root() {
            return nodes[nodes.length - 1];
        }

        int hashes() {
            return (path.length - offset) / HASH_LENGTH;
        }
    }

    /** {@link #fold(byte[], int, int, byte[], int, Fold)} of a path given as a list of hashes. */
    static Fold fold(byte[] leafHash, int index, int size, List<byte[]> path, Fold known) {
        Objects.requireNonNull(path, "path");
        int expected = pathLength(index, size);
        if (path.size() != expected) {
            throw new IllegalArgumentException("an audit path of leaf " + index + " in a tree of " + size + " has "
                    + expected + " hashes, found " + path.size());
        }
        byte[] hashes = new byte[HASH_LENGTH * expected];
        for (int k = 0; k < expected; k++) {
            byte[] p = path.get(k);
            if (p == null || p.length != HASH_LENGTH) {
                throw new IllegalArgumentException("audit path hash " + k + " is not " + HASH_LENGTH + " bytes");
            }
            System.arraycopy(p, 0, hashes, k * HASH_LENGTH, HASH_LENGTH);
        }
        return fold(leafHash, index, size, hashes, 0, known);
    }

    /**
     * {@link #rootFromPath}, stopping where the fold meets {@code known}, an earlier fold: a
     * verifier checks the records of one batch one after the other, and their paths share their
     * upper levels, which were hashed for the record before. At a level where both folds reached
     * the same node at the same place of a tree of the same size, with the same path hashes left
     * above it, the rest of this fold is the same computation on the same inputs as the rest of
     * that one, so its nodes are that one's. Nothing is assumed of {@code known} but that it was
     * folded by this method: which fold came before changes how many hashes are made, never the
     * root. A path that differs from {@code known} in a single hash is folded to the end.
     *
     * <p>The path is read where it lies, from {@code offset} in {@code path} (a proof header's hashes
     * begin at 8), so that a verifier copies none of its hashes.
     *
     * @param known an earlier fold of any tree, or null
     * @throws IllegalArgumentException as {@link #rootFromPath}, and when {@code path} does not end
     *                                  with the last hash
     */
    static Fold fold(byte[] leafHash, int index, int size, byte[] path, int offset, Fold known) {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(path, "path");
        if (leafHash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a leaf hash is " + HASH_LENGTH + " bytes, found " + leafHash.length);
        }
        int expected = pathLength(index, size);
        if (offset < 0 || offset > path.length || path.length - offset != HASH_LENGTH * expected) {
            throw new IllegalArgumentException("an audit path of leaf " + index + " in a tree of " + size + " has "
                    + expected + " hashes of " + HASH_LENGTH + " bytes, found " + (path.length - offset) + " bytes");
        }
        // Levels above the leaves: the loop below runs once per level, whether or not it hashes.
        int levels = 32 - Integer.numberOfLeadingZeros(size - 1);
        byte[][] nodes = new byte[levels + 1][];
        nodes[0] = leafHash;
        // Same size and the same node index at a level: the same widths and indices above it,
        // hence the same number of path hashes left on both sides.
        boolean comparable = known != null && known.size() == size;
        MessageDigest sha256 = null;
        byte[] r = leafHash;
        int next = 0;
        int level = 0;
        for (int j = index, width = size; width > 1; j >>>= 1, width = (width + 1) >>> 1, level++) {
            if (comparable && known.index() >>> level == j && Arrays.equals(known.nodes()[level], r)
                    && sameHashesLeft(known, path, offset, expected, next)) {
                System.arraycopy(known.nodes(), level + 1, nodes, level + 1, levels - level);
                return new Fold(index, size, path, offset, nodes);
            }
            int sibling = j ^ 1;
            if (sibling < width) {
                int at = offset + HASH_LENGTH * next++;
                if (sha256 == null) {
                    sha256 = Bytes.threadSha256();
                }
                r = (j & 1) == 1 ? node(sha256, path, at, r, 0) : node(sha256, r, 0, path, at);
            } // else the last node of an odd level moves up unchanged
            nodes[level + 1] = r;
        }
        return new Fold(index, size, path, offset, nodes);
    }

    /** Whether the last hashes of {@code known}'s path are the hashes of this path from {@code next} on. */
    private static boolean sameHashesLeft(Fold known, byte[] path, int offset, int hashes, int next) {
        int left = hashes - next;
        int from = known.hashes() - left;
        if (from < 0) {
            return false;
        }
        int at = offset + HASH_LENGTH * next;
        int knownAt = known.offset() + HASH_LENGTH * from;
        return Arrays.equals(known.path(), knownAt, knownAt + HASH_LENGTH * left, path, at, at + HASH_LENGTH * left);
    }

    /** The bytes the origin key signs for a tree of {@code size} leaves with root {@code root}. */
    public static byte[] signingMessage(int size, byte[] root) {
        if (size < 1 || size > MAX_LEAVES) {
            throw new IllegalArgumentException("tree size " + size + " is not 1 to " + MAX_LEAVES);
        }
        if (root.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a root is " + HASH_LENGTH + " bytes, found " + root.length);
        }
        return new ByteWriter(20 + HASH_LENGTH).tag(BATCH_DOMAIN).u32(size).raw(root).toByteArray();
    }

    static void checkShape(int index, int size) {
        if (size < 1 || size > MAX_LEAVES) {
            throw new IllegalArgumentException("tree size " + size + " is not 1 to " + MAX_LEAVES);
        }
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a tree of " + size);
        }
    }

    @Override
    public String toString() {
        return "MerkleTree[" + size() + " leaves, root " + Bytes.hex(levels.get(levels.size() - 1)[0]) + "]";
    }
}
