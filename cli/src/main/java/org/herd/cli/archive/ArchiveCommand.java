package org.herd.cli.archive;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.herd.archive.ArchiveException;
import org.herd.archive.ArchiveManifest;
import org.herd.archive.ArchiveVerdict;
import org.herd.archive.ArchiveVerifier;
import org.herd.archive.ArchiveWriter;
import org.herd.archive.KafkaArchiveSource;
import org.herd.archive.TorrentWriter;
import org.herd.kafka.KafkaConnection;
import org.herd.translator.TranslatorSettings;
import org.herd.translator.wire.TopicNames;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd archive}: {@code create} writes an archive of an origin's public catalogue at its
 * highest checkpoint from its topics (on its cluster or any relay), {@code verify} checks one
 * (docs/archive.md). Exit codes: 0 done (verify: authentic and complete), 1 refused or not
 * authentic and complete, with every reason named, 2 bad usage or could not run.
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Verifiable archives of an origin's public catalogue at one checkpoint (see docs/archive.md).",
        subcommands = {ArchiveCommand.Create.class, ArchiveCommand.Verify.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused, or the archive is not authentic and complete (every reason named)",
                "2:bad usage, or the command could not run"})
public final class ArchiveCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The trust root given out of band, or null. */
    static SignedRoot readRoot(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return SignedRoot.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--trust-root " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("--trust-root " + file + " cannot be read: " + e.getMessage());
        } catch (TrustFormatException e) {
            throw new IllegalArgumentException("--trust-root " + file + " is not a trust root: " + e.getMessage());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write an archive of an origin's public catalogue at its highest signed checkpoint, read "
                    + "from its topics on the origin's Kafka cluster or any relay: the live records exactly as signed, "
                    + "per entity a zstd JSON Lines file, a manifest, the checkpoint, the trust roots and a README.",
                    "The archive is checked as 'herd archive verify' checks it before the command ends."})
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "The archive's directory: new or empty. Its name is the torrent's name.")
        Path out;

        @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "The origin's id.")
        String origin;

        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
                description = "The Kafka cluster holding the origin's topics: the origin's or a relay.")
        String bootstrapServers;

        @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
                description = "A Kafka client property (security.protocol, sasl.*, ssl.*); repeat for more. "
                        + "Secret values are never printed.")
        List<String> kafkaProperties = new ArrayList<>();

        @Option(names = "--topic-prefix", paramLabel = "PREFIX",
                description = "The origin's topic prefix; default herd.<origin>.")
        String topicPrefix;

        @Option(names = "--trust-root", paramLabel = "FILE",
                description = "The trust root to start the chain from, obtained from the origin's trustees; "
                        + "default: version 1 as published on <prefix>._trust.")
        Path trustRoot;

        @Option(names = "--torrent",
                description = "Also write <DIR>.torrent beside the directory: a BitTorrent metainfo file (BEP 3).")
        boolean torrent;

        @Option(names = "--tracker", paramLabel = "URL",
                description = "An announce URL for the torrent; repeat for more. None: a trackerless torrent (DHT).")
        List<String> trackers = new ArrayList<>();

        @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "PT6H",
                description = "How long reading the entity topics to their end may take (ISO-8601). Default: PT6H.")
        Duration readTimeout;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            KafkaConnection kafka;
            SignedRoot pinned;
            try {
                if (!TranslatorSettings.ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException("--origin '" + origin + "' must match "
                            + TranslatorSettings.ORIGIN.pattern());
                }
                kafka = new KafkaConnection(bootstrapServers, properties(kafkaProperties));
                pinned = readRoot(trustRoot);
            } catch (IllegalArgumentException e) {
                err.println("herd archive create: " + e.getMessage());
                return USAGE;
            }
            String prefix = topicPrefix == null || topicPrefix.isBlank() ? TopicNames.defaultPrefix(origin) : topicPrefix;
            Instant now = Instant.now();
            long started = System.nanoTime();
            try {
                stdout.println("herd archive create: reading " + prefix + ".* from " + kafka.describe());
                stdout.flush();
                KafkaArchiveSource.Read read = new KafkaArchiveSource(kafka, prefix, readTimeout).read(pinned, now);
                ArchiveManifest manifest = ArchiveWriter.write(out, read.content());
                long writtenMs = (System.nanoTime() - started) / 1_000_000;
                long bytes = manifest.files().stream().mapToLong(ArchiveManifest.FileEntry::bytes).sum();
                long records = manifest.entities().values().stream().mapToLong(ArchiveManifest.EntityEntry::records)
                        .sum();
                KafkaArchiveSource.Counts counts = read.counts();
                stdout.printf("wrote %s: %d records of %d entities at position %s, %d bytes (read %d records and wrote "
                                + "them in %d ms; %d after the cut left out%s)%n", out, records,
                        manifest.entities().size(), manifest.cut(), bytes, counts.read(), writtenMs, counts.afterCut(),
                        counts.superseded() == 0 ? "" : ", " + counts.superseded()
                                + " of epochs the checkpoint supersedes");
                ArchiveVerdict verdict = ArchiveVerifier.verify(out, pinned, now);
                stdout.print(verdict.describe());
                if (!verdict.ok()) {
                    return REFUSED;
                }
                if (torrent) {
                    Path file = out.toAbsolutePath().resolveSibling(out.getFileName() + ".torrent");
                    String infoHash = TorrentWriter.write(out, file, trackers, "Herd archive of " + origin + " at "
                            + manifest.cut());
                    stdout.println("wrote " + file + ", info hash " + infoHash);
                }
                stdout.printf("done in %d ms%n", (System.nanoTime() - started) / 1_000_000);
                return OK;
            } catch (ArchiveException e) {
                err.println("herd archive create: " + mask(e.getMessage(), kafka));
                return REFUSED;
            } catch (IOException | RuntimeException e) {
                err.println("herd archive create: could not write the archive: " + mask(String.valueOf(e), kafka));
                return USAGE;
            } finally {
                stdout.flush();
                err.flush();
            }
        }

        private static String mask(String message, KafkaConnection kafka) {
            String m = message;
            for (String secret : kafka.secrets()) {
                m = m.replace(secret, "****");
            }
            return m;
        }

        private static Map<String, String> properties(List<String> arguments) {
            Map<String, String> p = new LinkedHashMap<>();
            for (String a : arguments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--kafka-property must be NAME=VALUE, found '"
                            + (eq < 0 ? a.replaceAll(".", "*") : a.substring(0, eq)) + "'");
                }
                p.put(a.substring(0, eq), a.substring(eq + 1));
            }
            return p;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check an archive: every file's digest, every record's signature against the trust root, "
                    + "and each entity's count and digest against the origin's signed checkpoint.",
                    "Prints 'authentic and complete at position P', or every problem with its file, entity and line."})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The archive's directory.")
        Path dir;

        @Option(names = "--trust-root", paramLabel = "FILE",
                description = "The trust root to check against, obtained from the origin's trustees (any version; the "
                        + "archive's later versions must follow from it). Default: the archive's own version 1, which "
                        + "proves the archive consistent, and authentic only if that root is the origin's.")
        Path trustRoot;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            SignedRoot pinned;
            try {
                pinned = readRoot(trustRoot);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("herd archive verify: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return USAGE;
            }
            if (!Files.isDirectory(dir)) {
                spec.commandLine().getErr().println("herd archive verify: " + dir + " is not a directory");
                spec.commandLine().getErr().flush();
                return USAGE;
            }
            long started = System.nanoTime();
            ArchiveVerdict verdict = ArchiveVerifier.verify(dir, pinned, Instant.now());
            stdout.print(verdict.describe());
            stdout.printf("checked in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            stdout.flush();
            return verdict.ok() ? OK : REFUSED;
        }
    }
}
