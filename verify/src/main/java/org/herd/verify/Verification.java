package org.herd.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.herd.translator.OriginLookup;
import org.herd.translator.SourcePosition;
import org.herd.translator.Translator;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;

/**
 * Compares the origin's public state with one mirror's by hashing chunks of keys, as
 * pt-table-checksum does for MySQL replicas, and names the rows that differ.
 *
 * <ol>
 * <li>First pass: each side streams every row of an entity once; each row's canonical hash
 * ({@link RowHash}) is added to its chunk ({@link Chunking}): per chunk a count and an
 * order-independent sum. Only the per-chunk sums are held, never the rows.</li>
 * <li>Chunks whose count or sum differ are read again on both sides, row by row, one chunk at a
 * time, to name the missing, extra and differing keys.</li>
 * <li>Replication runs meanwhile, so a row in flight differs for a moment. After a delay the
 * chunks of the keys found are read again, a few times; a key counts only if it differs in every
 * read, and it is reported as the last read found it. A key that starts differing during the
 * re-checks is a change in flight and is left out.</li>
 * </ol>
 *
 * <p>Before each pass the origin's binlog position is read: the position read before the last pass
 * that still found a row extra is when the origin was last seen without it ({@link Result#confirmedAt}),
 * the stamp a repair gives its deletes.
 *
 * <p>This is the one comparison of an origin with a mirror: {@code herd verify}, the demo, the
 * crash harness, the benchmark and the integration tests all call {@link #compare}.
 */
public final class Verification {

    /**
     * @param chunkSize    key values per chunk of an entity's first integer key field
     * @param rechecks     how often the differences found are read again before they count
     * @param recheckDelay pause before each re-check, for rows in flight to arrive
     * @param keysShown    keys the report names per entity and kind; the rest are counted
     * @param maxKeys      keys per entity held for re-checks and repair; more are counted as
     *                     found once and not re-checked
     */
    public record Settings(long chunkSize, int rechecks, Duration recheckDelay, int keysShown, int maxKeys) {

        /** {@code herd verify}'s defaults (docs/configuration.md, {@code herd.verify.*}). */
        public static final Settings DEFAULTS = new Settings(1000, 3, Duration.ofSeconds(5), 20, 100_000);

        /**
         * One pass, no re-checks: for a site nothing writes to any more, or for a caller that polls
         * until the mirror is equal and would only wait longer for each re-check.
         */
        public static final Settings SINGLE_PASS = DEFAULTS.withRechecks(0, Duration.ZERO);

        public Settings {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be at least 1, not " + chunkSize);
            }
            if (rechecks < 0) {
                throw new IllegalArgumentException("re-checks must not be negative, not " + rechecks);
            }
            Objects.requireNonNull(recheckDelay, "recheckDelay");
            if (recheckDelay.isNegative()) {
                throw new IllegalArgumentException("re-check delay must not be negative, not " + recheckDelay);
            }
            if (keysShown < 0 || maxKeys < 1) {
                throw new IllegalArgumentException("keys shown must be 0 or more and max keys 1 or more");
            }
        }

        /** These settings with other re-checks. */
        public Settings withRechecks(int rechecks, Duration recheckDelay) {
            return new Settings(chunkSize, rechecks, recheckDelay, keysShown, maxKeys);
        }
    }

    /** Opens a JDBC connection: {@code dataSource::getConnection}, an embedded server's {@code connect(db)}. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * The origin as its sidecar publishes it.
     *
     * @param translator the sidecar's translator, built from the sidecar's {@code TranslatorSettings}
     *                   (origin name, variant, user policy, info_hash opt-in)
     * @param tables     the Gazelle tables the sidecar replicates: the translator's, less those the
     *                   operator excluded. Entities of excluded tables are not compared: a mirror may
     *                   hold their rows from before the exclusion, and the origin publishes nothing of
     *                   them now
     * @param lookups    a fresh origin lookup per pass with a connection of its own, as the sidecar
     *                   judges rows by their parents (the sidecar's {@code SourceLookups})
     */
    public record Origin(Translator translator, Set<String> tables, Supplier<? extends OriginLookup> lookups) {

        public Origin {
            Objects.requireNonNull(translator, "translator");
            Objects.requireNonNull(lookups, "lookups");
            tables = Set.copyOf(tables);
            // Every such table named, in order: the message is the same whatever the set's order.
            List<String> unmapped = tables.stream().filter(t -> translator.mapping(t).isEmpty()).sorted().toList();
            if (!unmapped.isEmpty()) {
                throw new IllegalArgumentException((unmapped.size() == 1 ? "table " : "tables ")
                        + String.join(", ", unmapped) + (unmapped.size() == 1 ? " is not one" : " are not ones")
                        + " the translator maps");
            }
        }

        /** Every table the translator maps: a sidecar that excludes none. */
        public static Origin of(Translator translator, Supplier<? extends OriginLookup> lookups) {
            return new Origin(translator, translator.capturedColumns().keySet(), lookups);
        }

        /** The origin's name, as its records and a mirror's rows carry it. */
        public String name() {
            return translator.settings().origin();
        }

        /** The entities compared: every entity but those only excluded tables publish. */
        List<EntityType> entities() {
            Set<String> excluded = new HashSet<>(OriginSource.mappings(translator,
                    translator.capturedColumns().keySet()).keySet());
            excluded.removeAll(OriginSource.mappings(translator, tables).keySet());
            return NeutralSchema.entities().stream().filter(e -> !excluded.contains(e.name())).toList();
        }
    }

    /** What kind of difference a key shows. */
    public enum Kind {
        /** At the origin, not in the mirror. */
        MISSING,
        /** In the mirror, not at the origin (absent there, or hidden by a row filter). */
        EXTRA,
        /** On both sides with different payloads. */
        DIFFERING
    }

    /** One key that differs, with the fields that differ (public values only) for {@link Kind#DIFFERING}. */
    public record Difference(Map<String, Object> key, Kind kind, String detail) {
    }

    /**
     * One entity's outcome.
     *
     * @param originRows      rows at the origin in the first pass
     * @param mirrorRows      live rows in the mirror in the first pass
     * @param chunks          chunks seen on either side
     * @param differingChunks chunks whose hashes differed in the first pass
     * @param differences     keys that differed in every pass, in key order
     * @param unchecked       per kind, keys found in the first pass beyond {@link Settings#maxKeys}
     *                        (counted, not re-checked, not repaired)
     */
    public record EntityResult(String entity, long originRows, long mirrorRows, int chunks, int differingChunks,
            List<Difference> differences, Map<Kind, Long> unchecked) {

        public long count(Kind kind) {
            return differences.stream().filter(d -> d.kind() == kind).count() + unchecked.getOrDefault(kind, 0L);
        }

        public List<Map<String, Object>> keys(Kind kind) {
            return differences.stream().filter(d -> d.kind() == kind).map(Difference::key).toList();
        }

        public boolean equal() {
            return differences.isEmpty() && unchecked.values().stream().allMatch(n -> n == 0);
        }
    }

    /**
     * @param entities    per entity, in the schema's order
     * @param confirmedAt the origin's binlog position read before the last pass that read every
     *                    reported key; empty when it could not be read
     * @param rechecks    re-checks run (fewer than asked when differences ran out)
     * @param elapsed     how long the verification took
     * @param untranslatable per Gazelle table, rows the translator rejects (the sidecar
     *                    quarantines them: not differences)
     */
    public record Result(Map<String, EntityResult> entities, Optional<SourcePosition> confirmedAt, int rechecks,
            Duration elapsed, Map<String, Long> untranslatable, int keysShown) {

        /** Rows at the origin that the mirror lacks. */
        public long lost() {
            return total(Kind.MISSING);
        }

        public long extra() {
            return total(Kind.EXTRA);
        }

        public long differing() {
            return total(Kind.DIFFERING);
        }

        public boolean equal() {
            return entities.values().stream().allMatch(EntityResult::equal);
        }

        private long total(Kind kind) {
            return entities.values().stream().mapToLong(e -> e.count(kind)).sum();
        }

        /** One line per entity, the keys that differ and the totals, for people. */
        public String report(String mirrorName) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("  %-24s %9s %9s %8s %8s %9s  %s%n", "entity", "origin", mirrorName, "missing",
                    "extra", "differing", "result"));
            entities.forEach((name, e) -> {
                b.append(String.format("  %-24s %9d %9d %8d %8d %9d  %s%n", name, e.originRows(), e.mirrorRows(),
                        e.count(Kind.MISSING), e.count(Kind.EXTRA), e.count(Kind.DIFFERING),
                        e.equal() ? "equal" : "DIFFERENT"));
                for (Kind kind : Kind.values()) {
                    List<Difference> of = e.differences().stream().filter(d -> d.kind() == kind).toList();
                    String word = kind.name().toLowerCase(Locale.ROOT);
                    of.stream().limit(keysShown).forEach(d -> b.append("      ").append(word).append(' ')
                            .append(d.key()).append(d.detail().isEmpty() ? "" : " " + d.detail()).append('\n'));
                    if (of.size() > keysShown) {
                        b.append("      ... and ").append(of.size() - keysShown).append(" more ").append(word)
                                .append('\n');
                    }
                    long unchecked = e.unchecked().getOrDefault(kind, 0L);
                    if (unchecked > 0) {
                        b.append("      ... and ").append(unchecked).append(" more ").append(word)
                                .append(" found once, over the limit of keys held, not re-checked\n");
                    }
                }
            });
            untranslatable.forEach((table, n) -> b.append("  ").append(n).append(" rows of ").append(table)
                    .append(" the translator rejects (the sidecar quarantines them; not counted)\n"));
            b.append(String.format("  %s: %d missing, %d extra, %d differing after %d re-check%s, in %.1f s%n",
                    equal() ? "EQUAL" : "DIFFERENT", lost(), extra(), differing(), rechecks,
                    rechecks == 1 ? "" : "s", elapsed.toMillis() / 1000.0));
            return b.toString();
        }
    }

    /** Waits between passes; a test passes one that does not. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final RowSource origin;
    private final RowSource mirror;
    private final List<EntityType> entities;
    private final Settings settings;
    private final Supplier<Optional<SourcePosition>> positions;
    private final Pause pause;

    public Verification(RowSource origin, RowSource mirror, List<EntityType> entities, Settings settings,
            Supplier<Optional<SourcePosition>> positions, Pause pause) {
        this.origin = origin;
        this.mirror = mirror;
        this.entities = List.copyOf(entities);
        this.settings = settings;
        this.positions = positions;
        this.pause = pause;
    }

    /**
     * Compares one mirror with its origin, opening a connection to each (and one per pass for the
     * origin's lookups) and closing them when done.
     *
     * @param gazelle the Gazelle database the sidecar reads
     * @param mirror  the mirror's PostgreSQL
     */
    public static Result compare(Origin origin, Connector gazelle, Connector mirror, Settings settings)
            throws SQLException, InterruptedException {
        try (Connection g = gazelle.connect(); Connection m = mirror.connect()) {
            g.setReadOnly(true);
            return compare(origin, g, m, settings);
        }
    }

    /**
     * Compares one mirror with its origin over connections the caller owns.
     *
     * @param gazelle the Gazelle database, for streaming its rows and reading its binlog position; not
     *                the lookups' connection (a streaming result set holds its connection)
     * @param mirror  the mirror's PostgreSQL
     */
    public static Result compare(Origin origin, Connection gazelle, Connection mirror, Settings settings)
            throws SQLException, InterruptedException {
        OriginSource originSource = new OriginSource(origin.translator(), origin.tables(), gazelle, origin.lookups());
        try {
            Verification v = new Verification(originSource, new MirrorSource(mirror, origin.name()),
                    origin.entities(), settings, () -> BinlogPosition.read(gazelle), d -> Thread.sleep(d.toMillis()));
            Result r = v.run();
            return new Result(r.entities(), r.confirmedAt(), r.rechecks(), r.elapsed(), originSource.untranslatable(),
                    r.keysShown());
        } finally {
            originSource.close();
        }
    }

    /** Per entity, its chunking and the keys still under suspicion. */
    private final class EntityState {
        final EntityType entity;
        final Chunking chunking;
        long originRows;
        long mirrorRows;
        int chunks;
        int differingChunks;
        final Map<Map<String, Object>, Difference> suspects = new LinkedHashMap<>();
        final Map<Kind, Long> unchecked = new LinkedHashMap<>();

        EntityState(EntityType entity) {
            this.entity = entity;
            this.chunking = Chunking.of(entity, settings.chunkSize());
        }
    }

    public Result run() throws SQLException, InterruptedException {
        long started = System.nanoTime();
        List<EntityState> states = entities.stream().map(EntityState::new).toList();
        // Read before the first pass: a row absent in it was absent at this position or later.
        Optional<SourcePosition> confirmedAt = positions.get();
        origin.beginPass();
        mirror.beginPass();
        for (EntityState s : states) {
            firstPass(s);
        }
        int rechecks = 0;
        while (rechecks < settings.rechecks() && states.stream().anyMatch(s -> !s.suspects.isEmpty())) {
            pause.sleep(settings.recheckDelay());
            confirmedAt = positions.get();
            origin.beginPass();
            mirror.beginPass();
            for (EntityState s : states) {
                recheck(s);
            }
            rechecks++;
        }
        Map<String, EntityResult> results = new LinkedHashMap<>();
        for (EntityState s : states) {
            List<Difference> differences = new ArrayList<>(s.suspects.values());
            differences.sort(Comparator.comparing(Difference::key, KEY_ORDER));
            results.put(s.entity.name(), new EntityResult(s.entity.name(), s.originRows, s.mirrorRows, s.chunks,
                    s.differingChunks, List.copyOf(differences), Map.copyOf(s.unchecked)));
        }
        return new Result(results, confirmedAt, rechecks, Duration.ofNanos(System.nanoTime() - started), Map.of(),
                settings.keysShown());
    }

    private void firstPass(EntityState s) throws SQLException {
        Map<Long, RowHash.Sum> originSums = new HashMap<>();
        Map<Long, RowHash.Sum> mirrorSums = new HashMap<>();
        long[] counts = new long[2];
        origin.rows(s.entity, null, (key, payload) -> {
            counts[0]++;
            originSums.merge(s.chunking.chunkOf(key), RowHash.Sum.EMPTY.plus(RowHash.of(s.entity, key, payload)),
                    RowHash.Sum::plus);
        });
        mirror.rows(s.entity, null, (key, payload) -> {
            counts[1]++;
            mirrorSums.merge(s.chunking.chunkOf(key), RowHash.Sum.EMPTY.plus(RowHash.of(s.entity, key, payload)),
                    RowHash.Sum::plus);
        });
        s.originRows = counts[0];
        s.mirrorRows = counts[1];
        Set<Long> all = new TreeSet<>(originSums.keySet());
        all.addAll(mirrorSums.keySet());
        s.chunks = all.size();
        List<Long> differing = all.stream()
                .filter(c -> !Objects.equals(originSums.get(c), mirrorSums.get(c))).toList();
        s.differingChunks = differing.size();
        for (Difference d : compareChunks(s, differing, null)) {
            if (s.suspects.size() < settings.maxKeys()) {
                s.suspects.put(d.key(), d);
            } else {
                s.unchecked.merge(d.kind(), 1L, Long::sum);
            }
        }
    }

    private void recheck(EntityState s) throws SQLException {
        if (s.suspects.isEmpty()) {
            return;
        }
        Set<Long> chunks = new TreeSet<>();
        s.suspects.keySet().forEach(k -> chunks.add(s.chunking.chunkOf(k)));
        Map<Map<String, Object>, Difference> still = new HashMap<>();
        for (Difference d : compareChunks(s, chunks, s.suspects.keySet())) {
            still.put(d.key(), d);
        }
        s.suspects.keySet().retainAll(still.keySet());
        s.suspects.replaceAll((k, d) -> still.get(k));
    }

    /**
     * The differences within some chunks, read row by row on both sides: one chunk at a time
     * for ranged entities, one scan keeping the chunks' rows for bucketed ones.
     *
     * @param only keys to compare, or null for every key of the chunks
     */
    private List<Difference> compareChunks(EntityState s, Collection<Long> chunks, Set<Map<String, Object>> only)
            throws SQLException {
        List<Difference> found = new ArrayList<>();
        if (chunks.isEmpty()) {
            return found;
        }
        if (s.chunking.ranged()) {
            for (long chunk : chunks) {
                Chunking.Range range = s.chunking.range(chunk);
                found.addAll(compareRows(read(origin, s, range, Set.of(chunk), only),
                        read(mirror, s, range, Set.of(chunk), only), freeTextFields(s.entity)));
            }
        } else {
            Set<Long> wanted = Set.copyOf(chunks);
            found.addAll(compareRows(read(origin, s, null, wanted, only), read(mirror, s, null, wanted, only),
                    freeTextFields(s.entity)));
        }
        return found;
    }

    private static Map<Map<String, Object>, Map<String, Object>> read(RowSource source, EntityState s,
            Chunking.Range range, Set<Long> chunks, Set<Map<String, Object>> only) throws SQLException {
        Map<Map<String, Object>, Map<String, Object>> rows = new TreeMap<>(KEY_ORDER);
        source.rows(s.entity, range, (key, payload) -> {
            Map<String, Object> k = normalised(key);
            if (chunks.contains(s.chunking.chunkOf(k)) && (only == null || only.contains(k))) {
                rows.put(k, normalised(payload));
            }
        });
        return rows;
    }

    /** Integers as Long on both sides, so that keys and payloads compare with equals. */
    private static Map<String, Object> normalised(Map<String, Object> values) {
        Map<String, Object> n = new LinkedHashMap<>();
        values.forEach((f, v) -> n.put(f, v instanceof Integer i ? Long.valueOf(i) : v));
        return n;
    }

    static List<Difference> compareRows(Map<Map<String, Object>, Map<String, Object>> origin,
            Map<Map<String, Object>, Map<String, Object>> mirror) {
        return compareRows(origin, mirror, Set.of());
    }

    /** As above; the values of {@code freeText} fields are never shown (see {@link #fieldDifferences}). */
    static List<Difference> compareRows(Map<Map<String, Object>, Map<String, Object>> origin,
            Map<Map<String, Object>, Map<String, Object>> mirror, Set<String> freeText) {
        List<Difference> found = new ArrayList<>();
        origin.forEach((key, payload) -> {
            if (!mirror.containsKey(key)) {
                found.add(new Difference(key, Kind.MISSING, ""));
            } else if (!Objects.equals(payload, mirror.get(key))) {
                found.add(new Difference(key, Kind.DIFFERING, fieldDifferences(payload, mirror.get(key),
                        freeText)));
            }
        });
        mirror.keySet().stream().filter(k -> !origin.containsKey(k))
                .forEach(k -> found.add(new Difference(k, Kind.EXTRA, "")));
        return found;
    }

    /** The fields whose values differ, with both values abbreviated. */
    static String fieldDifferences(Map<String, Object> origin, Map<String, Object> mirror) {
        return fieldDifferences(origin, mirror, Set.of());
    }

    /**
     * The fields whose values differ, with both values abbreviated, except free text: a mirror's
     * free text may still hold what text scrubbing now removes (a passkey published under an older
     * policy), so only its length is shown.
     */
    static String fieldDifferences(Map<String, Object> origin, Map<String, Object> mirror, Set<String> freeText) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> f : origin.entrySet()) {
            Object held = mirror == null ? null : mirror.get(f.getKey());
            if (!Objects.equals(f.getValue(), held)) {
                b.append(b.length() == 0 ? "" : ", ").append(f.getKey());
                if (freeText.contains(f.getKey())) {
                    b.append(": free text, origin ").append(length(f.getValue())).append(", mirror ").append(length(held));
                } else {
                    b.append(": origin ").append(abbreviate(f.getValue())).append(", mirror ").append(abbreviate(held));
                }
            }
        }
        return b.toString();
    }

    private static String length(Object value) {
        return value == null ? "null" : String.valueOf(value).length() + " characters";
    }

    /** Fields filled from a column either variant's catalogue marks as free text. */
    private static final Set<String> FREE_TEXT_SOURCES = freeTextSources();

    private static Set<String> freeTextSources() {
        Set<String> sources = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (org.herd.gazelle.catalogue.GazelleVariant v : org.herd.gazelle.catalogue.GazelleVariant.values()) {
            org.herd.gazelle.catalogue.GazelleCatalogue.of(v).freeTextColumns().forEach((table, columns) ->
                    columns.forEach(c -> sources.add(table + "." + c.name())));
        }
        return sources;
    }

    static Set<String> freeTextFields(EntityType entity) {
        Set<String> fields = new HashSet<>();
        entity.fields().forEach(f -> {
            if (FREE_TEXT_SOURCES.contains(f.source())) {
                fields.add(f.name());
            }
        });
        return fields;
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 40) + "…'";
    }

    /** Keys of one entity in the order of their values (numbers as numbers). */
    static final Comparator<Map<String, Object>> KEY_ORDER = (a, b) -> {
        var ia = a.values().iterator();
        var ib = b.values().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Object x = ia.next();
            Object y = ib.next();
            int c = x instanceof Number nx && y instanceof Number ny ? Long.compare(nx.longValue(), ny.longValue())
                    : String.valueOf(x).compareTo(String.valueOf(y));
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    };
}
