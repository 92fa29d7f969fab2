package org.herd.translator.wire;

import org.herd.translator.schema.EntityType;

/**
 * Names of Herd's Kafka topics. Every origin has its own prefix, so one cluster can carry
 * several sites and a mirror can follow one or more of them by prefix.
 */
public final class TopicNames {

    private TopicNames() {
    }

    /** {@code herd.<origin>}, the prefix used unless an operator sets another. */
    public static String defaultPrefix(String origin) {
        return "herd." + origin;
    }

    /** The compacted topic of one entity: {@code <prefix>.<entity>}. */
    public static String entityTopic(String prefix, EntityType entity) {
        return prefix + "." + entity.name();
    }

    /** Records the sidecar could not translate, with their reason: {@code <prefix>._quarantine}. */
    public static String quarantineTopic(String prefix) {
        return prefix + "._quarantine";
    }

    /**
     * Requests to the sidecar's capture (Debezium signals: incremental snapshots of named rows):
     * {@code <prefix>._signals}. Read through Kafka, so asking needs no write access to Gazelle.
     */
    public static String signalTopic(String prefix) {
        return prefix + "._signals";
    }

    /**
     * The sidecar's own bookkeeping, compacted: which Gazelle tables it has captured, so that a
     * table added to the replicated set later is snapshotted on its own: {@code <prefix>._sidecar-state}.
     */
    public static String sidecarStateTopic(String prefix) {
        return prefix + "._sidecar-state";
    }

    /**
     * The origin's signed checkpoints (docs/trust.md): every few seconds and at the end of each
     * snapshot, the highest position published and each entity's live rows and digest, kept by
     * time: {@code <prefix>._checkpoints}.
     */
    public static String checkpointsTopic(String prefix) {
        return prefix + "._checkpoints";
    }

    /**
     * The origin's trust roots, as the trustees signed them, compacted with the root's version as
     * key, so that a mirror finds every version: {@code <prefix>._trust}.
     */
    public static String trustTopic(String prefix) {
        return prefix + "._trust";
    }
}
