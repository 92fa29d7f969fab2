package org.herd.lab;

import java.io.PrintStream;
import org.herd.bench.BenchCommand;
import org.herd.cli.Herd;
import org.herd.crash.CrashCommand;
import org.herd.crash.KafkaCommand;
import org.herd.demo.DemoCommand;
import picocli.CommandLine;

/**
 * The {@code herd} command of {@code herd-lab.jar}: every command of the operator's {@code herd.jar}
 * and the lab's own (demo, bench, crash, and the crash harness's hidden kafka) on the same root, on
 * a class path that also carries the embedded servers.
 */
public final class HerdLab {

    private HerdLab() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return Herd.commandLine(out, err, new DemoCommand(out), new BenchCommand(out), new CrashCommand(out),
                new KafkaCommand(out));
    }
}
