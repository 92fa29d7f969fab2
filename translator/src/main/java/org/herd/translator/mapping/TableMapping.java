package org.herd.translator.mapping;

import java.util.List;
import java.util.Map;
import org.herd.translator.Cascade;
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

    /**
     * Where each key field of {@link #entity} comes from in {@link #table}, in the entity's key
     * order: what names the Gazelle row behind an entity key (verify's repair asks the sidecar to
     * read exactly those rows again). Every mapping declares it; a table that publishes nothing
     * declares none.
     */
    Map<String, KeySource> keySources();

    /** The entity payload of a row, in the entity's payload order. */
    Map<String, Object> payload(GazelleRow row);

    /**
     * Whether the row may leave the origin (a row filter: staff forums, deleted collages, hidden
     * requests). A row that is not visible is never published; one that stops being visible is
     * retracted with a delete, one that becomes visible is published.
     */
    default boolean visible(GazelleRow row) {
        return true;
    }

    /**
     * The columns naming the parent whose visibility this row's follows (a post's TopicID, a
     * topic's ForumID): a change of one is a move, after which the row and its children are
     * judged again.
     */
    default List<String> parentColumns() {
        return List.of();
    }

    /**
     * The rows whose visibility follows this row's: translated again whenever this row's
     * visibility changes, and whenever this row is itself translated again for that reason.
     */
    default List<Cascade> children(GazelleRow row) {
        return List.of();
    }

    /**
     * The rows whose records are computed from this one (an aggregate over it): translated again
     * after every streamed change of this row.
     */
    default List<Cascade> dependents(GazelleRow row) {
        return List.of();
    }

    /**
     * False for a table that publishes nothing itself and only feeds other rows' records through
     * {@link #dependents} (per-user votes feeding a request's totals); {@link #key} and
     * {@link #payload} are then never called.
     */
    default boolean publishes() {
        return true;
    }

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
