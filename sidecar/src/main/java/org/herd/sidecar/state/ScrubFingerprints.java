package org.herd.sidecar.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.herd.gazelle.catalogue.ColumnDef;
import org.herd.translator.scrub.BuiltInRule;
import org.herd.translator.scrub.ColumnTreatment;
import org.herd.translator.scrub.OperatorPattern;
import org.herd.translator.scrub.ScrubPolicy;

/**
 * The text-scrubbing policy the rows of each replicated table were last published under, as
 * recorded in the sidecar's compacted state topic ({@code <prefix>._sidecar-state}) beside the
 * captured tables and the epoch: key {@code text-scrub}, value
 * {@code {"tables":{"torrents":"<fingerprint>",...},"at":"…"}}. A table's fingerprint covers what
 * the policy does to that table's free text: each free-text column's treatment and, when one of them
 * is scrubbed, the rules switched on, the operator's patterns and the origin hosts. A start whose
 * fingerprint of a table differs from the recorded one re-emits that table (see {@code CaptureStart}),
 * so that mirrors end up holding its text as the policy now says; tables the change does not touch
 * are not read again.
 *
 * <p>The fingerprint is a SHA-256 digest, so the state topic never spells out an operator's pattern.
 *
 * @param tables per replicated table with free text, its fingerprint
 */
public record ScrubFingerprints(Map<String, String> tables) {

    private static final String WHAT = "the text-scrub policy";
    static final String KEY = "text-scrub";

    public ScrubFingerprints {
        tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    /**
     * The fingerprints of {@code policy} for the replicated tables among {@code captured} that have
     * free text ({@code freeText}: the catalogue's free-text columns by table).
     */
    public static ScrubFingerprints of(ScrubPolicy policy, Map<String, List<ColumnDef>> freeText,
            Collection<String> captured) {
        Map<String, String> tables = new TreeMap<>();
        for (String table : captured) {
            List<ColumnDef> columns = freeText.get(table);
            if (columns == null || columns.isEmpty()) {
                continue;
            }
            StringBuilder canonical = new StringBuilder("herd-text-scrub/1\n");
            boolean scrubs = false;
            for (ColumnDef c : columns.stream().sorted(java.util.Comparator.comparing(ColumnDef::name)).toList()) {
                ColumnTreatment t = policy.treatment(table, c.name());
                scrubs |= t == ColumnTreatment.SCRUB;
                canonical.append("column ").append(c.name()).append(' ').append(t.configName()).append('\n');
            }
            if (scrubs) {
                policy.rules().stream().map(BuiltInRule::ruleName).sorted()
                        .forEach(r -> canonical.append("rule ").append(r).append('\n'));
                for (OperatorPattern p : policy.patterns()) {
                    canonical.append("pattern ").append(p.token()).append(' ').append(p.regex().length()).append(':')
                            .append(p.regex()).append('\n');
                }
                if (policy.rules().contains(BuiltInRule.ORIGIN_URL)) {
                    policy.originHosts().stream().sorted().forEach(h -> canonical.append("host ").append(h).append('\n'));
                }
            }
            tables.put(table, sha256(canonical.toString()));
        }
        return new ScrubFingerprints(tables);
    }

    /**
     * The tables to publish again because the policy changed since {@code recorded}: those whose
     * fingerprint differs, or that have none recorded. Without any record (a sidecar from before
     * text scrubbing), every table with free text: its rows left unscrubbed.
     */
    public List<String> changedSince(Optional<ScrubFingerprints> recorded) {
        if (recorded.isEmpty()) {
            return List.copyOf(tables.keySet());
        }
        return tables.entrySet().stream()
                .filter(e -> !e.getValue().equals(recorded.get().tables().get(e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The tables a start publishes again with an incremental snapshot because of the policy: none
     * when Debezium snapshots every table anyway (no stored offsets, a re-snapshot), otherwise those
     * {@link #changedSince} names, less the ones onboarding snapshots already.
     *
     * @param hasOffsets  whether Debezium has stored offsets
     * @param snapshotAll whether Debezium will snapshot every table anyway
     * @param onboard     the tables an onboarding snapshot reads on this start
     */
    public List<String> toPublishAgain(Optional<ScrubFingerprints> recorded, boolean hasOffsets, boolean snapshotAll,
            Collection<String> onboard) {
        if (!hasOffsets || snapshotAll) {
            return List.of();
        }
        return changedSince(recorded).stream().filter(t -> !onboard.contains(t)).toList();
    }

    /** The latest fingerprints recorded among the state topic's records; empty when none are. */
    static Optional<ScrubFingerprints> from(List<ConsumerRecord<byte[], byte[]>> records) {
        return StateRecord.latest(records, KEY, WHAT).map(r -> {
            if (!r.value().path("tables").isObject()) {
                throw r.malformed(WHAT, "tables");
            }
            Map<String, String> tables = new TreeMap<>();
            r.value().get("tables").properties().forEach(e -> tables.put(e.getKey(), e.getValue().asText()));
            return new ScrubFingerprints(tables);
        });
    }

    /** Records these fingerprints and waits for Kafka's acknowledgement. */
    void record(Producer<byte[], byte[]> producer, String topic) throws InterruptedException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tables", tables);
        value.put("at", Instant.now().toString());
        StateRecord.write(producer, topic, KEY, value, WHAT);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
