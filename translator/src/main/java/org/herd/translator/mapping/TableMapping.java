package org.herd.translator.mapping;

import java.util.Map;
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
}
