package org.herd.crash;

import java.util.Arrays;
import org.herd.replicator.ReplicatorApplication;
import org.herd.sidecar.SidecarApplication;

/**
 * What a child JVM of the crash harness runs when the harness itself runs from a class path
 * (tests, an IDE) rather than from {@code herd-lab.jar}: {@code sidecar}, {@code mirror} or
 * {@code kafka}, with the arguments the herd command would take.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "sidecar" -> SidecarApplication.main(rest);
            case "mirror" -> ReplicatorApplication.main(rest);
            case "kafka" -> KafkaCommand.main(rest);
            default -> throw new IllegalArgumentException("crash child: unknown role " + Arrays.toString(args));
        }
    }
}
