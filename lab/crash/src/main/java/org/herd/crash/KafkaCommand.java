package org.herd.crash;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.herd.embedded.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herd kafka --log-dir DIR --port P --controller-port C} (hidden: the crash harness's
 * broker). One KRaft broker in this JVM on fixed ports and a kept log dir, so that the harness can
 * kill the process and start another one that is the same broker with the same data. It prints
 * {@link #READY} when it accepts connections and runs until the process ends.
 */
@Command(name = "kafka", hidden = true, description = "The crash harness's Kafka broker: runs until killed.")
public final class KafkaCommand implements Callable<Integer> {

    /** The line the broker prints, with its address after it, once it is up. */
    public static final String READY = "herd kafka ready on ";

    @Option(names = "--log-dir", paramLabel = "DIR", required = true, description = "The broker's data, kept.")
    Path logDir;

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "The broker's port.")
    int port;

    @Option(names = "--controller-port", paramLabel = "PORT", required = true,
            description = "The KRaft controller's port.")
    int controllerPort;

    private final PrintStream out;

    public KafkaCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        // The embedded module's shutdown hook stops the broker cleanly on SIGTERM; SIGKILL is the point.
        EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port, controllerPort);
        out.println(READY + kafka.bootstrapServers());
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
