package org.herd.trust;

import java.util.Objects;

/**
 * A {@value SignatureHeaders#PROOF} header as a verifier reads it: its leaf index and tree size,
 * checked, and its audit path left in the header's bytes, where {@link MerkleTree#fold} reads it.
 * {@link BatchProof#decode} reads the same and copies the path out as a list of hashes; a mirror
 * verifies every record it applies, and those copies were a tenth of what it allocated.
 *
 * @param leafIndex the record's leaf, from 0
 * @param treeSize  leaves in the tree, 1 to {@link MerkleTree#MAX_LEAVES}
 * @param bytes     the header value, the path from {@link #PATH_OFFSET} (not copied; never changed)
 */
record ProofHeader(int leafIndex, int treeSize, byte[] bytes) {

    /** Where the audit path begins: after the leaf index and the tree size. */
    static final int PATH_OFFSET = 8;

    /**
     * Reads a header value.
     *
     * @throws TrustFormatException saying what is wrong: too short, a size or index out of range, a
     *                              path of the wrong length
     */
    static ProofHeader read(byte[] header) {
        Objects.requireNonNull(header, "header");
        if (header.length < PATH_OFFSET) {
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
        if (header.length != PATH_OFFSET + MerkleTree.HASH_LENGTH * expected) {
            throw new TrustFormatException(SignatureHeaders.PROOF + " is " + header.length + " bytes; leaf " + index
                    + " of a tree of " + size + " has an audit path of " + expected + " hashes, " + (PATH_OFFSET
                    + MerkleTree.HASH_LENGTH * expected) + " bytes in all");
        }
        return new ProofHeader((int) index, (int) size, header);
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    /** As {@link BatchProof#toString}, for messages. */
    @Override
    public String toString() {
        return "leaf " + leafIndex + " of " + treeSize;
    }
}
