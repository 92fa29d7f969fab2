package org.herd.trust;

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
        ProofHeader read = ProofHeader.read(header);
        byte[][] path = new byte[MerkleTree.pathLength(read.leafIndex(), read.treeSize())][];
        for (int i = 0; i < path.length; i++) {
            int from = ProofHeader.PATH_OFFSET + i * MerkleTree.HASH_LENGTH;
            path[i] = java.util.Arrays.copyOfRange(header, from, from + MerkleTree.HASH_LENGTH);
        }
        return new BatchProof(read.leafIndex(), read.treeSize(), List.of(path));
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
