package org.herd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.herd.replicator.MirrorQuarantine;
import org.herd.sidecar.signal.SnapshotSignal;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.RepairPlan;
import org.herd.kafka.KafkaTopicReader;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code herd quarantine list|replay}: what a mirror ({@code herd.quarantine} in its PostgreSQL)
 * or a sidecar ({@code <prefix>._quarantine}) set aside, and a replay after the cause is fixed.
 */
public final class QuarantineCommand {

    static final String USAGE = """
              quarantine list   --mirror JDBC_URL [--user U] [--password P] [--resolved]
              quarantine list   --kafka SERVERS --origin NAME [--topic-prefix P]
              quarantine replay --mirror JDBC_URL [--user U] [--password P] --origin NAME [--topic-prefix P]
                                (--id N | --all)
              quarantine replay --kafka SERVERS --origin NAME --database DB [--topic-prefix P] [--table T]
                  List records a mirror or a sidecar quarantined; replay them once the cause is fixed. A
                  mirror's replay applies its stored records again, position-guarded (never over newer
                  rows), and marks the ones that now apply; a sidecar's replay signals the sidecar to
                  read the quarantined rows again by table and key (truncates are skipped). Exit 0 when
                  nothing is left open, 1 when records remain quarantined, 2 for bad usage or when it
                  could not run.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarantineCommand() {
    }

    /** Thrown for a usage error: the message names the bad option. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed options: each {@code --name value} or a bare {@code --flag}. */
    record Options(String action, Map<String, String> values) {

        private static final Set<String> FLAGS = Set.of("all", "resolved");
        private static final Set<String> VALUED = Set.of("mirror", "user", "password", "kafka", "origin",
                "topic-prefix", "id", "database", "table");

        static Options parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("list") || args[0].equals("replay"))) {
                throw new UsageException("expected list or replay, got " + (args.length == 0 ? "nothing"
                        : "'" + args[0] + "'"));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    throw new UsageException("unexpected argument '" + a + "'");
                }
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (FLAGS.contains(name)) {
                    if (value != null) {
                        throw new UsageException("--" + name + " takes no value");
                    }
                    values.put(name, "true");
                } else if (VALUED.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    values.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            }
            Options o = new Options(args[0], values);
            o.validate();
            return o;
        }

        boolean mirror() {
            return values.containsKey("mirror");
        }

        String get(String name) {
            return values.get(name);
        }

        String topicPrefix() {
            return values.getOrDefault("topic-prefix", "herd." + values.get("origin"));
        }

        Long id() {
            String id = values.get("id");
            if (id == null) {
                return null;
            }
            try {
                long n = Long.parseLong(id);
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException("--id '" + id + "' is not a positive whole number");
            }
        }

        private void validate() {
            boolean mirror = values.containsKey("mirror");
            boolean kafka = values.containsKey("kafka");
            if (mirror == kafka) {
                throw new UsageException(mirror ? "--mirror and --kafka: give one, a mirror's database or a "
                        + "sidecar's Kafka" : "--mirror JDBC_URL or --kafka SERVERS is required");
            }
            if (mirror && !values.get("mirror").startsWith("jdbc:postgresql:")) {
                throw new UsageException("--mirror '" + values.get("mirror") + "' is not a jdbc:postgresql: URL");
            }
            Set<String> allowed = new LinkedHashSet<>();
            if (mirror) {
                allowed.addAll(List.of("mirror", "user", "password"));
                if (action.equals("list")) {
                    allowed.add("resolved");
                } else {
                    allowed.addAll(List.of("origin", "topic-prefix", "id", "all"));
                    require("origin");
                    if (values.containsKey("id") == values.containsKey("all")) {
                        throw new UsageException("replay of a mirror needs exactly one of --id N and --all");
                    }
                    id();
                }
            } else {
                allowed.addAll(List.of("kafka", "origin", "topic-prefix"));
                require("origin");
                if (action.equals("replay")) {
                    allowed.addAll(List.of("database", "table"));
                    require("database");
                }
            }
            for (String name : values.keySet()) {
                if (!allowed.contains(name)) {
                    throw new UsageException("--" + name + " does not apply to quarantine " + action + " of a "
                            + (mirror ? "mirror" : "sidecar"));
                }
            }
        }

        private void require(String name) {
            if (values.get(name) == null || values.get(name).isBlank()) {
                throw new UsageException("--" + name + " is required for quarantine " + action + " of a "
                        + (values.containsKey("mirror") ? "mirror" : "sidecar"));
            }
        }
    }

    /** Runs the command; returns the exit code (2 for a usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("herd quarantine: " + e.getMessage());
            err.print("usage:\n" + USAGE);
            return 2;
        }
        String password = options.get("password");
        try {
            if (options.mirror()) {
                return mirror(options, out);
            }
            return sidecar(options, out);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("herd quarantine: " + mask(e.getMessage(), password));
            return 2;
        } catch (Exception e) {
            // Could not run at all (a server unreachable): 2, as herd verify; 1 means records remain.
            err.println("herd quarantine: " + mask(String.valueOf(e.getMessage()), password));
            return 2;
        }
    }

    /** Never print a password, wherever a driver or broker quotes it. */
    static String mask(String message, String password) {
        String m = message == null ? "" : message.replaceAll("(?i)(password=)[^&;\\s]*", "$1****");
        return password == null || password.isEmpty() ? m : m.replace(password, "****");
    }

    private static int mirror(Options o, PrintStream out) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(o.get("mirror"));
        if (o.get("user") != null) {
            ds.setUser(o.get("user"));
        }
        if (o.get("password") != null) {
            ds.setPassword(o.get("password"));
        }
        MirrorQuarantine quarantine = new MirrorQuarantine(ds, o.get("origin") == null ? "" : o.get("origin"),
                o.topicPrefix());
        if (o.action().equals("list")) {
            List<MirrorQuarantine.Entry> entries = quarantine.list(o.values().containsKey("resolved"));
            out.println("id\twhen\ttopic/partition/offset\tkind\tentity\tkey\tposition\treplays\tresolved\treason");
            for (MirrorQuarantine.Entry e : entries) {
                out.println(e.id() + "\t" + e.receivedAt() + "\t" + e.topic() + "/" + e.partition() + "/" + e.offset()
                        + "\t" + e.kind() + "\t" + nz(e.entity()) + "\t" + nz(e.entityKey()) + "\t" + nz(e.position())
                        + "\t" + e.replayCount() + "\t" + (e.resolvedAt() == null ? "-" : e.resolution() + " "
                        + e.resolvedAt()) + "\t" + e.reason());
            }
            out.println(entries.size() + " quarantined record(s)" + (o.values().containsKey("resolved")
                    ? ", resolved ones included" : " still open"));
            return 0;
        }
        MirrorQuarantine.ReplayReport r = quarantine.replay(o.values().containsKey("all") ? null : o.id());
        r.applied().forEach(e -> out.println("applied\t" + e.id() + "\t" + e.entity() + " " + e.entityKey() + " at "
                + e.position()));
        r.notNewer().forEach(e -> out.println("not newer\t" + e.id() + "\t" + e.entity() + " " + e.entityKey()
                + " at " + e.position() + " (the mirror's row is as new or newer; left as it is)"));
        r.stillQuarantined().forEach(e -> out.println("still quarantined\t" + e.id() + "\t" + e.reason()));
        r.rejected().forEach(e -> out.println("rejected\t" + e.id() + "\t" + e.reason()));
        out.println(r.applied().size() + " applied, " + r.notNewer().size() + " not newer, "
                + r.stillQuarantined().size() + " still quarantined, " + r.rejected().size() + " rejected");
        return r.stillQuarantined().isEmpty() ? 0 : 1;
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private static int sidecar(Options o, PrintStream out) throws Exception {
        String topic = TopicNames.quarantineTopic(o.topicPrefix());
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopicReader.readAll(o.get("kafka"), List.of(topic));
        List<JsonNode> quarantined = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                quarantined.add(JSON.readTree(r.value()));
            } catch (java.io.IOException e) {
                out.println("unreadable record at " + topic + " partition " + r.partition() + " offset " + r.offset());
            }
        }
        if (o.action().equals("list")) {
            out.println("table\top\tkey\tposition\tkind\tcolumn\treason");
            for (JsonNode q : quarantined) {
                out.println(q.path("table").asText() + "\t" + q.path("op").asText() + "\t" + q.path("key") + "\t"
                        + q.path("position").asText() + "\t" + q.path("kind").asText("-") + "\t"
                        + q.path("column").asText("-") + "\t" + q.path("reason").asText());
            }
            out.println(quarantined.size() + " quarantined row change(s) in " + topic);
            return 0;
        }
        SidecarReplay plan = SidecarReplay.plan(quarantined, o.get("table"));
        plan.skipped().forEach(s -> out.println("skipped\t" + s));
        if (plan.filters().isEmpty()) {
            out.println("nothing to read again");
            return 0;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.get("kafka"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        int signals = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Map.Entry<String, List<String>> table : plan.filters().entrySet()) {
                for (String filter : table.getValue()) {
                    SnapshotSignal.of(Map.of(table.getKey(), filter)).send(producer, o.topicPrefix(), o.get("origin"),
                            o.get("database"));
                    signals++;
                    out.println("read again\t" + table.getKey() + "\t" + filter);
                }
            }
        }
        out.println("sent " + signals + " snapshot signal(s) to " + TopicNames.signalTopic(o.topicPrefix())
                + "; the sidecar publishes the rows as they are now, or quarantines them again if the cause remains");
        return 0;
    }

    /**
     * Which rows a sidecar replay reads again: per table, conditions on the quarantined keys in
     * batches of {@link RepairPlan#KEYS_PER_FILTER}, written as verify's repair writes them.
     * Truncates, and records without a usable key, cannot be read again by key and are skipped.
     */
    record SidecarReplay(Map<String, List<String>> filters, List<String> skipped) {

        static SidecarReplay plan(List<JsonNode> quarantined, String onlyTable) {
            Map<String, Set<String>> conditions = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            for (JsonNode q : quarantined) {
                String table = q.path("table").asText();
                if (onlyTable != null && !onlyTable.equals(table)) {
                    continue;
                }
                if ("truncate".equals(q.path("op").asText())) {
                    skipped.add(table + " truncate at " + q.path("position").asText() + ": a truncate is not a row; "
                            + "`herd verify --repair` retracts the rows from mirrors");
                    continue;
                }
                JsonNode key = q.path("key");
                if (!key.isObject() || key.isEmpty() || !table.matches("[A-Za-z0-9_]+")) {
                    skipped.add(table + " " + q.path("op").asText() + " at " + q.path("position").asText()
                            + ": no key to read the row by");
                    continue;
                }
                Map<String, Object> columns = new LinkedHashMap<>();
                key.fields().forEachRemaining(f -> columns.put(f.getKey(), f.getValue().isIntegralNumber()
                        ? (Object) f.getValue().longValue() : f.getValue().isTextual() ? f.getValue().asText() : null));
                try {
                    conditions.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(RepairPlan.rowCondition(columns));
                } catch (IllegalArgumentException e) {
                    skipped.add(table + " " + key + ": the key cannot be written as a condition (" + e.getMessage()
                            + ")");
                }
            }
            Map<String, List<String>> filters = new LinkedHashMap<>();
            conditions.forEach((table, c) -> {
                List<String> all = new ArrayList<>(c);
                for (int i = 0; i < all.size(); i += RepairPlan.KEYS_PER_FILTER) {
                    filters.computeIfAbsent(table, t -> new ArrayList<>()).add(String.join(" OR ",
                            all.subList(i, Math.min(all.size(), i + RepairPlan.KEYS_PER_FILTER))));
                }
            });
            return new SidecarReplay(filters, skipped);
        }
    }
}
