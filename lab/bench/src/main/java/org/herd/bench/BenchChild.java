package org.herd.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.herd.replicator.MirrorProgress;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;
import org.herd.sidecar.SidecarProgress;
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

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !(args[0].equals("sidecar") || args[0].equals("mirror"))) {
            System.err.println("bench child: first argument must be 'sidecar' or 'mirror', got "
                    + Arrays.toString(args));
            System.exit(2);
            return;
        }
        String[] properties = Arrays.copyOfRange(args, 1, args.length);
        PrintStream out = System.out;
        if (args[0].equals("sidecar")) {
            ConfigurableApplicationContext ctx = SidecarApplication.builder().properties(properties).run();
            SidecarProgress p = ctx.getBean(SidecarProgress.class);
            report(ctx, () -> String.format(Locale.ROOT, "sidecar rowChanges=%d published=%d discarded=%d quarantined=%d"
                    + " snapshotCompleted=%b", p.rowChanges(), p.published(), p.discarded(), p.quarantined(),
                    p.isSnapshotCompleted()), out);
        } else {
            ConfigurableApplicationContext ctx = ReplicatorApplication.builder().properties(properties).run();
            MirrorProgress p = ctx.getBean(MirrorProgress.class);
            report(ctx, () -> String.format(Locale.ROOT, "mirror applied=%d notNewer=%d quarantined=%d failures=%d",
                    p.applied(), p.notNewer(), p.quarantined(), p.failures()), out);
        }
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
