package org.herd.verify;

import java.util.Map;
import java.util.TreeMap;

/**
 * The public state of one side (origin or mirror): for each entity, its rows by key. Keys and
 * payloads are the neutral field maps, so both sides compare with {@code equals}.
 */
public record EntityRows(Map<String, Map<Map<String, Object>, Map<String, Object>>> byEntity) {

    public Map<Map<String, Object>, Map<String, Object>> rows(String entity) {
        return byEntity.getOrDefault(entity, Map.of());
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        byEntity.forEach((e, rows) -> counts.put(e, rows.size()));
        return counts;
    }
}
