package org.herd.restore;

import java.util.Objects;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * What an {@link EntityRestore} writes with: the variant's tables, the accounts that stand for
 * the users the mirror names, and where the rows go.
 */
public final class RestoreContext {

    private final GazelleTables tables;
    private final UserPlan users;
    private final GazelleTarget target;

    public RestoreContext(GazelleTables tables, UserPlan users, GazelleTarget target) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.users = Objects.requireNonNull(users, "users");
        this.target = Objects.requireNonNull(target, "target");
    }

    public GazelleVariant variant() {
        return tables.variant();
    }

    /** A new row of a table of the variant. */
    public RowBuilder row(String table) {
        return new RowBuilder(table, tables.columns(table), tables.variant());
    }

    public UserPlan users() {
        return users;
    }

    public GazelleTarget target() {
        return target;
    }

    /** Writes a built row. */
    public void write(RowBuilder row) {
        row.writeTo(target);
    }
}
