package org.herd.testkit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.herd.kafka.KafkaTopicReader;
import org.herd.testkit.canary.CanaryScan;

/**
 * Feeds what leaves an origin to a {@link CanaryScan}: every record of every topic the sidecar
 * writes (keys, values, header names and values; Debezium's offsets and schema history, the
 * quarantine topic) and every row of every table of a mirror database. Shared by the leak tests
 * of the sidecar and of the whole path, so that all of them search the same way.
 */
public final class LeakScan {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(3);

    /** What a scan read. */
    public record Scanned(List<String> sources, long items) {
        public Scanned {
            sources = List.copyOf(sources);
        }
    }

    private LeakScan() {
    }

    /**
     * Scans every topic whose name starts with {@code prefix + "."}: for a sidecar with topic
     * prefix {@code herd.<origin>}, its entity topics, {@code _quarantine}, {@code _offsets} and
     * {@code _schema-history}.
     */
    public static Scanned topics(String bootstrap, String prefix, CanaryScan scan) {
        Set<String> topics = KafkaTopicReader.topicsStartingWith(bootstrap, prefix + ".");
        long records = KafkaTopicReader.forEach(bootstrap, topics, READ_TIMEOUT, r -> record(r, scan));
        return new Scanned(new ArrayList<>(topics), records);
    }

    /** Scans one Kafka record: key, value, and the name and value of every header. */
    public static void record(ConsumerRecord<byte[], byte[]> r, CanaryScan scan) {
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        scan.scan(where + " key", r.key());
        scan.scan(where + " value", r.value());
        for (Header h : r.headers()) {
            scan.scan(where + " header name", h.key().getBytes(StandardCharsets.UTF_8));
            scan.scan(where + " header " + h.key(), h.value());
        }
    }

    /**
     * Scans every row of every table of a PostgreSQL database outside the system schemas, each row
     * as PostgreSQL's text form of the whole row ({@code bytea} as hex, timestamps as
     * {@code yyyy-MM-dd HH:mm:ss}).
     */
    public static Scanned postgres(Connection connection, CanaryScan scan) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
                        + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') "
                        + "ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        long rows = 0;
        try {
            // The driver streams a result set with a fetch size only inside a transaction.
            connection.setAutoCommit(false);
            for (String table : tables) {
                try (Statement s = connection.createStatement()) {
                    s.setFetchSize(1000);
                    try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                        while (rs.next()) {
                            scan.scan(table + " row " + (++rows), rs.getString(1));
                        }
                    }
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Scanned(tables, rows);
    }
}
