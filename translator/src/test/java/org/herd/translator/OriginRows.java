package org.herd.translator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;

/**
 * An origin held in memory, for translator tests of mappings that look at other rows: rows per
 * table, looked up by the catalogue's primary key; integers compare by value whatever their boxed
 * type, as a database compares them.
 */
final class OriginRows implements OriginLookup {

    private final GazelleCatalogue catalogue;

    private final Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    /** Every question asked, as "row table key" or "aggregate table where sum", in order. */
    final List<String> asked = new ArrayList<>();

    /** A WhatCD origin. */
    OriginRows() {
        this(GazelleVariant.WHATCD);
    }

    /** An origin of the variant, whose catalogue gives each table's primary key. */
    OriginRows(GazelleVariant variant) {
        this.catalogue = GazelleCatalogue.of(variant);
    }

    /** Adds a row, replacing the one with the same primary key. */
    OriginRows put(String table, Map<String, Object> row) {
        List<Map<String, Object>> rows = tables.computeIfAbsent(table, t -> new ArrayList<>());
        Map<String, Object> key = keyOf(table, row);
        rows.removeIf(r -> matches(r, key));
        rows.add(new LinkedHashMap<>(row));
        return this;
    }

    @Override
    public Optional<Map<String, Object>> row(String table, Map<String, Object> key) {
        asked.add("row " + table + " " + key);
        return tables.getOrDefault(table, List.of()).stream().filter(r -> matches(r, key)).findFirst()
                .map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r)));
    }

    @Override
    public Aggregate aggregate(String table, Map<String, Object> where, String sumColumn) {
        asked.add("aggregate " + table + " " + where + " " + sumColumn);
        long count = 0;
        long sum = 0;
        for (Map<String, Object> r : tables.getOrDefault(table, List.of())) {
            if (matches(r, where)) {
                count++;
                sum += ((Number) r.get(sumColumn)).longValue();
            }
        }
        return new Aggregate(count, sum);
    }

    private Map<String, Object> keyOf(String table, Map<String, Object> row) {
        Map<String, Object> key = new LinkedHashMap<>();
        catalogue.table(table).orElseThrow().primaryKey().forEach(c -> key.put(c, row.get(c)));
        return key;
    }

    private static boolean matches(Map<String, Object> row, Map<String, Object> where) {
        for (Map.Entry<String, Object> e : where.entrySet()) {
            Object v = row.get(e.getKey());
            boolean same = v instanceof Number a && e.getValue() instanceof Number b
                    ? a.longValue() == b.longValue() : Objects.equals(v, e.getValue());
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
