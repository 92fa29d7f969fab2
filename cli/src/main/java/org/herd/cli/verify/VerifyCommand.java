package org.herd.cli.verify;

import java.io.PrintStream;
import java.sql.Connection;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.Future;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.herd.cli.DurationConverter;
import org.herd.cli.Herd;
import org.herd.cli.PropertyArguments;
import org.herd.cli.PropertyDefaults;
import org.herd.cli.TakesProperties;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.capture.DebeziumConfig;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.sidecar.publish.EncodedRecord;
import org.herd.sidecar.publish.RecordFacts;
import org.herd.sidecar.signal.SnapshotSignal;
import org.herd.sidecar.trust.SidecarSigning;
import org.herd.sidecar.source.SourceInspection;
import org.herd.sidecar.source.SourceJdbc;
import org.herd.sidecar.source.SidecarTranslator;
import org.herd.translator.NeutralRecord;
import org.herd.translator.Translator;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.translator.wire.WireFormat;
import org.herd.verify.RepairPlan;
import org.herd.verify.Verification;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code herd verify}: compares the origin's public state with one mirror's, chunk by chunk, and
 * with {@code --repair} asks the sidecar to read the missing and differing rows again and
 * publishes deletes for the extra ones. It runs at the origin with the sidecar's configuration
 * (the same properties, environment and {@code herd-sidecar.properties}), so that it translates
 * exactly as the sidecar publishes, plus {@code herd.verify.*}.
 *
 * <p>Exit codes: 0 equal, 1 different (with or without a repair requested), 2 bad usage or
 * configuration, or the verification could not run (a server unreachable).
 */
@Command(name = "verify", defaultValueProvider = PropertyDefaults.class,
        header = "Compare a mirror with the origin; with --repair, mend what differs.",
        description = {"At the origin, with the sidecar's configuration (its --herd.sidecar.* properties, "
                + "HERD_SIDECAR_* environment or herd-sidecar.properties) plus herd.verify.mirror.url/user/password: "
                + "compare the origin's public state with one mirror, chunk by chunk, re-checking differences while "
                + "replication runs (docs/operator.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:equal", "1:different (with or without --repair)",
                "2:bad usage or configuration (the property named), or the verification could not run"})
public final class VerifyCommand implements Callable<Integer>, TakesProperties {

    public static final int EQUAL = 0;
    public static final int DIFFERENT = 1;
    public static final int FAILED = 2;

    static final PropertyArguments PROPERTIES = new PropertyArguments("herd verify",
            List.of("herd.sidecar", "herd.verify"), SidecarApplication.CONFIG_NAME, List.of(
                    new PropertyArguments.Highlight("herd.verify.mirror.url", true),
                    new PropertyArguments.Highlight("herd.verify.mirror.user", false),
                    new PropertyArguments.Highlight("herd.verify.mirror.password", false),
                    new PropertyArguments.Highlight("herd.verify.max-keys", false),
                    new PropertyArguments.Highlight("herd.sidecar.origin", true),
                    new PropertyArguments.Highlight("herd.sidecar.source.host", true),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.bootstrap-servers", true),
                    new PropertyArguments.Highlight("herd.sidecar.kafka.properties", false)));

    /** Binds and validates both property sets the way the sidecar binds its own. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SidecarProperties.class, VerifyProperties.class})
    static class Settings {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--repair", description = "Ask the sidecar to read missing and differing rows again, and publish "
            + "deletes for extra ones (needs the sidecar running).")
    boolean repair;

    @Option(names = "--rechecks", paramLabel = "N", descriptionKey = "herd.verify.rechecks",
            description = "How often differences are read again before they count, 0 to 100 "
                    + "(herd.verify.rechecks; default: ${DEFAULT-VALUE}).")
    Integer rechecks;

    @Option(names = "--recheck-delay", paramLabel = "DURATION", descriptionKey = "herd.verify.recheck-delay",
            converter = DurationConverter.class,
            description = "Pause before each re-check, as 5s or 500ms (herd.verify.recheck-delay; "
                    + "default: ${DEFAULT-VALUE}).")
    Duration recheckDelay;

    @Option(names = "--chunk-size", paramLabel = "N", descriptionKey = "herd.verify.chunk-size",
            description = "Key values per chunk (herd.verify.chunk-size; default: ${DEFAULT-VALUE}).")
    Long chunkSize;

    @Option(names = "--keys-shown", paramLabel = "N", descriptionKey = "herd.verify.keys-shown",
            description = "Keys the report names per entity and kind (herd.verify.keys-shown; "
                    + "default: ${DEFAULT-VALUE}).")
    Integer keysShown;

    @Option(names = "--mirror-url", paramLabel = "JDBC_URL",
            description = "The mirror's PostgreSQL, jdbc:postgresql://HOST:5432/DB (herd.verify.mirror.url).")
    String mirrorUrl;

    @Parameters(paramLabel = "--NAME=VALUE", description = "A property of the sidecar or of verify (see Properties "
            + "below).")
    List<String> arguments = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    public VerifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public PropertyArguments propertyArguments() {
        return PROPERTIES;
    }

    /** {@code herd verify ARGS}, through the herd command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] command = new String[args.length + 1];
        command[0] = "verify";
        System.arraycopy(args, 0, command, 1, args.length);
        return Herd.commandLine(out, err).execute(command);
    }

    @Override
    public Integer call() {
        return run(properties());
    }

    /** The properties Spring Boot binds: the arguments, then the options that stand for one. */
    List<String> properties() {
        List<String> properties = new ArrayList<>(PROPERTIES.parse(spec.commandLine(), arguments));
        // An option given stands for its property and wins over it; one left out leaves the
        // property to the environment or the properties file.
        ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--rechecks")) {
            properties.add("--herd.verify.rechecks=" + rechecks);
        }
        if (given.hasMatchedOption("--recheck-delay")) {
            properties.add("--herd.verify.recheck-delay=" + recheckDelay.toMillis() + "ms");
        }
        if (given.hasMatchedOption("--chunk-size")) {
            properties.add("--herd.verify.chunk-size=" + chunkSize);
        }
        if (given.hasMatchedOption("--keys-shown")) {
            properties.add("--herd.verify.keys-shown=" + keysShown);
        }
        if (given.hasMatchedOption("--mirror-url")) {
            properties.add("--herd.verify.mirror.url=" + mirrorUrl);
        }
        return properties;
    }

    private int run(List<String> properties) {
        SidecarProperties sidecar;
        VerifyProperties verify;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("spring.config.name=herd-sidecar", "spring.main.register-shutdown-hook=false",
                        // Only --repair publishes, and so signs: comparing needs no key. Lowest precedence:
                        // a sidecar configuration that says otherwise still has its key checked.
                        "herd.sidecar.trust.unsigned=" + !repair)
                .run(properties.toArray(String[]::new))) {
            sidecar = context.getBean(SidecarProperties.class);
            verify = context.getBean(VerifyProperties.class);
        } catch (RuntimeException e) {
            err.println("herd verify: invalid configuration: " + configurationProblem(e));
            return FAILED;
        }
        SecretMasker sidecarMasker = new SecretMasker(sidecar);
        String mirrorPassword = verify.mirror().password();
        java.util.function.UnaryOperator<String> mask = text -> {
            String m = sidecarMasker.mask(text);
            return mirrorPassword.length() >= 3 && m != null ? m.replace(mirrorPassword, "****") : m;
        };
        try {
            return verify(sidecar, verify, repair, out, sidecarMasker, mask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("herd verify: interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println("herd verify: could not verify: " + mask.apply(String.valueOf(e)));
            return FAILED;
        }
    }

    /**
     * The mirror's JDBC URL as it may be printed: without user info and parameters, which can
     * carry a password.
     */
    static String withoutCredentials(String url) {
        String u = url.replaceFirst("//[^/@?]*@", "//");
        int query = u.indexOf('?');
        return query < 0 ? u : u.substring(0, query);
    }

    /** The property and the reason, from Spring's binding failure; never a value. */
    private static String configurationProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // A value a record's constructor refused (the text-scrubbing policy): its message names
            // the property and never the value.
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("herd.")) {
                return t.getMessage();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException v) {
                List<String> messages = new ArrayList<>();
                v.getValidationErrors().getAllErrors().forEach(error -> messages.add(error.getDefaultMessage()));
                return String.join("; ", messages);
            }
            if (t instanceof org.springframework.boot.context.properties.bind.BindException b
                    && b.getCause() != null && !(b.getCause()
                            instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException)) {
                return b.getProperty() == null ? b.getMessage()
                        : b.getProperty().getName() + ": " + b.getCause().getClass().getSimpleName();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static int verify(SidecarProperties sidecar, VerifyProperties verify, boolean repair, PrintStream out,
            SecretMasker masker, java.util.function.UnaryOperator<String> mask) throws Exception {
        SourceInspection inspection = SourceInspection.inspect(sidecar, masker);
        // The sidecar's own translator, text scrubbing included: the origin is compared as it is published now.
        Translator translator = SidecarTranslator.create(sidecar, inspection, masker);
        Verification.Settings settings = new Verification.Settings(verify.chunkSize(), verify.rechecks(),
                verify.recheckDelay(), verify.keysShown(), verify.maxKeys());
        out.printf("herd verify: origin '%s' (%s, %s:%d/%s) against mirror %s%n", sidecar.origin(),
                inspection.variant(), sidecar.source().host(), sidecar.source().port(), sidecar.source().database(),
                withoutCredentials(verify.mirror().url()));
        Verification.Result result;
        try (Connection gazelle = SourceJdbc.connect(sidecar);
                Connection mirror = DriverManager.getConnection(verify.mirror().url(), verify.mirror().user(),
                        verify.mirror().password())) {
            gazelle.setReadOnly(true);
            // The tables this sidecar replicates: herd.sidecar.exclude-tables applies here as in capture.
            result = Verification.compare(new Verification.Origin(translator, DebeziumConfig.capturedColumns(sidecar,
                    translator.capturedColumns()).keySet(), () -> SourceLookups.forSource(sidecar, translator)),
                    gazelle, mirror, settings);
        }
        out.print(result.report("mirror"));
        if (result.equal()) {
            return EQUAL;
        }
        if (repair) {
            repair(sidecar, translator, result, out, mask);
        }
        return DIFFERENT;
    }

    private static void repair(SidecarProperties sidecar, Translator translator, Verification.Result result,
            PrintStream out, java.util.function.UnaryOperator<String> mask) throws Exception {
        RepairPlan plan = RepairPlan.of(result, translator);
        // Deletes go to the entity topics, so they are signed as the sidecar signs, at its epoch.
        SidecarSigning signing = SidecarSigning.load(sidecar, java.time.Instant.now());
        String prefix = sidecar.topicPrefix();
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(sidecar.kafka().connection().producer(
                "herd-verify-" + sidecar.origin(), Map.of()))) {
            for (RepairPlan.Snapshot s : plan.snapshots()) {
                SnapshotSignal.of(Map.of(s.table(), s.filter())).send(producer, prefix, sidecar.origin(),
                        sidecar.source().database());
            }
            List<EncodedRecord> deletes = new ArrayList<>();
            for (NeutralRecord d : plan.deletes()) {
                NeutralRecord stamped = NeutralRecord.delete(d.entity(), d.origin(), d.key(),
                        d.position().withEpoch(signing.epoch()));
                // The entity topic and the sidecar's own key encoding: the same partition as the
                // key's real records; the mirror orders it among them by its position.
                deletes.add(new EncodedRecord(TopicNames.entityTopic(prefix,
                        NeutralSchema.entity(d.entity()).orElseThrow()), WireFormat.encodeKey(stamped),
                        WireFormat.encode(stamped), Map.of(), RecordFacts.of(stamped)));
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (EncodedRecord r : signing.sign(deletes)) {
                sent.add(producer.send(r.toProducerRecord()));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        out.printf("herd verify --repair: requested %d snapshot%s of %d rows on %s and published %d delete%s "
                + "to %s.<entity>:%n", plan.snapshots().size(), plan.snapshots().size() == 1 ? "" : "s",
                plan.snapshots().stream().mapToInt(RepairPlan.Snapshot::keys).sum(), TopicNames.signalTopic(prefix),
                plan.deletes().size(), plan.deletes().size() == 1 ? "" : "s", prefix);
        out.print(mask.apply(plan.describe()));
        out.println("  The running sidecar reads the rows again while it streams; mirrors apply them by position. "
                + "Run herd verify again to confirm.");
        if (!plan.deletes().isEmpty() && signing.signs()) {
            // The deletes reach the running sidecar's digests only when it reads its topics at start-up.
            out.println("  The sidecar's checkpoints count these deletes from its next restart.");
        }
    }

}
