package org.herd.testkit.canary;

import java.util.Objects;

/**
 * A non-public column that cannot carry a canary, and why: a leak test cannot prove by search
 * that its values stay at the origin, only the catalogue and the capture configuration keep them
 * there.
 *
 * @param table      Gazelle table
 * @param column     column
 * @param columnType the column's type as the database declares it, e.g. {@code enum('0','1')}
 * @param reason     why no recognisable value fits it
 */
public record Unplantable(String table, String column, String columnType, String reason) {

    public Unplantable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(columnType, "columnType");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return table + "." + column + " " + columnType + ": " + reason;
    }
}
