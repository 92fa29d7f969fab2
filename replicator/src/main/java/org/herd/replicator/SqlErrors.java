package org.herd.replicator;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Decides, in one place, what a PostgreSQL error means for the apply loop, and describes it
 * without repeating row contents.
 *
 * <p>Only errors about the content of a record quarantine it: retrying them would fail forever
 * and stop the mirror. Everything else (connection lost, server shutting down, deadlock, disk
 * full, even a bug) is treated as transient: the loop backs off and retries from the stored
 * offsets, because skipping a record that might have applied later would lose it.
 */
final class SqlErrors {

    /**
     * SQLSTATE classes that blame the data: 22 data exception (e.g. a NUL character in text),
     * 23 integrity constraint violation, 54 program limit exceeded (e.g. a key too long for an
     * index).
     */
    private static final Set<String> CONTENT_CLASSES = Set.of("22", "23", "54");

    private SqlErrors() {
    }

    /** Whether the error was caused by the values of the statement rather than the server's state. */
    static boolean isContentRejection(Throwable failure) {
        SQLException sql = mostSpecific(failure);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && state.length() >= 2 && CONTENT_CLASSES.contains(state.substring(0, 2));
    }

    /**
     * A one-line description: SQLSTATE and the first line of the server's message. PostgreSQL puts
     * row contents in the DETAIL lines and pgjdbc's batch exception repeats the statement with its
     * parameters, so neither is used.
     */
    static String describe(Throwable failure) {
        SQLException sql = mostSpecific(failure);
        if (sql != null) {
            return "SQLSTATE " + sql.getSQLState() + ": " + firstLine(sql.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    /** The innermost SQLException in the cause chain, following a batch exception to its cause. */
    private static SQLException mostSpecific(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
                if (sql instanceof BatchUpdateException && sql.getNextException() != null) {
                    found = sql.getNextException();
                }
            }
        }
        return found;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
