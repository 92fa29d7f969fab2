package org.herd.translator;

import java.util.List;

/**
 * What one row change translates to.
 *
 * @param records  the records to publish, in order
 * @param cascades other rows to translate again because of this change, in order
 */
public record Translation(List<NeutralRecord> records, List<Cascade> cascades) {

    public static final Translation NOTHING = new Translation(List.of(), List.of());

    public Translation {
        records = List.copyOf(records);
        cascades = List.copyOf(cascades);
    }
}
