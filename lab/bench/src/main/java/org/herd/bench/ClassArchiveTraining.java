package org.herd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.herd.embedded.EmbeddedStack;
import org.herd.testkit.MirrorArguments;
import org.herd.testkit.SidecarArguments;

/**
 * Class-data sharing for the bench's sidecar and replicator processes. A JVM started with
 * {@code -XX:SharedArchiveFile} maps the classes that an earlier run of the same application
 * loaded, parsed and verified already, instead of reading them out of the jars: with one, the late
 * mirror's replicator reached its first batch 2 to 5 s sooner and used 3 to 12 CPU seconds less,
 * and the two processes of the snapshot 25 and 48 MiB less resident memory (docs/benchmarks.md,
 * runs J3 and J4). The archives are made once per herd jar, before anything is measured, by a
 * training run of each application on a small site of its own: a sidecar copies it into Kafka
 * and a replicator into a database of its own, and each JVM writes the classes it loaded when it
 * exits ({@code -XX:ArchiveClassesAtExit}). Later runs of the bench find the archives beside the
 * unpacked herd jar ({@link ChildProcess#classArchive}) and skip this. The training's origin,
 * topics and databases are its own: nothing of it reaches what is measured but the archives.
 */
final class ClassArchiveTraining {

    /**
     * The training site's size: 25,256 records, a copy of seconds. Its mirror's first copy wrote 14
     * of the entity tables that a copy at scale 0.02 writes 22 of; the classes of the others' rows
     * load in the measured run.
     */
    static final double SCALE = 0.001;
    static final String ORIGIN = "training";
    static final String SOURCE_DB = "gazelle_training";
    static final String MIRROR_DB = "herd_training";
    private static final long TIMEOUT_MS = 5 * 60_000L;

    private ClassArchiveTraining() {
    }

    /** Creates the training site in the named MariaDB database. */
    @FunctionalInterface
    interface SiteLoader {
        void load(String database) throws Exception;
    }

    /**
     * @param sidecarJvm the sidecar's JVM options, as the measured runs use them
     * @param mirrorJvm  the replicator's
     * @param files      where the training processes' logs go
     */
    record Setting(EmbeddedStack stack, List<String> sidecarJvm, List<String> mirrorJvm, Path files,
            SiteLoader site) {
    }

    /** Makes the archives where they are missing; says what it did. */
    static void run(Setting setting, Consumer<String> say) throws Exception {
        Optional<Path> sidecarArchive = ChildProcess.classArchive("sidecar");
        Optional<Path> mirrorArchive = ChildProcess.classArchive("mirror");
        if (sidecarArchive.isEmpty() || mirrorArchive.isEmpty()) {
            say.accept("Class-data archives: none (the bench runs from a class path; a JVM archives classes out of "
                    + "jars only)");
            return;
        }
        if (Files.isRegularFile(sidecarArchive.get()) && Files.isRegularFile(mirrorArchive.get())) {
            say.accept("Class-data archives: " + sidecarArchive.get() + " and " + mirrorArchive.get()
                    + ", made for this herd jar by an earlier run");
            return;
        }
        // Both come from one training copy; gone first, so that one that is there after it is new.
        Files.deleteIfExists(sidecarArchive.get());
        Files.deleteIfExists(mirrorArchive.get());
        long t = System.nanoTime();
        EmbeddedStack stack = setting.stack();
        setting.site().load(SOURCE_DB);
        stack.postgres().createDatabase(MIRROR_DB);
        List<String> sidecarProperties = Bench.quiet(SidecarArguments.embedded(ORIGIN, stack.mariaDb(), SOURCE_DB,
                stack.kafka().bootstrapServers()));
        List<String> mirrorProperties = Bench.quiet(MirrorArguments.embedded(ORIGIN, stack.kafka().bootstrapServers(),
                stack.postgres(), MIRROR_DB, "herd-training"));
        long published;
        try (ChildProcess sidecar = ChildProcess.start("sidecar", archiving(setting.sidecarJvm(),
                sidecarArchive.get()), sidecarProperties, setting.files().resolve("training-sidecar.log"))) {
            sidecar.awaitReady(180_000);
            try (ChildProcess mirror = ChildProcess.start("mirror", archiving(setting.mirrorJvm(), mirrorArchive.get()),
                    mirrorProperties, setting.files().resolve("training-mirror.log"))) {
                published = awaitCopied(sidecar, mirror);
            }
        }
        // Its tables are vacuumed now rather than by autovacuum during what is measured next.
        Autovacuum.vacuumNow(stack.postgres().dataSource(MIRROR_DB));
        // Each JVM wrote its archive as it exited, before close() returned.
        for (Path archive : List.of(sidecarArchive.get(), mirrorArchive.get())) {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training run exited without writing the class-data archive "
                        + archive + "; its output is in " + setting.files().resolve("training-*.log"));
            }
        }
        say.accept(String.format(Locale.ROOT, "Class-data archives made in %.1f s by a training copy of %,d records: "
                + "sidecar %,d MiB, mirror %,d MiB (%s)", (System.nanoTime() - t) / 1e9, published,
                Files.size(sidecarArchive.get()) >> 20, Files.size(mirrorArchive.get()) >> 20,
                sidecarArchive.get().getParent()));
    }

    /** The options with the archive written at exit. */
    static List<String> archiving(List<String> jvm, Path archive) {
        List<String> all = new ArrayList<>(jvm);
        all.add("-XX:ArchiveClassesAtExit=" + archive);
        return all;
    }

    /** Waits until the sidecar's snapshot is done and the replicator has consumed all it published. */
    private static long awaitCopied(ChildProcess sidecar, ChildProcess mirror) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            sidecar.checkAlive();
            mirror.checkAlive();
            long published = sidecar.counter("published");
            long consumed = mirror.consumed();
            if (sidecar.flag("snapshotCompleted") && published > 0 && consumed >= published) {
                return published;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the training copy did not complete within " + TIMEOUT_MS / 1000
                        + " s: sidecar published " + published + ", mirror consumed " + consumed + "; logs "
                        + sidecar.log() + ", " + mirror.log());
            }
            Thread.sleep(20);
        }
    }
}
