package org.herd.gazelle.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.gazelle.catalogue.GazelleCatalogue;

/**
 * How a database compares with what Herd knows of it: the tables it has that the catalogue does
 * not know (left out: default deny, never guessed at), and the captured tables and public columns
 * the catalogue expects but the database does not show (capture would lack them).
 *
 * @param unknownTables  tables in the database the catalogue does not know, by name
 * @param missingTables  captured tables the database does not show
 * @param missingColumns per captured table present, the captured columns the database does not show
 */
public record CatalogueCoverage(List<String> unknownTables, List<String> missingTables,
        Map<String, List<String>> missingColumns) {

    public CatalogueCoverage {
        unknownTables = List.copyOf(unknownTables);
        missingTables = List.copyOf(missingTables);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        missingColumns.forEach((t, cols) -> copy.put(t, List.copyOf(cols)));
        missingColumns = Collections.unmodifiableMap(copy);
    }

    /**
     * @param catalogue the variant's catalogue
     * @param captured  the tables and columns the sidecar captures (the translator's mapped tables)
     * @param schema    what the database shows
     */
    public static CatalogueCoverage of(GazelleCatalogue catalogue, Map<String, List<String>> captured,
            SourceSchema schema) {
        List<String> unknown = schema.tables().keySet().stream()
                .filter(t -> catalogue.table(t).isEmpty()).sorted().toList();
        List<String> missingTables = new ArrayList<>();
        Map<String, List<String>> missingColumns = new LinkedHashMap<>();
        captured.forEach((table, columns) -> {
            if (!schema.hasTable(table)) {
                missingTables.add(table);
                return;
            }
            List<String> absent = columns.stream().filter(c -> !schema.hasColumn(table, c)).toList();
            if (!absent.isEmpty()) {
                missingColumns.put(table, absent);
            }
        });
        return new CatalogueCoverage(unknown, missingTables, missingColumns);
    }

    /** Whether everything captured is there. */
    public boolean complete() {
        return missingTables.isEmpty() && missingColumns.isEmpty();
    }
}
