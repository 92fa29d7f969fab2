package org.herd.replicator;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;

/**
 * The topics a mirror reads: {@code <prefix>.<entity>} for every entity of the neutral schema it
 * knows and, on a mirror that verifies, the origin's trust roots ({@code <prefix>._trust}) and
 * signed checkpoints ({@code <prefix>._checkpoints}). A topic of an entity this version does not
 * know is left alone rather than quarantined record by record: a newer sidecar may publish
 * entities that only a newer mirror understands.
 *
 * @param prefix the topic prefix, {@code herd.<origin>} unless configured
 */
public record MirrorTopics(String prefix) {

    /** The entity topics' subscription pattern; a pattern so that topics created after start-up are picked up. */
    public Pattern pattern() {
        return pattern(false);
    }

    /** The subscription pattern, with the trust and checkpoint topics when {@code trust}. */
    public Pattern pattern(boolean trust) {
        String entities = NeutralSchema.entities().stream()
                .map(EntityType::name)
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        String topics = trust ? entities + "|" + Pattern.quote("_trust") + "|" + Pattern.quote("_checkpoints") : entities;
        return Pattern.compile(Pattern.quote(prefix) + "\\.(?:" + topics + ")");
    }

    /** {@code <prefix>._trust}, where the origin's trustees' roots are published. */
    public String trustTopic() {
        return TopicNames.trustTopic(prefix);
    }

    /** {@code <prefix>._checkpoints}, where the origin publishes its signed checkpoints. */
    public String checkpointsTopic() {
        return TopicNames.checkpointsTopic(prefix);
    }

    /** The topics for logs: {@code <prefix>.{artist, artist_alias, ...}}. */
    public String describe() {
        return prefix + ".{" + NeutralSchema.entities().stream().map(EntityType::name)
                .collect(Collectors.joining(", ")) + "}";
    }

    public String topicOf(EntityType entity) {
        return TopicNames.entityTopic(prefix, entity);
    }

    /** The entity a topic carries, if it is one of this mirror's topics. */
    public Optional<EntityType> entityOf(String topic) {
        // Without a concatenation per call: a mirror asks for every record it reads.
        int dot = prefix.length();
        if (topic.length() <= dot || !topic.startsWith(prefix) || topic.charAt(dot) != '.') {
            return Optional.empty();
        }
        return NeutralSchema.entity(topic.substring(dot + 1));
    }
}
