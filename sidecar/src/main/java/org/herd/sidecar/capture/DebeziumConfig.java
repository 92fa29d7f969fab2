package org.herd.sidecar.capture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.SourceConnector;
import org.herd.translator.wire.TopicNames;

/**
 * The Debezium connector configuration for a sidecar. What is captured comes from the
 * translator's catalogue and nothing else: only replicated tables, and within them only public
 * columns, so private columns are dropped at the source before a change event exists.
 * Offsets and schema history live in Kafka, so a sidecar that loses its disk resumes where it
 * stopped.
 */
public final class DebeziumConfig {

    private DebeziumConfig() {
    }

    public static String offsetsTopic(SidecarProperties p) {
        return p.topicPrefix() + "._offsets";
    }

    public static String schemaHistoryTopic(SidecarProperties p) {
        return p.topicPrefix() + "._schema-history";
    }

    /** The connector's name, which is also the first element of its offset keys. */
    public static String connectorName(SidecarProperties p) {
        return "herd-sidecar-" + p.origin();
    }

    /**
     * The tables and columns this sidecar captures: the translator's, less the tables named in
     * {@code herd.sidecar.exclude-tables}. A name that is not a table the variant maps stops
     * start-up: a typo would otherwise replicate the table the operator meant to leave out.
     */
    public static Map<String, List<String>> capturedColumns(SidecarProperties p,
            Map<String, List<String>> translatorColumns) {
        List<String> unknown = p.excludeTables().stream().filter(t -> !translatorColumns.containsKey(t)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("herd.sidecar.exclude-tables names " + unknown + ", which "
                    + (unknown.size() == 1 ? "is not a table" : "are not tables") + " this Gazelle variant replicates; "
                    + "it replicates " + new TreeSet<>(translatorColumns.keySet()));
        }
        Map<String, List<String>> captured = new LinkedHashMap<>(translatorColumns);
        captured.keySet().removeAll(p.excludeTables());
        return Collections.unmodifiableMap(captured);
    }

    /**
     * The connector configuration. {@code capturedColumns} are the translator's; the tables of
     * {@code herd.sidecar.exclude-tables} are left out here.
     */
    public static Properties build(SidecarProperties p, Map<String, List<String>> translatorColumns) {
        Map<String, List<String>> capturedColumns = capturedColumns(p, translatorColumns);
        SidecarProperties.Source source = p.source();
        Properties props = new Properties();
        // Operator pass-through first, so that everything below wins over it; then the Kafka
        // connection (brokers and client properties, security included) of the offset store, the
        // schema history and the signal channel, the same as every other Kafka client of the
        // sidecar, so that no client property can replace a setting derived below.
        props.putAll(p.debezium());
        props.putAll(p.kafka().connection().debezium());

        props.setProperty("name", connectorName(p));
        props.setProperty("connector.class", source.connector().connectorClass());
        props.setProperty("topic.prefix", p.origin());
        props.setProperty("database.hostname", source.host());
        props.setProperty("database.port", Integer.toString(source.port()));
        props.setProperty("database.user", source.user());
        props.setProperty("database.password", source.password());
        props.setProperty("database.server.id", Long.toString(source.serverId()));
        props.setProperty("database.include.list", Pattern.quote(source.database()));
        props.setProperty("table.include.list", capturedColumns.keySet().stream()
                .map(t -> Pattern.quote(source.database() + "." + t))
                .collect(Collectors.joining(",")));
        props.setProperty("column.include.list", capturedColumns.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(c -> source.database() + "." + e.getKey() + "." + c))
                .map(Pattern::quote)
                .collect(Collectors.joining(",")));

        if (source.connector() == SourceConnector.MARIADB) {
            // The MariaDB driver otherwise sets the session time zone to the JVM's, which fails on
            // a server without time-zone tables (most) unless the JVM runs in UTC; Gazelle's
            // DATETIME columns carry no zone anyway.
            props.putIfAbsent("database.timezone", "disable");
        }
        props.putIfAbsent("snapshot.mode", "initial");
        // A global read lock only while the table definitions are read keeps the site writable
        // during the copy itself, as an operator expects of a sidecar.
        props.putIfAbsent("snapshot.locking.mode", "minimal");
        props.setProperty("include.schema.changes", "false");
        props.setProperty("tombstones.on.delete", "false");
        // Debezium skips TRUNCATE events by default; the publisher must see them to quarantine them
        // (mirrors cannot be told "every row is gone"), or a truncate would pass without a trace.
        props.setProperty("skipped.operations", "none");
        props.putIfAbsent("binary.handling.mode", "bytes");
        props.putIfAbsent("decimal.handling.mode", "string");
        props.putIfAbsent("event.processing.failure.handling.mode", "fail");
        // Measured (docs/benchmarks.md): the queued records are what every young collection of the
        // sidecar copies, and the translate-and-publish thread needs no more than one batch waiting
        // behind the one it works on. With 16,384 queued and 4,096 per batch, a snapshot spent a
        // fifth of its time in collections and came within 60 MiB of 512 MiB resident.
        props.putIfAbsent("max.batch.size", "2048");
        // Debezium waits this long for a batch to fill; its 500 ms default is most of a change's
        // end-to-end lag on a quiet site.
        props.putIfAbsent("poll.interval.ms", "50");
        // On a quiet site the stored position would otherwise stand still while the binlog
        // rotates away beneath it; heartbeats move it forward.
        props.putIfAbsent("heartbeat.interval.ms", "10000");
        props.putIfAbsent("max.queue.size", "4096");

        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        props.setProperty("offset.storage.topic", offsetsTopic(p));
        props.setProperty("offset.storage.partitions", "1");
        props.setProperty("offset.storage.replication.factor", Short.toString(p.kafka().replicationFactor()));
        props.putIfAbsent("offset.flush.interval.ms", "1000");

        props.setProperty("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        props.setProperty("schema.history.internal.kafka.topic", schemaHistoryTopic(p));
        // The DDL of every table of the Gazelle database, not only of the captured ones: a table
        // added to the replicated set later (onboarding) must be known to the binlog reader the
        // moment its first row event arrives, or capture stops on a table whose schema it does not
        // know. This is structure only (CREATE/ALTER statements), never rows; other databases of
        // the server stay out.
        props.setProperty("schema.history.internal.store.only.captured.tables.ddl", "false");
        props.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");

        // Signals (incremental snapshots of named rows: onboarding, repair) arrive through Kafka,
        // and the snapshot reads the binlog's GTID position instead of writing watermarks into a
        // signal table: the replication user never needs write access to Gazelle.
        props.setProperty("read.only", "true");
        props.setProperty("signal.enabled.channels", "kafka");
        props.setProperty("signal.kafka.topic", TopicNames.signalTopic(p.topicPrefix()));
        props.setProperty("signal.kafka.groupId", "herd-sidecar-" + p.origin() + "-signals");
        return props;
    }
}
