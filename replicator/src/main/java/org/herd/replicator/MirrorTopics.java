package org.herd.replicator;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;

/**
 * The topics a mirror reads: {@code <prefix>.<entity>} for every entity of the neutral schema it
 * knows. A topic of an entity this version does not know is left alone rather than quarantined
 * record by record: a newer sidecar may publish entities that only a newer mirror understands.
 *
 * @param prefix the topic prefix, {@code herd.<origin>} unless configured
 */
public record MirrorTopics(String prefix) {

    /** The subscription pattern; a pattern so that topics created after start-up are picked up. */
    public Pattern pattern() {
        String entities = NeutralSchema.entities().stream()
                .map(EntityType::name)
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return Pattern.compile(Pattern.quote(prefix) + "\\.(?:" + entities + ")");
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
        if (!topic.startsWith(prefix + ".")) {
            return Optional.empty();
        }
        return NeutralSchema.entity(topic.substring(prefix.length() + 1));
    }
}
