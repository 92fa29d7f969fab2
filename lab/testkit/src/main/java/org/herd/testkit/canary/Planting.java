package org.herd.testkit.canary;

import java.util.List;

/**
 * What one planting put into the origin database.
 *
 * @param canaries    values planted in non-public columns: none may leave the origin
 * @param controls    values planted in public columns of replicated tables, the same way: these
 *                    must be found wherever the public data goes
 * @param unplantable non-public columns that could carry no canary, with the reason
 * @param tables      tables planted in (a row updated or inserted)
 */
public record Planting(List<Canary> canaries, List<Canary> controls, List<Unplantable> unplantable,
        List<String> tables) {

    public Planting {
        canaries = List.copyOf(canaries);
        controls = List.copyOf(controls);
        unplantable = List.copyOf(unplantable);
        tables = List.copyOf(tables);
    }

    /** A scan for these canaries and controls. */
    public CanaryScan newScan() {
        return new CanaryScan(canaries, controls);
    }
}
