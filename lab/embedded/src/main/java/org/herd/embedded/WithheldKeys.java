package org.herd.embedded;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A Kafka Connect predicate that is true for records whose key is one of {@code keys} (base64 of
 * the key bytes, comma separated). With Connect's own {@code Filter} transform on MirrorMaker 2's
 * source connector it makes a relay that withholds those rows: the hostile relay of
 * {@link EmbeddedRelay.Builder#withholding}.
 */
public final class WithheldKeys<R extends ConnectRecord<R>> implements Predicate<R> {

    /** The configuration key of the withheld keys. */
    public static final String KEYS = "keys";

    private static final ConfigDef CONFIG = new ConfigDef().define(KEYS, ConfigDef.Type.LIST, List.of(),
            ConfigDef.Importance.HIGH, "Base64 of the key bytes of the records to match, comma separated");

    private final Set<ByteBuffer> keys = new HashSet<>();

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        keys.clear();
        for (String key : new AbstractConfig(CONFIG, configs).getList(KEYS)) {
            keys.add(ByteBuffer.wrap(Base64.getDecoder().decode(key.trim())));
        }
    }

    @Override
    public boolean test(R record) {
        // MirrorMaker 2 hands keys on as the bytes it read (ByteArrayConverter, optional bytes schema).
        return record.key() instanceof byte[] key && keys.contains(ByteBuffer.wrap(key));
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "WithheldKeys[" + keys.size() + " keys]";
    }
}
