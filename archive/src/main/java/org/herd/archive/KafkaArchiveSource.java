package org.herd.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.trust.Checkpoint;
import org.herd.trust.CheckpointVerification;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RootUpdate;
import org.herd.trust.SignatureHeaders;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;
import org.herd.trust.TrustState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what an archive holds from an origin's topics, on the origin's cluster or any relay: the
 * trust roots of {@code <prefix>._trust}, the highest checkpoint of {@code <prefix>._checkpoints}
 * whose signature verifies, and per entity topic the latest record of each key at that
 * checkpoint's cut ({@link ArchiveCollector}), read one entity topic at a time as the writer asks
 * for it, so that one entity's records are in memory at once, not the whole catalogue's.
 */
public final class KafkaArchiveSource {

    private static final Logger log = LoggerFactory.getLogger(KafkaArchiveSource.class);

    private final KafkaConnection kafka;
    private final String prefix;
    private final Duration timeout;

    /**
     * @param prefix  the origin's topic prefix ({@code herd.<origin>} unless the operator set another)
     * @param timeout how long reading each group of topics to its end may take
     */
    public KafkaArchiveSource(KafkaConnection kafka, String prefix, Duration timeout) {
        this.kafka = kafka;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    /**
     * The chosen checkpoint and what the archive holds; the entities' records are read from their
     * topics when the writer asks for them, and {@code counts} says how many were read.
     */
    public record Read(Checkpoint checkpoint, ArchiveContent content, Counts counts) {
    }

    /** What reading the entity topics has found so far. */
    public static final class Counts {
        private long read;
        private long afterCut;
        private long superseded;
        private long skipped;

        /** Records read from the entity topics. */
        public synchronized long read() {
            return read;
        }

        /** Records left out because they are after the cut. */
        public synchronized long afterCut() {
            return afterCut;
        }

        /** Records left out because the checkpoint supersedes their epoch. */
        public synchronized long superseded() {
            return superseded;
        }

        /** Records left out because they are not Herd records of their topic's entity and origin. */
        public synchronized long skipped() {
            return skipped;
        }

        synchronized void add(long read, ArchiveCollector collector) {
            this.read += read;
            afterCut += collector.afterCut();
            superseded += collector.superseded();
            skipped += collector.skipped();
        }
    }

    /**
     * Reads the topics.
     *
     * @param pinned the trust root to start the chain from, given out of band; null to start from
     *               the topic's version 1
     * @throws ArchiveException when the topics hold no trust root or no checkpoint that verifies, or
     *                          the records do not give the checkpoint's state
     */
    public Read read(SignedRoot pinned, Instant now) {
        List<byte[]> rootFiles = rootFiles();
        OriginVerifier verifier = verifier(rootFiles, pinned, now);
        String checkpointsTopic = TopicNames.checkpointsTopic(prefix);
        List<ConsumerRecord<byte[], byte[]>> checkpoints = KafkaTopicReader.readAll(kafka, List.of(checkpointsTopic));
        ConsumerRecord<byte[], byte[]> chosen = null;
        Checkpoint highest = null;
        int refused = 0;
        for (ConsumerRecord<byte[], byte[]> r : checkpoints) {
            CheckpointVerification v = verifier.verifyCheckpoint(r.value(),
                    SignatureHeaders.collect(r.headers(), Header::key, Header::value));
            if (!v.verified()) {
                refused++;
                log.warn("Archive: checkpoint at {} offset {} refused: {}", checkpointsTopic, r.offset(), v);
                continue;
            }
            Checkpoint c = v.checkpoint();
            // Later checkpoints at the same cut restate it; the last one read is kept.
            if (highest == null || !position(highest).isAfter(position(c))) {
                highest = c;
                chosen = r;
            }
        }
        if (highest == null) {
            throw new ArchiveException("no checkpoint on " + checkpointsTopic + " verifies against trust root v"
                    + verifier.root().version() + " of " + verifier.root().origin() + " (" + checkpoints.size()
                    + " read, " + refused + " refused); an archive is cut at a checkpoint");
        }
        log.info("Archive: cutting at the checkpoint of position {} ({} entities)", position(highest),
                highest.entities().size());
        Checkpoint cut = highest;
        SortedSet<String> names = new TreeSet<>(cut.entities().keySet());
        NeutralSchema.entities().forEach(e -> names.add(e.name()));
        Counts counts = new Counts();
        ArchiveEntities entities = new ArchiveEntities() {
            @Override
            public SortedSet<String> names() {
                return Collections.unmodifiableSortedSet(names);
            }

            @Override
            public List<ArchiveRecord> records(String entity) {
                if (!names.contains(entity)) {
                    throw new IllegalArgumentException("no entity " + entity + " in this archive");
                }
                // A collector per entity: the records of the others are not held meanwhile.
                ArchiveCollector collector = new ArchiveCollector(cut);
                String topic = prefix + "." + entity;
                long read = KafkaTopicReader.forEach(kafka, Set.of(topic), timeout, r -> collector.offer(entity,
                        r.key(), r.value(), headers(r), r.topic() + " partition " + r.partition() + " offset "
                                + r.offset()));
                counts.add(read, collector);
                try {
                    List<ArchiveRecord> live = collector.live(entity);
                    live.sort((a, b) -> ArchiveRecord.compareKeys(a.key(), b.key()));
                    return live;
                } catch (ArchiveException e) {
                    throw collector.mismatch(e.getMessage());
                }
            }
        };
        SignatureHeaders h = SignatureHeaders.collect(chosen.headers(), Header::key, Header::value);
        ArchiveContent content = new ArchiveContent(rootFiles, chosen.value(),
                new String(h.keyIdValue(), java.nio.charset.StandardCharsets.US_ASCII), h.signatureValue(), entities);
        return new Read(highest, content, counts);
    }

    private static Map<String, List<byte[]>> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, List<byte[]>> headers = new TreeMap<>();
        for (Header h : r.headers()) {
            headers.computeIfAbsent(h.key(), k -> new ArrayList<>(1)).add(h.value());
        }
        return headers;
    }

    /** The root files on the trust topic, the latest record per version, version 1 first. */
    private List<byte[]> rootFiles() {
        String topic = TopicNames.trustTopic(prefix);
        Map<Integer, byte[]> byVersion = new TreeMap<>();
        KafkaTopicReader.forEach(kafka, Set.of(topic), timeout, r -> {
            if (r.value() == null) {
                return;
            }
            try {
                byVersion.put(SignedRoot.parse(r.value()).version(), r.value());
            } catch (TrustFormatException e) {
                log.warn("Archive: {} offset {} is not a trust root ({}); left out", topic, r.offset(), e.getMessage());
            }
        });
        if (byVersion.isEmpty()) {
            throw new ArchiveException("no trust root on " + topic + "; an archive carries the chain its records verify "
                    + "against (publish it with herd trust publish)");
        }
        return new ArrayList<>(byVersion.values());
    }

    private static OriginVerifier verifier(List<byte[]> rootFiles, SignedRoot pinned, Instant now) {
        List<SignedRoot> chain = rootFiles.stream().map(SignedRoot::parse)
                .sorted(Comparator.comparingInt(SignedRoot::version)).toList();
        RootUpdate update = TrustState.pin(pinned != null ? pinned : chain.get(0), now);
        if (!update.accepted()) {
            throw new ArchiveException("the trust root cannot be pinned: " + update.failure().wireName() + ": "
                    + update.detail());
        }
        TrustState state = update.state();
        for (SignedRoot next : chain) {
            if (next.version() > state.root().version()) {
                RootUpdate offered = state.offer(next, now);
                if (!offered.accepted()) {
                    throw new ArchiveException("trust root v" + next.version() + " is refused: "
                            + offered.failure().wireName() + ": " + offered.detail());
                }
                state = offered.state();
            }
        }
        return OriginVerifier.of(state);
    }

    private static SourcePosition position(Checkpoint c) {
        return new SourcePosition(c.epoch(), c.position().file(), c.position().pos(), c.position().event(),
                c.position().row(), false, 0);
    }
}
