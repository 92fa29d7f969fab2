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
 * quarantine topic), every row of every table of a mirror database, and every row of every table
 * of a Gazelle database rebuilt from a mirror, and every file of an archive. Shared by the leak tests of the sidecar, of the
 * whole path and of the restore, so that all of them search the same way.
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

    /**
     * Scans every value of every row of every table of a MariaDB or MySQL database (the connection's
     * current one): binary columns as their bytes, every other column as the server's text of it
     * (date-times as {@code yyyy-MM-dd HH:mm:ss}).
     */
    public static Scanned gazelle(Connection connection, CanaryScan scan) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                        + "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        long rows = 0;
        for (String table : tables) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table
                    + "`")) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String where = table + " row " + rows + " " + meta.getColumnName(i);
                        int type = meta.getColumnType(i);
                        boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                                || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
                        if (binary) {
                            byte[] bytes = rs.getBytes(i);
                            if (bytes != null) {
                                scan.scan(where, bytes);
                            }
                        } else {
                            String text = rs.getString(i);
                            if (text != null) {
                                scan.scan(where, text);
                            }
                        }
                    }
                }
            }
        }
        return new Scanned(tables, rows);
    }

    /**
     * Scans every file of an archive directory (docs/archive.md): zstd files decompressed, each line
     * as it is and, for a JSON line, each of its string members decoded (the record's key and value
     * are JSON strings inside the line, so their text appears escaped in the line itself); every
     * other file as its bytes.
     */
    public static Scanned archive(java.nio.file.Path dir, CanaryScan scan) throws java.io.IOException {
        List<String> files = new ArrayList<>();
        long lines = 0;
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<java.nio.file.Path> paths;
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
            paths = all.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        for (java.nio.file.Path file : paths) {
            String name = dir.relativize(file).toString();
            files.add(name);
            if (!name.endsWith(".zst")) {
                scan.scan(name, java.nio.file.Files.readAllBytes(file));
                lines++;
                continue;
            }
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new com.github.luben.zstd.ZstdInputStream(java.nio.file.Files.newInputStream(file)),
                    StandardCharsets.UTF_8))) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    String where = name + " line " + (++n);
                    scan.scan(where, line);
                    try {
                        json.readTree(line).properties().forEach(m -> {
                            if (m.getValue().isTextual()) {
                                scan.scan(where + " " + m.getKey(), m.getValue().asText());
                            }
                        });
                    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                        // scanned as it is above
                    }
                }
                lines += n;
            }
        }
        return new Scanned(files, lines);
    }
}
