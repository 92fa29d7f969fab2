package org.herd.sidecar.publish;

/**
 * A batch failed for a reason that may pass (Kafka unreachable, the Gazelle database not
 * answering). Its offsets stay uncommitted: capture restarts from the last acknowledged position
 * and reads the batch again.
 */
public final class PublishException extends RuntimeException {

    PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Kafka did not take a record of the batch. */
    static PublishException notAcknowledged(String what, Throwable cause) {
        return new PublishException("Kafka did not acknowledge " + what + ": " + cause, cause);
    }
}
