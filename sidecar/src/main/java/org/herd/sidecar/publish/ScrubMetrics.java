package org.herd.sidecar.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.herd.translator.NeutralRecord;
import org.herd.translator.RowChange;
import org.herd.translator.scrub.ScrubCount;

/**
 * Counts what text scrubbing found, never what it was: the Micrometer counter {@value #NAME},
 * tagged {@code origin}, {@code table}, {@code column} and {@code rule} (a built-in rule's name,
 * {@code pattern:<token>} for an operator pattern, {@code dropped} for a value a {@code drop} column
 * withheld), and the sums since the last {@link #drainLine()} for the sidecar's periodic log line.
 * Everything else passes on to the next listener.
 *
 * <p>Findings are counted when a row is translated: a batch that capture reads again after a
 * failure, and the re-emission of a changed policy, count again. The tag values come from the
 * catalogue's free-text columns and the policy's rules, so they stay few.
 */
public final class ScrubMetrics extends ForwardingListener {

    public static final String NAME = "herd.scrubbed";

    private record Key(String table, String column, String rule) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return table + "." + column + " " + rule;
        }
    }

    private final MeterRegistry registry;
    private final String origin;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> sinceLastLine = new ConcurrentHashMap<>();

    public ScrubMetrics(PipelineListener next, MeterRegistry registry, String origin) {
        super(next);
        this.registry = registry;
        this.origin = origin;
    }

    @Override
    public void scrubbed(List<ScrubCount> counts) {
        for (ScrubCount c : counts) {
            Key key = new Key(c.table(), c.column(), c.rule());
            counters.computeIfAbsent(key, k -> Counter.builder(NAME)
                    .description("Findings of text scrubbing in the free text of published rows (counts, never contents)")
                    .tag("origin", origin)
                    .tag("table", k.table())
                    .tag("column", k.column())
                    .tag("rule", k.rule())
                    .register(registry)).increment(c.count());
            sinceLastLine.computeIfAbsent(key, k -> new LongAdder()).add(c.count());
        }
        super.scrubbed(counts);
    }

    /**
     * The findings since the last call, as one line ({@code torrents.Description announce-url 3,
     * ...}), and resets them; null when there were none.
     */
    public String drainLine() {
        Map<Key, Long> drained = new TreeMap<>();
        for (Map.Entry<Key, LongAdder> e : sinceLastLine.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                drained.put(e.getKey(), n);
            }
        }
        if (drained.isEmpty()) {
            return null;
        }
        long total = drained.values().stream().mapToLong(Long::longValue).sum();
        return total + " findings: " + drained.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
