package org.herd.translator.mapping;

import java.util.Map;
import java.util.Optional;
import org.herd.translator.schema.EntityType;

/**
 * How one Gazelle table becomes one neutral entity. Implementations read only public columns
 * (the translator has removed every other one before they see the row) and are stateless.
 */
public interface TableMapping {

    /** The Gazelle table. */
    String table();

    /** The neutral entity its rows become. */
    EntityType entity();

    /** The entity key of a row, in the entity's key order. */
    Map<String, Object> key(GazelleRow row);

    /** The entity payload of a row, in the entity's payload order. */
    Map<String, Object> payload(GazelleRow row);

    /**
     * The table whose row deletions delete this table's rows through a foreign key declared
     * {@code ON DELETE CASCADE}, when the site relies on that instead of deleting them itself.
     * InnoDB carries out such cascades below the binlog, so they never arrive as row changes: the
     * translator publishes the delete of {@link #cascadedKey} with the parent's delete.
     */
    default Optional<String> cascadeParent() {
        return Optional.empty();
    }

    /** The key of this mapping's entity that a deleted row of {@link #cascadeParent} takes with it. */
    default Map<String, Object> cascadedKey(GazelleRow parent) {
        throw new UnsupportedOperationException(table() + " has no cascade parent");
    }
}
