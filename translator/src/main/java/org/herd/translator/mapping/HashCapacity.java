package org.herd.translator.mapping;

/**
 * The initial capacity of a hash map that is built once per record with a known number of entries,
 * so that it never grows while it is filled (at the default load factor).
 */
public final class HashCapacity {

    private HashCapacity() {
    }

    /** A capacity that holds {@code entries} entries without growing. */
    public static int forEntries(int entries) {
        return entries * 4 / 3 + 1;
    }
}
