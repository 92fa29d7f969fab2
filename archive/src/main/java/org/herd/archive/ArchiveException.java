package org.herd.archive;

/** An archive cannot be written or read as asked; the message names the file, entity or record. */
public final class ArchiveException extends RuntimeException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
