package org.herd.trust;

import java.util.Objects;

/**
 * What a sidecar keeps of one entity to maintain its {@link EntityDigest} while it publishes:
 * for every live row, the 64-bit {@linkplain Fingerprints#keyHash hash of its Kafka key} mapped
 * to the {@linkplain Fingerprints#row fingerprint} of the version last published. Replacing or
 * deleting a row subtracts the old fingerprint's contribution from the digest, so the digest
 * always covers exactly the live rows.
 *
 * <p>An open-addressing hash map over two primitive {@code long} arrays (linear probing,
 * deletion by backward shift, so no tombstones): 16 bytes a slot, no boxing, no object per row.
 * It doubles when more than three quarters of the slots are taken, so a row costs 16 to about 43
 * bytes. Key hashes are SHA-256 output; they are still mixed (Fibonacci hashing) before choosing a
 * slot, so that callers passing other values do not cluster. A key hash of 0 marks an empty slot,
 * so the one row whose key hash is 0, if any, is kept aside.
 *
 * <p>Two different keys of one entity with the same 64-bit key hash would share a slot. With n
 * rows the chance of that is about n^2 / 2^65 (1 in 3,700 for 100 million rows); the effect is a
 * sidecar digest that differs from every mirror's, a false alarm rather than a forged copy.
 *
 * <p>Mutable and not thread-safe.
 */
public final class DigestIndex {

    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final EntityDigest digest;
    private long[] keys;
    private long[] fingerprints;
    private int bits;
    private int size;
    private boolean zeroKeyPresent;
    private long zeroKeyFingerprint;

    public DigestIndex(String entity) {
        this(entity, 0);
    }

    /** An index sized for {@code expectedRows} rows without growing. */
    public DigestIndex(String entity, int expectedRows) {
        if (expectedRows < 0) {
            throw new IllegalArgumentException("negative expected row count " + expectedRows);
        }
        this.digest = new EntityDigest(Objects.requireNonNull(entity, "entity"));
        int capacity = MIN_CAPACITY;
        while (capacity < MAX_CAPACITY && (long) capacity * 3 / 4 < expectedRows) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    public String entity() {
        return digest.entity();
    }

    /**
     * Records that the row with key hash {@code keyHash} is live with fingerprint
     * {@code fingerprint}: an upsert.
     *
     * @return whether the index held the row before (with this or another fingerprint)
     */
    public boolean apply(long keyHash, long fingerprint) {
        if (keyHash == 0) {
            boolean held = zeroKeyPresent;
            replace(held, zeroKeyFingerprint, fingerprint);
            zeroKeyPresent = true;
            zeroKeyFingerprint = fingerprint;
            return held;
        }
        int mask = keys.length - 1;
        for (int i = home(keyHash); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == keyHash) {
                replace(true, fingerprints[i], fingerprint);
                fingerprints[i] = fingerprint;
                return true;
            }
            if (k == 0) {
                keys[i] = keyHash;
                fingerprints[i] = fingerprint;
                digest.add(fingerprint);
                size++;
                if (size > (keys.length >>> 2) * 3) {
                    grow();
                }
                return false;
            }
        }
    }

    /**
     * Records that the row with key hash {@code keyHash} was deleted.
     *
     * @return whether the index held the row
     */
    public boolean applyDelete(long keyHash) {
        if (keyHash == 0) {
            if (!zeroKeyPresent) {
                return false;
            }
            digest.remove(zeroKeyFingerprint);
            zeroKeyPresent = false;
            zeroKeyFingerprint = 0;
            return true;
        }
        int slot = find(keyHash);
        if (slot < 0) {
            return false;
        }
        digest.remove(fingerprints[slot]);
        size--;
        shiftBack(slot);
        return true;
    }

    /**
     * Applies a signed record: an upsert makes its row live with the record's fingerprint, a
     * delete removes the row.
     *
     * @throws IllegalArgumentException when the record is of another entity
     */
    public boolean apply(RecordStatement record) {
        if (!record.entity().equals(entity())) {
            throw new IllegalArgumentException("record of " + record.entity() + " applied to the digest index of "
                    + entity());
        }
        return record.op() == RecordOp.UPSERT
                ? apply(record.keyHash(), record.rowFingerprint())
                : applyDelete(record.keyHash());
    }

    /** Whether a row with key hash {@code keyHash} is live. */
    public boolean contains(long keyHash) {
        return keyHash == 0 ? zeroKeyPresent : find(keyHash) >= 0;
    }

    /** The fingerprint held for {@code keyHash}, or {@code absent} when the row is not live. */
    public long fingerprint(long keyHash, long absent) {
        if (keyHash == 0) {
            return zeroKeyPresent ? zeroKeyFingerprint : absent;
        }
        int slot = find(keyHash);
        return slot < 0 ? absent : fingerprints[slot];
    }

    /** Calls {@code action} with the key hash of every live row, in no particular order. */
    public void forEachKeyHash(java.util.function.LongConsumer action) {
        if (zeroKeyPresent) {
            action.accept(0);
        }
        for (long k : keys) {
            if (k != 0) {
                action.accept(k);
            }
        }
    }

    /** Number of live rows. */
    public long size() {
        return size + (zeroKeyPresent ? 1 : 0);
    }

    /** Number of slots (a power of two); for tests and memory estimates: 16 bytes each. */
    public int capacity() {
        return keys.length;
    }

    /** The entity's rows and digest now. */
    public RowsDigest value() {
        return digest.value();
    }

    /** The digest this index maintains; read it, do not change it directly. */
    public EntityDigest digest() {
        return digest;
    }

    private void replace(boolean held, long oldFingerprint, long newFingerprint) {
        if (held && oldFingerprint == newFingerprint) {
            return; // the same version again: a replay changes nothing
        }
        if (held) {
            digest.remove(oldFingerprint);
        }
        digest.add(newFingerprint);
    }

    private int home(long keyHash) {
        return (int) ((keyHash * GOLDEN) >>> (64 - bits));
    }

    private int find(long keyHash) {
        int mask = keys.length - 1;
        for (int i = home(keyHash); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == keyHash) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    /**
     * Empties {@code slot} and moves later entries of its probe run back into the gap, so that
     * every entry stays reachable from its home slot without tombstones (Knuth, vol. 3, 6.4,
     * Algorithm R).
     */
    private void shiftBack(int slot) {
        int mask = keys.length - 1;
        int gap = slot;
        for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int h = home(keys[j]);
            // The entry at j may fill the gap unless its home lies cyclically in (gap, j].
            boolean homeBetween = gap <= j ? gap < h && h <= j : gap < h || h <= j;
            if (!homeBetween) {
                keys[gap] = keys[j];
                fingerprints[gap] = fingerprints[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        fingerprints[gap] = 0;
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("digest index of " + entity() + " is full at " + size + " rows");
        }
        long[] oldKeys = keys;
        long[] oldFingerprints = fingerprints;
        allocate(keys.length << 1);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k != 0) {
                int j = home(k);
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                fingerprints[j] = oldFingerprints[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        fingerprints = new long[capacity];
        bits = Integer.numberOfTrailingZeros(capacity);
    }

    @Override
    public String toString() {
        return "DigestIndex[" + digest + ", " + keys.length + " slots]";
    }
}
