package org.herd.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.herd.cli.Herd;
import org.herd.embedded.EmbeddedStack;
import org.herd.kafka.KafkaConnection;
import org.herd.kafka.KafkaTopicReader;
import org.herd.replicator.ArchiveBootstrap;
import org.herd.replicator.MirrorConfiguration;
import org.herd.sidecar.SidecarProgress;
import org.herd.testkit.TestTrust;
import org.herd.translator.schema.NeutralSchema;
import org.herd.translator.wire.TopicNames;
import org.herd.verify.MirrorSource;
import org.herd.verify.Verification;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo's survival story (docs/survival.md, docs/archive.md), as an operator would tell it with
 * Herd's own commands: the trustees' root published, the origin's sidecar stopped, an archive of
 * its topics ({@code herd archive create --torrent}) checked by {@code herd archive verify}, then
 * every topic of the origin deleted from its cluster, and a new mirror, on an empty database, born
 * from the archive alone ({@code herd.mirror.bootstrap.archive}, what
 * {@code herd mirror --bootstrap-from} sets), compared with the first mirror by verify's comparison.
 *
 * <p>The sidecar stops before the archive is made, so that the archive's cut is its last
 * checkpoint, which states everything it published: the born mirror can then equal the mirrors
 * that followed the stream to its end. An archive made while the origin runs is cut at the latest
 * checkpoint, up to one checkpoint interval behind.
 */
final class Survival {

    /** The mirror born from the archive. */
    static final String BORN = "mirror-born";
    /** Per-entity lines of the archive commands' output, left out of the demo's. */
    private static final Pattern ENTITY_COUNT = Pattern.compile("\\s+[a-z_]+: \\d+ records");
    private static final Duration TOPICS_GONE = Duration.ofMinutes(1);

    /**
     * What the story ended with.
     *
     * @param born         the born mirror's database
     * @param againstFirst the first mirror compared with the born one
     */
    record Outcome(DataSource born, Verification.Result againstFirst) {

        boolean equal() {
            return againstFirst.equal();
        }
    }

    /** Starts a mirror into a database named after it, with further properties. */
    @FunctionalInterface
    interface MirrorStarter {
        ConfigurableApplicationContext start(String name, List<String> properties);
    }

    private final EmbeddedStack stack;
    private final String origin;
    private final Path work;
    private final PrintStream out;

    Survival(EmbeddedStack stack, String origin, Path work, PrintStream out) {
        this.stack = stack;
        this.origin = origin;
        this.work = work;
        this.out = out;
    }

    /**
     * Tells the story. The stream mirrors must hold everything the sidecar published: the topics
     * they read are deleted.
     *
     * @param sidecar     the origin's running sidecar; stopped here
     * @param firstName   the first mirror's name
     * @param first       the first mirror's database
     * @param startMirror starts the born mirror; the caller owns (and closes) the context
     */
    Outcome tell(ConfigurableApplicationContext sidecar, String firstName, DataSource first, MirrorStarter startMirror)
            throws Exception {
        say("Survival: an archive of the origin, the origin switched off, a new mirror born from the archive");
        String bootstrap = stack.kafka().bootstrapServers();
        Path root = TestTrust.rootFile(origin, 1);
        herd("trust", "publish", "--root", root.toString(), "--herd.sidecar.origin=" + origin,
                "--herd.sidecar.kafka.bootstrap-servers=" + bootstrap);

        long published = sidecar.getBean(SidecarProgress.class).published();
        sidecar.close();
        say("  The origin's sidecar stops; its last checkpoint covers all %,d records it published", published);

        Path archive = work.resolve("herd-" + origin + "-archive");
        herd("archive", "create", "--out", archive.toString(), "--origin", origin, "--bootstrap-servers", bootstrap,
                "--trust-root", root.toString(), "--torrent");
        herd("archive", "verify", archive.toString(), "--trust-root", root.toString());

        int deleted = deleteTopics(bootstrap, TopicNames.defaultPrefix(origin) + ".");
        say("  The origin is gone: %d topics of %s.* deleted from its cluster; its records are now only in the mirrors "
                + "and the archive", deleted, TopicNames.defaultPrefix(origin));

        String db = BORN.replace('-', '_');
        stack.postgres().createDatabase(db);
        say("  %s: a new, empty database, started with herd.mirror.bootstrap.archive (herd mirror --bootstrap-from %s)",
                BORN, archive.getFileName());
        ConfigurableApplicationContext born = startMirror.start(BORN,
                List.of("herd.mirror.bootstrap.archive=" + archive));
        ArchiveBootstrap.Result loaded = born.getBean(MirrorConfiguration.Bootstrapped.class).result()
                .orElseThrow(() -> new IllegalStateException(BORN + " started without loading " + archive));
        say("  %s verified the archive and loaded %,d rows of %d entities at position %s in %d ms (verify and COPY)",
                BORN, loaded.total(), loaded.rows().size(), loaded.cut(), loaded.millis());

        DataSource bornDb = stack.postgres().dataSource(db);
        Verification.Result result;
        try (Connection a = first.getConnection(); Connection b = bornDb.getConnection()) {
            // Verify's comparison, with the first mirror in the origin's place: no binlog to read, no
            // replication in flight on either side, so a single pass.
            result = new Verification(new MirrorSource(a, origin), new MirrorSource(b, origin),
                    NeutralSchema.entities(), Verification.Settings.SINGLE_PASS, Optional::empty, d -> { }).run();
        }
        long rows = result.entities().values().stream().mapToLong(Verification.EntityResult::originRows).sum();
        if (result.equal()) {
            say("  %s against %s (herd verify's comparison): equal, %d entities, %,d rows each", BORN, firstName,
                    result.entities().size(), rows);
        } else {
            say("  %s against %s (herd verify's comparison, %s in the first column):", BORN, firstName, firstName);
            out.print(result.report(BORN));
        }
        return new Outcome(bornDb, result);
    }

    /** Deletes the topics and waits until the cluster no longer lists them; returns how many. */
    private static int deleteTopics(String bootstrap, String prefix) throws Exception {
        Set<String> topics = KafkaTopicReader.topicsStartingWith(bootstrap, prefix);
        try (Admin admin = Admin.create(KafkaConnection.of(bootstrap).admin())) {
            admin.deleteTopics(topics).all().get();
            long deadline = System.nanoTime() + TOPICS_GONE.toNanos();
            while (admin.listTopics().names().get().stream().anyMatch(topics::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics of " + prefix + "* were still listed "
                            + TOPICS_GONE.toSeconds() + " s after their deletion");
                }
                Thread.sleep(100);
            }
        }
        return topics.size();
    }

    /**
     * Runs a Herd command as an operator types it and prints the command and its output (without
     * the per-entity counts); a failed command ends the demo with its output.
     */
    private void herd(String... args) {
        String command = "herd " + String.join(" ", args);
        say("  $ %s", command);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit;
        try (PrintStream p = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            exit = Herd.commandLine(p, p).execute(args);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException(command + " exited with " + exit + ":\n" + output);
        }
        output.lines().filter(l -> !ENTITY_COUNT.matcher(l).matches()).forEach(l -> say("      %s", l.trim()));
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
