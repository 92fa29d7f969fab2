package org.herd.sidecar.lookup;

/** The lookup's failures as it raises them, for tests of what the sidecar does with them. */
public final class LookupFailures {

    private LookupFailures() {
    }

    /** An "Unknown column" answer; {@code column} null for a table that is gone. */
    public static SourceLookup.SchemaMismatchException schemaMismatch(String table, String column) {
        return new SourceLookup.SchemaMismatchException(table, column, "the Gazelle database no longer matches what "
                + "Herd reads from " + table + ": " + (column == null ? "Table '" + table + "' doesn't exist"
                        : "Unknown column '" + column + "' in 'SELECT'"), null);
    }

    /** The database did not answer. */
    public static SourceLookup.LookupFailedException lookupFailed(String table) {
        return new SourceLookup.LookupFailedException("could not read " + table + " from the Gazelle database: "
                + "connection reset", null);
    }
}
