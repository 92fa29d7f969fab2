package org.herd.crash;

import org.herd.cli.Herd;

/**
 * What a child JVM of the crash harness runs when the harness itself runs from a class path
 * (tests, an IDE) rather than from {@code herd-lab.jar}: {@code sidecar}, {@code mirror} or
 * {@code kafka}, with the arguments the herd command takes, through the same command line.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        System.exit(Herd.commandLine(System.out, System.err, new KafkaCommand(System.out)).execute(args));
    }
}
