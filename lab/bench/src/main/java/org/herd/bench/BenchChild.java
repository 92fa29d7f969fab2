package org.herd.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
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
 * progress counters on stdout every {@value #INTERVAL_MS} ms as one line starting with
 * {@value #PREFIX}, which the bench reads; nothing else about the application changes.
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
            report(ctx, () -> String.format(Locale.ROOT, "sidecar rowChanges=%d published=%d discarded=%d quarantined=%d"
                    + " snapshotCompleted=%b signCpuNanos=%d", p.rowChanges(), p.published(), p.discarded(),
                    p.quarantined(), p.isSnapshotCompleted(), signing.signCpuNanos()), out);
        } else {
            ConfigurableApplicationContext ctx = ReplicatorApplication.builder().properties(args).run();
            MirrorProgress p = ctx.getBean(MirrorProgress.class);
            // What herd.mirror.bootstrap.archive loaded before the stream, when it is set: 0 rows otherwise.
            ArchiveBootstrap.Result loaded = ctx.getBean(MirrorConfiguration.Bootstrapped.class).result()
                    .orElse(null);
            long bootstrapRows = loaded == null ? 0 : loaded.total();
            long bootstrapMillis = loaded == null ? 0 : loaded.millis();
            report(ctx, () -> String.format(Locale.ROOT, "mirror applied=%d notNewer=%d quarantined=%d failures=%d"
                    + " verifyCpuNanos=%d bootstrapRows=%d bootstrapMillis=%d", p.applied(), p.notNewer(),
                    p.quarantined(), p.failures(), p.verifyCpuNanos(), bootstrapRows, bootstrapMillis), out);
        }
        return Herd.OK;
    }

    private static void report(ConfigurableApplicationContext ctx, java.util.function.Supplier<String> line,
            PrintStream out) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(ctx::close, "herd-bench-child-stop"));
        out.println(PREFIX + "ready");
        out.flush();
        while (ctx.isActive()) {
            out.println(PREFIX + line.get());
            out.flush();
            Thread.sleep(INTERVAL_MS);
        }
    }
}
