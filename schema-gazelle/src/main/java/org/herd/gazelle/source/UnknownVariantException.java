package org.herd.gazelle.source;

/** The database is not one of the Gazelle variants Herd supports, or not recognisably so. */
public final class UnknownVariantException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownVariantException(String message) {
        super(message);
    }
}
