package org.herd.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/** Per-entity comparison of the origin's public state with a mirror's. */
public record StateComparison(Map<String, EntityDiff> entities) {

    /**
     * @param origin  rows at the origin
     * @param mirror  rows in the mirror
     * @param missing keys at the origin but not in the mirror (first few)
     * @param extra   keys in the mirror but not at the origin (first few)
     * @param differing keys whose payloads differ, with the fields that differ (first few)
     */
    public record EntityDiff(int origin, int mirror, int missingCount, int extraCount, int differingCount,
            List<Map<String, Object>> missing, List<Map<String, Object>> extra,
            List<String> differing) {

        public boolean equal() {
            return missingCount == 0 && extraCount == 0 && differingCount == 0;
        }
    }

    private static final int SAMPLE = 5;

    public static StateComparison compare(EntityRows origin, EntityRows mirror) {
        Map<String, EntityDiff> result = new LinkedHashMap<>();
        for (EntityType e : NeutralSchema.entities()) {
            Map<Map<String, Object>, Map<String, Object>> o = origin.rows(e.name());
            Map<Map<String, Object>, Map<String, Object>> m = mirror.rows(e.name());
            List<Map<String, Object>> missing = new ArrayList<>();
            List<String> differing = new ArrayList<>();
            List<Map<String, Object>> extra = new ArrayList<>();
            int missingCount = 0;
            int differingCount = 0;
            int extraCount = 0;
            for (Map.Entry<Map<String, Object>, Map<String, Object>> row : o.entrySet()) {
                Map<String, Object> held = m.get(row.getKey());
                if (held == null && !m.containsKey(row.getKey())) {
                    if (missingCount++ < SAMPLE) {
                        missing.add(row.getKey());
                    }
                } else if (!Objects.equals(held, row.getValue())) {
                    if (differingCount++ < SAMPLE) {
                        differing.add(row.getKey() + " " + fieldDifferences(row.getValue(), held));
                    }
                }
            }
            for (Map<String, Object> key : m.keySet()) {
                if (!o.containsKey(key) && extraCount++ < SAMPLE) {
                    extra.add(key);
                }
            }
            result.put(e.name(), new EntityDiff(o.size(), m.size(), missingCount, extraCount, differingCount,
                    missing, extra, differing));
        }
        return new StateComparison(result);
    }

    /** The fields whose values differ, with both values abbreviated: public data only. */
    static String fieldDifferences(Map<String, Object> origin, Map<String, Object> mirror) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> f : origin.entrySet()) {
            Object held = mirror == null ? null : mirror.get(f.getKey());
            if (!Objects.equals(f.getValue(), held)) {
                b.append(b.length() == 0 ? "" : ", ").append(f.getKey()).append(": origin ")
                        .append(abbreviate(f.getValue())).append(", mirror ").append(abbreviate(held));
            }
        }
        return b.toString();
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 40) + "…'";
    }

    public boolean equal() {
        return entities.values().stream().allMatch(EntityDiff::equal);
    }

    /** A table for people: one line per entity. */
    public String describe(String mirrorName) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("  %-24s %9s %9s %8s %8s %9s  %s%n", "entity", "origin", mirrorName, "missing",
                "extra", "differing", "result"));
        entities.forEach((name, d) -> {
            b.append(String.format("  %-24s %9d %9d %8d %8d %9d  %s%n", name, d.origin(), d.mirror(),
                    d.missingCount(), d.extraCount(), d.differingCount(), d.equal() ? "equal" : "DIFFERENT"));
            if (!d.equal()) {
                d.missing().forEach(k -> b.append("      missing ").append(k).append('\n'));
                d.extra().forEach(k -> b.append("      extra ").append(k).append('\n'));
                d.differing().forEach(k -> b.append("      differing ").append(k).append('\n'));
            }
        });
        return b.toString();
    }
}
