package org.herd.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.translator.SourcePosition;
import org.herd.translator.schema.EntityType;
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
 * checkpoint's cut ({@link ArchiveCollector}).
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

    /** The chosen checkpoint and what the archive holds. */
    public record Read(Checkpoint checkpoint, ArchiveContent content, long recordsRead, long afterCut, long skipped) {
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
        ArchiveCollector collector = new ArchiveCollector(highest);
        Map<String, String> entityOfTopic = new LinkedHashMap<>();
        for (EntityType e : NeutralSchema.entities()) {
            entityOfTopic.put(TopicNames.entityTopic(prefix, e), e.name());
        }
        long read = KafkaTopicReader.forEach(kafka, entityOfTopic.keySet(), timeout, r -> collector.offer(
                entityOfTopic.get(r.topic()), r.key(), r.value(), headers(r),
                r.topic() + " partition " + r.partition() + " offset " + r.offset()));
        SignatureHeaders h = SignatureHeaders.collect(chosen.headers(), Header::key, Header::value);
        ArchiveContent content = collector.content(rootFiles, chosen.value(),
                new String(h.keyIdValue(), java.nio.charset.StandardCharsets.US_ASCII), h.signatureValue());
        return new Read(highest, content, read, collector.afterCut(), collector.skipped());
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
