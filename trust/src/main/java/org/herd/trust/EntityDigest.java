package org.herd.trust;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The order-independent digest of one entity's live rows: the sum, modulo 2^256, of every live
 * row's {@linkplain Fingerprints#contribution contribution}, together with the number of rows.
 * A mirror that holds exactly the rows the origin's checkpoint covers computes the same digest,
 * however and in whatever order it received them.
 *
 * <p>Why this shape:
 * <ul>
 *   <li>A sum does not depend on order, so the sidecar, which publishes changes as they happen,
 *       and a mirror, which applies them per partition in another interleaving or recomputes them
 *       from its table, reach the same value.</li>
 *   <li>A row that is replaced or deleted is taken out by subtracting its contribution, which
 *       needs only its 8-byte fingerprint. A sidecar therefore keeps 16 bytes per row (a 64-bit
 *       key hash mapped to the fingerprint, see {@link DigestIndex}), not the rows.</li>
 *   <li>The contribution is a full SHA-256 of the entity and the fingerprint, so sums of
 *       different row sets do not collide in practice. The fingerprint itself is only 64 bits;
 *       that is enough because a relay cannot mint signed records: it can only drop or replay
 *       versions the origin signed, and a fingerprint collision among the few versions of one
 *       row has a probability near 2^-64.</li>
 * </ul>
 *
 * <p>Mutable and not thread-safe: one thread updates it, or callers synchronise.
 */
public final class EntityDigest {

    private final String entity;
    private final byte[] prefix;
    private final MessageDigest sha256 = Bytes.sha256();
    /** The 256-bit sum as four 64-bit limbs, most significant first. */
    private final long[] sum = new long[4];
    private long count;

    public EntityDigest(String entity) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.prefix = Fingerprints.contributionPrefix(entity);
    }

    public String entity() {
        return entity;
    }

    /** Adds a live row with fingerprint {@code fingerprint}. */
    public void add(long fingerprint) {
        byte[] c = Fingerprints.contribution(prefix, fingerprint, sha256);
        long carry = 0;
        for (int limb = 3; limb >= 0; limb--) {
            long a = sum[limb];
            long b = Bytes.readLong(c, limb * 8);
            long x = a + b;
            long c1 = Long.compareUnsigned(x, a) < 0 ? 1 : 0;
            long y = x + carry;
            long c2 = Long.compareUnsigned(y, x) < 0 ? 1 : 0;
            sum[limb] = y;
            carry = c1 | c2;
        }
        count++;
    }

    /**
     * Takes out a row with fingerprint {@code fingerprint}. The digest cannot tell whether that
     * row was ever added; {@link DigestIndex} knows and calls this only for rows it holds.
     *
     * @throws IllegalStateException when the digest holds no rows
     */
    public void remove(long fingerprint) {
        if (count == 0) {
            throw new IllegalStateException("digest of " + entity + " holds no rows, none can be removed");
        }
        byte[] c = Fingerprints.contribution(prefix, fingerprint, sha256);
        long borrow = 0;
        for (int limb = 3; limb >= 0; limb--) {
            long a = sum[limb];
            long b = Bytes.readLong(c, limb * 8);
            long x = a - b;
            long b1 = Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            long y = x - borrow;
            long b2 = Long.compareUnsigned(x, borrow) < 0 ? 1 : 0;
            sum[limb] = y;
            borrow = b1 | b2;
        }
        count--;
    }

    /** Number of live rows. */
    public long count() {
        return count;
    }

    /** The sum as 64 lower-case hex digits, big-endian. */
    public String hex() {
        StringBuilder s = new StringBuilder(64);
        for (long limb : sum) {
            String h = Long.toHexString(limb);
            s.append("0".repeat(16 - h.length())).append(h);
        }
        return s.toString();
    }

    /** Rows and digest now, as a checkpoint states them. */
    public RowsDigest value() {
        return new RowsDigest(count, hex());
    }

    @Override
    public String toString() {
        return entity + ": " + count + " rows, digest " + hex();
    }
}
