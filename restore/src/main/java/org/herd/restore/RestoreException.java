package org.herd.restore;

/**
 * A row of the mirror that cannot be written into Gazelle's tables, or a restore that cannot go
 * on. Messages name the entity, key and field, and quote only public values (the mirror holds
 * nothing else) and never a password.
 */
public class RestoreException extends RuntimeException {

    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
