package org.herd.lab;

import java.util.Arrays;
import org.herd.bench.Bench;
import org.herd.cli.Herd;
import org.herd.crash.CrashHarness;
import org.herd.crash.KafkaCommand;
import org.herd.demo.Demo;
import org.herd.demo.DemoOptions;

/**
 * The {@code herd} command of {@code herd-lab.jar}: every command of the operator's {@code herd.jar}
 * and the lab's own (demo, bench, crash), on a class path that also carries the embedded servers.
 */
public final class HerdLab {

    private HerdLab() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            Herd.main(args);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> {
                DemoOptions options;
                try {
                    options = DemoOptions.parse(rest);
                } catch (IllegalArgumentException e) {
                    System.err.println("herd demo: " + e.getMessage());
                    System.exit(2);
                    return;
                }
                System.exit(new Demo(options, System.out).run());
            }
            case "bench" -> System.exit(Bench.main(rest));
            case "crash" -> System.exit(CrashHarness.main(rest));
            case "kafka" -> KafkaCommand.main(rest);
            default -> Herd.main(args);
        }
    }
}
