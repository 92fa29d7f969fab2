package org.herd.archive;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.herd.translator.SourcePosition;

/**
 * The outcome of {@link ArchiveVerifier}: the problems found (none when the archive is authentic
 * and complete), the cut, and the records read per entity.
 *
 * @param problems     what is wrong, in the order found
 * @param omitted      problems found but not listed, beyond the limit per entity
 * @param cut          the manifest's position cut; null when the manifest could not be read
 * @param records      per entity, the records read
 * @param trustNote    which trust root the records were checked against, and how it was chosen
 */
public record ArchiveVerdict(List<ArchiveProblem> problems, long omitted, SourcePosition cut,
        SortedMap<String, Long> records, String trustNote) {

    public ArchiveVerdict {
        problems = List.copyOf(problems);
        records = new TreeMap<>(records);
    }

    /** Whether the archive is authentic and complete. */
    public boolean ok() {
        return problems.isEmpty() && omitted == 0;
    }

    /** Whether a problem of {@code kind} was found. */
    public boolean has(ArchiveProblem.Kind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }

    /** The lines to print: the verdict, then each problem or each entity's count. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        long total = records.values().stream().mapToLong(Long::longValue).sum();
        if (ok()) {
            b.append("authentic and complete at position ").append(cut).append('\n');
            b.append("  ").append(total).append(" records, ").append(trustNote).append('\n');
            records.forEach((e, n) -> b.append("  ").append(e).append(": ").append(n).append(" records\n"));
        } else {
            b.append("NOT authentic and complete: ").append(problems.size() + omitted).append(" problem")
                    .append(problems.size() + omitted == 1 ? "" : "s").append('\n');
            problems.forEach(p -> b.append("  ").append(p).append('\n'));
            if (omitted > 0) {
                b.append("  ... and ").append(omitted).append(" more of the same entities\n");
            }
            if (trustNote != null) {
                b.append("  (").append(trustNote).append(")\n");
            }
        }
        return b.toString();
    }
}
