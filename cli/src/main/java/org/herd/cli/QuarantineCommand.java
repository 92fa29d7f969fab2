package org.herd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.replicator.MirrorQuarantine;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.signal.SnapshotSignal;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.RepairPlan;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd quarantine list|replay}: what a mirror ({@code herd.quarantine} in its PostgreSQL)
 * or a sidecar ({@code <prefix>._quarantine}) set aside, and a replay after the cause is fixed.
 * For a sidecar it reads the sidecar's own Kafka settings ({@code herd.sidecar.kafka.*} from the
 * command line, the environment or {@code herd-sidecar.properties}), security included.
 */
@Command(name = "quarantine", synopsisSubcommandLabel = "(list | replay)",
        header = "List or replay what a mirror or a sidecar quarantined.",
        description = {"List records a mirror or a sidecar quarantined; replay them once the cause is fixed. A "
                + "mirror's replay applies its stored records again, position-guarded (never over newer rows), and "
                + "marks the ones that now apply; a sidecar's replay signals the sidecar to read the quarantined "
                + "rows again by table and key (truncates are skipped).",
                "A sidecar's Kafka is --kafka, or herd.sidecar.kafka.bootstrap-servers as the sidecar reads it; "
                + "its client properties (security) are the sidecar's herd.sidecar.kafka.properties.*."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:nothing left open",
                "1:records remain quarantined", "2:bad usage, or it could not run (a server unreachable)"})
public final class QuarantineCommand implements Callable<Integer> {

    /** Created on first use: every herd command line loads this class, few of them read JSON. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd quarantine", List.of("herd.sidecar"),
            SidecarApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.sidecar.kafka.bootstrap-servers", false),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.properties", false),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.topic-prefix", false),
                    new PropertyArguments.Highlight("herd.sidecar.origin", false),
                    new PropertyArguments.Highlight("herd.sidecar.source.database", false)));

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    QuarantineCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code herd quarantine} without an action. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing action: list or replay");
    }

    /** Where the quarantine is: a mirror's PostgreSQL or a sidecar's Kafka. */
    static class Target {

        @Option(names = "--mirror", paramLabel = "JDBC_URL",
                description = "The mirror's PostgreSQL, jdbc:postgresql://HOST:5432/DB.")
        String mirror;

        @Option(names = "--user", paramLabel = "USER", description = "The mirror's database user.")
        String user;

        @Option(names = "--password", paramLabel = "PASSWORD", description = "Its password; never printed.")
        String password;

        @Option(names = "--kafka", paramLabel = "SERVERS",
                description = "The sidecar's Kafka (default: herd.sidecar.kafka.bootstrap-servers).")
        String kafka;

        @Option(names = "--origin", paramLabel = "NAME",
                description = "The origin (a sidecar's default: herd.sidecar.origin).")
        String origin;

        @Option(names = "--topic-prefix", paramLabel = "PREFIX",
                description = "The origin's topic prefix (default: herd.sidecar.kafka.topic-prefix, or herd.ORIGIN).")
        String topicPrefix;

        @Parameters(paramLabel = "--NAME=VALUE", description = "A property of the sidecar (a sidecar's quarantine "
                + "only; see Properties below).")
        List<String> properties = new ArrayList<>();
    }

    /** {@code herd quarantine list}. */
    @Command(name = "list", header = "List the quarantined records of a mirror or of a sidecar.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:listed", "2:bad usage, or it could not run (a server unreachable)"})
    final class ListCommand implements Callable<Integer>, TakesProperties {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--resolved", description = "A mirror's resolved records too.")
        boolean resolved;

        @Override
        public PropertyArguments propertyArguments() {
            return PROPERTIES;
        }

        @Override
        public Integer call() {
            Where where = Where.of(spec.commandLine(), target);
            if (where.mirror()) {
                where.refuse(target.origin, "--origin");
                where.refuse(target.topicPrefix, "--topic-prefix");
            } else {
                where.refuse(resolved ? "" : null, "--resolved");
            }
            return QuarantineCommand.this.run(where, w -> w.mirror() ? listMirror(w, resolved) : listSidecar(w));
        }
    }

    /** {@code herd quarantine replay}. */
    @Command(name = "replay", header = "Replay a mirror's quarantined records, or signal a sidecar to read its "
            + "quarantined rows again.", exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:nothing left open", "1:records remain quarantined",
                    "2:bad usage, or it could not run (a server unreachable)"})
    final class ReplayCommand implements Callable<Integer>, TakesProperties {

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--id", paramLabel = "N", description = "A mirror's record to replay.")
        Long id;

        @Option(names = "--all", description = "Every open record of a mirror.")
        boolean all;

        @Option(names = "--database", paramLabel = "DB",
                description = "The Gazelle database of a sidecar (default: herd.sidecar.source.database).")
        String database;

        @Option(names = "--table", paramLabel = "TABLE", description = "A sidecar's rows of this table only.")
        String table;

        @Override
        public PropertyArguments propertyArguments() {
            return PROPERTIES;
        }

        @Override
        public Integer call() {
            Where where = Where.of(spec.commandLine(), target);
            if (where.mirror()) {
                where.require(where.origin(), "--origin");
                where.refuse(database, "--database");
                where.refuse(table, "--table");
                if ((id != null) == all) {
                    throw new ParameterException(spec.commandLine(), "Replay of a mirror needs exactly one of --id N "
                            + "and --all");
                }
                if (id != null && id <= 0) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--id': '" + id
                            + "' is not a positive whole number");
                }
            } else {
                where.refuse(id, "--id");
                where.refuse(all ? "" : null, "--all");
            }
            String db = where.mirror() ? null : where.or(database, "herd.sidecar.source.database");
            if (!where.mirror()) {
                where.require(db, "--database");
            }
            return QuarantineCommand.this.run(where, w -> w.mirror() ? replayMirror(w, all ? null : id)
                    : replaySidecar(w, db, table));
        }
    }

    /**
     * The quarantine a command works on, with the sidecar's settings resolved as the sidecar
     * resolves them.
     */
    record Where(CommandLine commandLine, Target target, Binder sidecar, KafkaConnection kafka, String origin) {

        static Where of(CommandLine commandLine, Target target) {
            List<String> properties = PROPERTIES.parse(commandLine, target.properties);
            if (target.mirror != null) {
                if (target.kafka != null) {
                    throw new ParameterException(commandLine, "--mirror and --kafka: give one, a mirror's database or "
                            + "a sidecar's Kafka");
                }
                if (!properties.isEmpty()) {
                    throw new ParameterException(commandLine, "Unknown option: '" + properties.get(0).replaceAll("=.*",
                            "") + "': the sidecar's properties do not apply to a mirror's quarantine");
                }
                if (!target.mirror.startsWith("jdbc:postgresql:")) {
                    throw new ParameterException(commandLine, "Invalid value for option '--mirror': '" + target.mirror
                            + "' is not a jdbc:postgresql: URL");
                }
                return new Where(commandLine, target, null, null, target.origin);
            }
            for (String[] mirrorOnly : new String[][] {{target.user, "--user"}, {target.password, "--password"}}) {
                if (mirrorOnly[0] != null) {
                    throw new ParameterException(commandLine, mirrorOnly[1] + " applies to a mirror's quarantine only");
                }
            }
            Binder sidecar = ApplicationEnvironment.of(SidecarApplication.CONFIG_NAME, properties);
            String bootstrap = target.kafka != null ? target.kafka
                    : sidecar.bind("herd.sidecar.kafka.bootstrap-servers", String.class).orElse(null);
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new ParameterException(commandLine, "--mirror JDBC_URL or --kafka SERVERS is required");
            }
            KafkaConnection kafka = new KafkaConnection(bootstrap, sidecar.bind("herd.sidecar.kafka.properties",
                    Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
            Where where = new Where(commandLine, target, sidecar, kafka, null);
            String origin = where.or(target.origin, "herd.sidecar.origin");
            where.require(origin, "--origin");
            return new Where(commandLine, target, sidecar, kafka, origin);
        }

        boolean mirror() {
            return target.mirror != null;
        }

        /** The option's value, or the sidecar's property. */
        String or(String option, String property) {
            return option != null ? option : sidecar.bind(property, String.class).orElse(null);
        }

        String topicPrefix() {
            String prefix = mirror() ? target.topicPrefix : or(target.topicPrefix, "herd.sidecar.kafka.topic-prefix");
            return prefix != null && !prefix.isBlank() ? prefix
                    : TopicNames.defaultPrefix(origin == null ? "" : origin);
        }

        void require(String value, String option) {
            if (value == null || value.isBlank()) {
                throw new ParameterException(commandLine, option + " is required for "
                        + commandLine.getCommandSpec().qualifiedName() + " of a " + (mirror() ? "mirror" : "sidecar"));
            }
        }

        void refuse(Object value, String option) {
            if (value != null) {
                throw new ParameterException(commandLine, option + " does not apply to "
                        + commandLine.getCommandSpec().qualifiedName() + " of a " + (mirror() ? "mirror" : "sidecar"));
            }
        }
    }

    /** What an action does once its target is settled. */
    @FunctionalInterface
    interface Action {
        int run(Where where) throws Exception;
    }

    private int run(Where where, Action action) {
        try {
            return action.run(where);
        } catch (ParameterException e) {
            throw e;
        } catch (Exception e) {
            // Could not run at all (a server unreachable): 2, as herd verify; 1 means records remain.
            err.println(where.commandLine().getCommandSpec().qualifiedName() + ": " + mask(causes(e), where));
            err.flush();
            return Herd.USAGE;
        }
    }

    /** The list and replay commands under this one, sharing its output. */
    CommandLine commandLine() {
        CommandLine quarantine = new CommandLine(this);
        quarantine.addSubcommand(new ListCommand());
        quarantine.addSubcommand(new ReplayCommand());
        return quarantine;
    }

    private static String mask(String message, Where where) {
        String m = mask(message, where.target().password);
        if (where.kafka() != null) {
            for (String secret : where.kafka().secrets()) {
                m = m.replace(secret, "****");
            }
        }
        return m;
    }

    /** The messages of {@code e} and its causes: a client's own says little ("Failed to construct"). */
    private static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (b.indexOf(m) < 0) {
                b.append(b.length() == 0 ? "" : ": ").append(m);
            }
        }
        return b.toString();
    }

    /** Never print a password, wherever a driver or broker quotes it. */
    static String mask(String message, String password) {
        String m = message == null ? "" : message.replaceAll("(?i)(password=)[^&;\\s]*", "$1****");
        return password == null || password.isEmpty() ? m : m.replace(password, "****");
    }

    private static MirrorQuarantine mirrorQuarantine(Where w) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(w.target().mirror);
        if (w.target().user != null) {
            ds.setUser(w.target().user);
        }
        if (w.target().password != null) {
            ds.setPassword(w.target().password);
        }
        return new MirrorQuarantine(ds, w.origin() == null ? "" : w.origin(), w.topicPrefix());
    }

    private int listMirror(Where w, boolean resolved) throws Exception {
        List<MirrorQuarantine.Entry> entries = mirrorQuarantine(w).list(resolved);
        out.println("id\twhen\ttopic/partition/offset\tkind\tentity\tkey\tposition\treplays\tresolved\treason");
        for (MirrorQuarantine.Entry e : entries) {
            out.println(e.id() + "\t" + e.receivedAt() + "\t" + e.topic() + "/" + e.partition() + "/" + e.offset()
                    + "\t" + e.kind() + "\t" + nz(e.entity()) + "\t" + nz(e.entityKey()) + "\t" + nz(e.position())
                    + "\t" + e.replayCount() + "\t" + (e.resolvedAt() == null ? "-" : e.resolution() + " "
                    + e.resolvedAt()) + "\t" + e.reason());
        }
        out.println(entries.size() + " quarantined record(s)" + (resolved ? ", resolved ones included"
                : " still open"));
        return Herd.OK;
    }

    private int replayMirror(Where w, Long id) throws Exception {
        MirrorQuarantine.ReplayReport r = mirrorQuarantine(w).replay(id);
        r.applied().forEach(e -> out.println("applied\t" + e.id() + "\t" + e.entity() + " " + e.entityKey() + " at "
                + e.position()));
        r.notNewer().forEach(e -> out.println("not newer\t" + e.id() + "\t" + e.entity() + " " + e.entityKey()
                + " at " + e.position() + " (the mirror's row is as new or newer; left as it is)"));
        r.stillQuarantined().forEach(e -> out.println("still quarantined\t" + e.id() + "\t" + e.reason()));
        r.rejected().forEach(e -> out.println("rejected\t" + e.id() + "\t" + e.reason()));
        out.println(r.applied().size() + " applied, " + r.notNewer().size() + " not newer, "
                + r.stillQuarantined().size() + " still quarantined, " + r.rejected().size() + " rejected");
        return r.stillQuarantined().isEmpty() ? Herd.OK : Herd.FAILURE;
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private List<JsonNode> quarantined(Where w) {
        String topic = TopicNames.quarantineTopic(w.topicPrefix());
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopicReader.readAll(w.kafka(), List.of(topic));
        List<JsonNode> quarantined = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                quarantined.add(Json.MAPPER.readTree(r.value()));
            } catch (java.io.IOException e) {
                out.println("unreadable record at " + topic + " partition " + r.partition() + " offset " + r.offset());
            }
        }
        return quarantined;
    }

    private int listSidecar(Where w) {
        List<JsonNode> quarantined = quarantined(w);
        String topic = TopicNames.quarantineTopic(w.topicPrefix());
        out.println("table\top\tkey\tposition\tkind\tcolumn\treason");
        for (JsonNode q : quarantined) {
            out.println(q.path("table").asText() + "\t" + q.path("op").asText() + "\t" + q.path("key") + "\t"
                    + q.path("position").asText() + "\t" + q.path("kind").asText("-") + "\t"
                    + q.path("column").asText("-") + "\t" + q.path("reason").asText());
        }
        out.println(quarantined.size() + " quarantined row change(s) in " + topic);
        return Herd.OK;
    }

    private int replaySidecar(Where w, String database, String table) throws Exception {
        SidecarReplay plan = SidecarReplay.plan(quarantined(w), table);
        plan.skipped().forEach(s -> out.println("skipped\t" + s));
        if (plan.filters().isEmpty()) {
            out.println("nothing to read again");
            return Herd.OK;
        }
        int signals = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(w.kafka().producer(
                "herd-quarantine-" + w.origin(), Map.of()))) {
            for (Map.Entry<String, List<String>> rows : plan.filters().entrySet()) {
                for (String filter : rows.getValue()) {
                    SnapshotSignal.of(Map.of(rows.getKey(), filter)).send(producer, w.topicPrefix(), w.origin(),
                            database);
                    signals++;
                    out.println("read again\t" + rows.getKey() + "\t" + filter);
                }
            }
        }
        out.println("sent " + signals + " snapshot signal(s) to " + TopicNames.signalTopic(w.topicPrefix())
                + "; the sidecar publishes the rows as they are now, or quarantines them again if the cause remains");
        return Herd.OK;
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
