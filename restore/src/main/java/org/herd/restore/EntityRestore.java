package org.herd.restore;

import java.util.List;
import org.herd.translator.schema.EntityType;

/**
 * How the rows of one neutral entity go back into one Gazelle table: the inverse of the
 * translator's mapping of that table ({@code org.herd.translator.mapping}), one class per mapping.
 * Translating the rows written with the translator gives the rows read (the round-trip tests
 * check it for every entity and variant).
 */
public interface EntityRestore {

    /** The entity read from the mirror. */
    EntityType entity();

    /** The Gazelle tables it writes into. */
    List<String> tables();

    /**
     * Writes one mirror row.
     *
     * @throws RestoreException when the row cannot be written Gazelle's way; the restore counts it
     *                          as skipped, names it, and goes on
     */
    void restore(NeutralRow row, RestoreContext context);
}
