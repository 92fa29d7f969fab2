package org.herd.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a record sits in the Merkle tree of its signing batch ({@link MerkleTree}): its leaf
 * index, the tree's size and the audit path from the leaf to the root. It travels in the
 * {@value SignatureHeaders#PROOF} header:
 *
 * <pre>
 * u32 leaf index ‖ u32 tree size ‖ the audit path's 32-byte hashes, leaf level first
 * </pre>
 *
 * (big-endian; 8 bytes for a batch of one record, at most 328 for a tree of 1,024). The number of
 * hashes follows from index and size ({@link MerkleTree#pathLength}); a header with another
 * length is refused.
 *
 * @param leafIndex the record's leaf, from 0
 * @param treeSize  leaves in the tree, 1 to {@link MerkleTree#MAX_LEAVES}
 * @param path      the audit path (not copied; the caller must not change it)
 */
public record BatchProof(int leafIndex, int treeSize, List<byte[]> path) {

    public BatchProof {
        MerkleTree.checkShape(leafIndex, treeSize);
        path = List.copyOf(Objects.requireNonNull(path, "path"));
        int expected = MerkleTree.pathLength(leafIndex, treeSize);
        if (path.size() != expected) {
            throw new IllegalArgumentException("leaf " + leafIndex + " of a tree of " + treeSize + " has an audit path of "
                    + expected + " hashes, found " + path.size());
        }
        for (byte[] h : path) {
            if (h.length != MerkleTree.HASH_LENGTH) {
                throw new IllegalArgumentException("an audit path hash is " + MerkleTree.HASH_LENGTH + " bytes, found "
                        + h.length);
            }
        }
    }

    /** The header value. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(8 + MerkleTree.HASH_LENGTH * path.size()).u32(leafIndex).u32(treeSize);
        path.forEach(w::raw);
        return w.toByteArray();
    }

    /**
     * Reads a header value.
     *
     * @throws TrustFormatException saying what is wrong: too short, a size or index out of range, a
     *                              path of the wrong length
     */
    public static BatchProof decode(byte[] header) {
        Objects.requireNonNull(header, "header");
        if (header.length < 8) {
            throw new TrustFormatException(SignatureHeaders.PROOF + " is " + header.length
                    + " bytes, at least 8 (leaf index and tree size)");
        }
        long index = u32(header, 0);
        long size = u32(header, 4);
        if (size < 1 || size > MerkleTree.MAX_LEAVES) {
            throw new TrustFormatException(SignatureHeaders.PROOF + " names a tree of " + size + " leaves, a tree has 1 to "
                    + MerkleTree.MAX_LEAVES);
        }
        if (index >= size) {
            throw new TrustFormatException(SignatureHeaders.PROOF + " names leaf " + index + " of a tree of " + size);
        }
        int expected = MerkleTree.pathLength((int) index, (int) size);
        if (header.length != 8 + MerkleTree.HASH_LENGTH * expected) {
            throw new TrustFormatException(SignatureHeaders.PROOF + " is " + header.length + " bytes; leaf " + index
                    + " of a tree of " + size + " has an audit path of " + expected + " hashes, " + (8
                    + MerkleTree.HASH_LENGTH * expected) + " bytes in all");
        }
        List<byte[]> path = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            int from = 8 + i * MerkleTree.HASH_LENGTH;
            path.add(java.util.Arrays.copyOfRange(header, from, from + MerkleTree.HASH_LENGTH));
        }
        return new BatchProof((int) index, (int) size, path);
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    /** The root this proof leads to from {@code leafHash}. */
    public byte[] root(byte[] leafHash) {
        return MerkleTree.rootFromPath(leafHash, leafIndex, treeSize, path);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchProof p) || p.leafIndex != leafIndex || p.treeSize != treeSize
                || p.path.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!java.util.Arrays.equals(path.get(i), p.path.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * leafIndex + treeSize;
        for (byte[] p : path) {
            h = 31 * h + java.util.Arrays.hashCode(p);
        }
        return h;
    }

    @Override
    public String toString() {
        return "leaf " + leafIndex + " of " + treeSize;
    }
}
