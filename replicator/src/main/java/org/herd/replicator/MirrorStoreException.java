package org.herd.replicator;

/** The store could not complete an operation; nothing of it was committed. */
public class MirrorStoreException extends RuntimeException {

    public MirrorStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
