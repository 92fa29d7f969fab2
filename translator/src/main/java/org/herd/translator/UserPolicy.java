package org.herd.translator;

/**
 * How the users behind public content (the authors of posts, comments, collages and requests)
 * may appear outside the origin. Uploaders, taggers and editors never appear in any form.
 */
public enum UserPolicy {
    /** No user reference leaves the origin. */
    NONE,
    /**
     * A user appears as a stable keyed hash of their id, computed at the origin with a key that
     * never leaves it: a mirror can tell that two posts have the same author, but not who it is,
     * and cannot recompute the hash from a guessed id.
     */
    PSEUDONYMOUS,
    /** A user appears by id, and the user's id and name are published. */
    PUBLIC
}
