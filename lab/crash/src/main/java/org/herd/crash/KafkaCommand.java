package org.herd.crash;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.herd.embedded.EmbeddedKafka;

/**
 * {@code herd kafka --log-dir DIR --port P --controller-port C} (not in the usage: the crash
 * harness's broker). One KRaft broker in this JVM on fixed ports and a kept log dir, so that the
 * harness can kill the process and start another one that is the same broker with the same data.
 * It prints {@link #READY} when it accepts connections and runs until the process ends.
 */
public final class KafkaCommand {

    /** The line the broker prints, with its address after it, once it is up. */
    public static final String READY = "herd kafka ready on ";

    private KafkaCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path logDir = null;
        int port = 0;
        int controllerPort = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--log-dir" -> logDir = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--controller-port" -> controllerPort = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("herd kafka: unknown option '" + args[i] + "'");
            }
        }
        if (logDir == null || port <= 0 || controllerPort <= 0) {
            throw new IllegalArgumentException("herd kafka needs --log-dir, --port and --controller-port");
        }
        // The embedded module's shutdown hook stops the broker cleanly on SIGTERM; SIGKILL is the point.
        EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port, controllerPort);
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
