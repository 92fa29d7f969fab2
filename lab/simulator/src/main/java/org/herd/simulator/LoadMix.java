package org.herd.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * The proportions of the load generator's transactions: a weight per {@link LoadKind} (a kind of
 * weight 10 runs twice as often as one of weight 5), how many torrents one tracker flush updates and
 * how many users its users' flush updates, and the percentage of tracker flushes that include a
 * torrent the site has just deleted (Ocelot still knows it: the flush's upsert creates a ghost row,
 * which the flush's DELETE then removes, as on a real site).
 *
 * <p>A specification is {@code kind=weight} and {@code setting=value} pairs separated by commas,
 * each replacing the default's value: {@code tracker=0,tracker-users=0} is the default without the
 * tracker. Settings: {@code tracker-batch}, {@code user-batch}, {@code ghost-percent}.
 *
 * @param weights      weight per kind; a kind absent or 0 never runs
 * @param trackerBatch torrents per tracker flush
 * @param userBatch    users per users' flush
 * @param ghostPercent percentage of tracker flushes that include a torrent deleted just before
 */
public record LoadMix(Map<LoadKind, Integer> weights, int trackerBatch, int userBatch, int ghostPercent) {

    /**
     * The default: per 100 transactions, 10 uploads, 8 edits, 30 tag votes, 3 deletes, 2 renames,
     * 15 comments, 15 forum posts, 3 tracker flushes of 50 torrents and 2 of 50 users; 5% of tracker
     * flushes carry a ghost. docs/benchmarks.md gives the binlog row changes this makes, by class.
     */
    public static final LoadMix DEFAULT = new LoadMix(defaultWeights(), 50, 50, 5);

    public LoadMix {
        Map<LoadKind, Integer> w = new EnumMap<>(LoadKind.class);
        for (LoadKind k : LoadKind.values()) {
            int v = weights.getOrDefault(k, 0);
            if (v < 0) {
                throw new IllegalArgumentException("load mix: the weight of " + k.label() + " must be 0 or more, got "
                        + v);
            }
            w.put(k, v);
        }
        if (w.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("load mix: at least one kind needs a weight above 0");
        }
        if (trackerBatch < 1 || userBatch < 1) {
            throw new IllegalArgumentException("load mix: tracker-batch and user-batch must be at least 1, got "
                    + trackerBatch + " and " + userBatch);
        }
        if (ghostPercent < 0 || ghostPercent > 100) {
            throw new IllegalArgumentException("load mix: ghost-percent must be between 0 and 100, got "
                    + ghostPercent);
        }
        weights = Collections.unmodifiableMap(w);
    }

    private static Map<LoadKind, Integer> defaultWeights() {
        Map<LoadKind, Integer> w = new EnumMap<>(LoadKind.class);
        w.put(LoadKind.UPLOAD, 10);
        w.put(LoadKind.EDIT, 8);
        w.put(LoadKind.TAG_VOTE, 30);
        w.put(LoadKind.DELETE, 3);
        w.put(LoadKind.RENAME, 2);
        w.put(LoadKind.COMMENT, 15);
        w.put(LoadKind.FORUM_POST, 15);
        w.put(LoadKind.TRACKER, 3);
        w.put(LoadKind.TRACKER_USERS, 2);
        return w;
    }

    /** The default with the pairs of {@code spec} applied; blank = the default. */
    public static LoadMix parse(String spec) {
        Map<LoadKind, Integer> weights = new EnumMap<>(DEFAULT.weights);
        int trackerBatch = DEFAULT.trackerBatch;
        int userBatch = DEFAULT.userBatch;
        int ghostPercent = DEFAULT.ghostPercent;
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("load mix: '" + part.trim() + "' is not name=value");
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("load mix: the value of " + name + " must be a whole number, got '"
                        + value + "'");
            }
            switch (name) {
                case "tracker-batch" -> trackerBatch = n;
                case "user-batch" -> userBatch = n;
                case "ghost-percent" -> ghostPercent = n;
                default -> weights.put(LoadKind.byLabel(name).orElseThrow(() -> new IllegalArgumentException(
                        "load mix: unknown name '" + name + "'; kinds are " + labels()
                                + ", settings tracker-batch, user-batch, ghost-percent")), n);
            }
        }
        return new LoadMix(weights, trackerBatch, userBatch, ghostPercent);
    }

    private static String labels() {
        StringJoiner j = new StringJoiner(", ");
        for (LoadKind k : LoadKind.values()) {
            j.add(k.label());
        }
        return j.toString();
    }

    /** Only the given kinds, with these weights; the default's batches and no ghosts. */
    public static LoadMix only(Map<LoadKind, Integer> weights) {
        return new LoadMix(weights, DEFAULT.trackerBatch, DEFAULT.userBatch, 0);
    }

    public LoadMix withGhostPercent(int percent) {
        return new LoadMix(weights, trackerBatch, userBatch, percent);
    }

    /** A kind drawn with the mix's weights. */
    public LoadKind pick(SplittableRandom random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int x = random.nextInt(total);
        for (Map.Entry<LoadKind, Integer> e : weights.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    /** The kinds that run, in declaration order. */
    public List<LoadKind> kinds() {
        List<LoadKind> kinds = new ArrayList<>();
        weights.forEach((k, w) -> {
            if (w > 0) {
                kinds.add(k);
            }
        });
        return kinds;
    }

    /** The specification that makes this mix: every weight and setting, in the order parse reads them. */
    public String spec() {
        StringJoiner j = new StringJoiner(",");
        weights.forEach((k, w) -> j.add(k.label() + "=" + w));
        j.add("tracker-batch=" + trackerBatch).add("user-batch=" + userBatch).add("ghost-percent=" + ghostPercent);
        return j.toString();
    }

    @Override
    public String toString() {
        return spec();
    }
}
