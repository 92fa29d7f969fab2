package org.herd.bench;

import java.io.PrintStream;
import java.util.List;
import org.herd.cli.Herd;
import org.herd.replicator.ArchiveBootstrap;
import org.herd.replicator.MirrorConfiguration;
import org.herd.replicator.MirrorProgress;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
import org.herd.sidecar.trust.SidecarSigning;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sidecar or the replicator in a JVM of its own, as an operator runs them, so that the bench
 * can read each one's memory from /proc. Besides what the application does, it prints its
 * progress counters on stdout as one line starting with {@value #PREFIX}, looked at every
 * {@value #INTERVAL_MS} ms and printed when it changed, which the bench reads; nothing else about
 * the application changes.
 */
public final class BenchChild {

    static final String PREFIX = "@herd-bench ";
    static final int INTERVAL_MS = 20;

    private BenchChild() {
    }

    /** Which application the child runs. */
    enum Role { SIDECAR, MIRROR }

    /**
     * Entry point when the bench runs from a class path (tests, an IDE): {@code ROLE PROPERTY=VALUE...},
     * the arguments of {@code herd bench --child}.
     */
    public static void main(String[] args) {
        String[] command = new String[args.length + 2];
        command[0] = "bench";
        command[1] = "--child";
        System.arraycopy(args, 0, command, 2, args.length);
        System.exit(Herd.commandLine(System.out, System.err, new BenchCommand(System.out)).execute(command));
    }

    /** Runs the application until it stops; its exit code. */
    static int run(Role role, List<String> properties, PrintStream out) throws InterruptedException {
        String[] args = properties.toArray(String[]::new);
        if (role == Role.SIDECAR) {
            ConfigurableApplicationContext ctx = SidecarApplication.builder().properties(args).run();
            SidecarProgress p = ctx.getBean(SidecarProgress.class);
            SidecarSigning signing = ctx.getBean(SidecarSigning.class);
            report(ctx, () -> "sidecar rowChanges=" + p.rowChanges() + " published=" + p.published()
                    + " discarded=" + p.discarded() + " quarantined=" + p.quarantined() + " snapshotCompleted="
                    + p.isSnapshotCompleted() + " signCpuNanos=" + signing.signCpuNanos(), out);
        } else {
            ConfigurableApplicationContext ctx = ReplicatorApplication.builder().properties(args).run();
            MirrorProgress p = ctx.getBean(MirrorProgress.class);
            // What herd.mirror.bootstrap.archive loaded before the stream, when it is set: 0 rows otherwise.
            ArchiveBootstrap.Result loaded = ctx.getBean(MirrorConfiguration.Bootstrapped.class).result()
                    .orElse(null);
            long bootstrapRows = loaded == null ? 0 : loaded.total();
            long bootstrapMillis = loaded == null ? 0 : loaded.millis();
            report(ctx, () -> "mirror applied=" + p.applied() + " notNewer=" + p.notNewer() + " quarantined="
                    + p.quarantined() + " failures=" + p.failures() + " verifyCpuNanos=" + p.verifyCpuNanos()
                    + " bootstrapRows=" + bootstrapRows + " bootstrapMillis=" + bootstrapMillis, out);
        }
        return Herd.OK;
    }

    private static void report(ConfigurableApplicationContext ctx, java.util.function.Supplier<String> line,
            PrintStream out) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(ctx::close, "herd-bench-child-stop"));
        out.println(PREFIX + "ready");
        out.flush();
        ProgressLines lines = new ProgressLines(out);
        while (ctx.isActive()) {
            lines.offer(line.get());
            Thread.sleep(INTERVAL_MS);
        }
    }

    /**
     * Prints a progress line only when it differs from the one printed before: the bench keeps only
     * the latest, and a line formatted and written every {@value #INTERVAL_MS} ms whatever happened
     * took 3% of the sidecar's CPU samples and 5% of the replicator's (profile P4 in
     * docs/benchmarks.md), a cost no operator's process has.
     */
    static final class ProgressLines {
        private final PrintStream out;
        private String last;

        ProgressLines(PrintStream out) {
            this.out = out;
        }

        /** Prints {@code line} unless it is the one printed last; whether it printed. */
        boolean offer(String line) {
            if (line.equals(last)) {
                return false;
            }
            last = line;
            out.println(PREFIX + line);
            out.flush();
            return true;
        }
    }
}
