package org.herd.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.herd.replicator.ReplicatorApplication;
import org.herd.serve.ServeApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code herd mirror --serve}: a replicator and the mirror's web server in one JVM, each in its own
 * application context. The replicator starts first (its Flyway migration is what the web server
 * checks for); the web server then reads the database the replicator writes, through a read-only
 * pool of its own, also when that database is the embedded one the replicator started. When
 * either stops, both do.
 */
final class ServedMirror {

    private static final Logger log = LoggerFactory.getLogger(ServedMirror.class);

    /** The data source properties the mirror's own connection replaces, in relaxed form. */
    private static final java.util.Set<String> DATA_SOURCE = java.util.Set.of("spring.datasource.url",
            "spring.datasource.username", "spring.datasource.password");

    private ServedMirror() {
    }

    /** A mirror and its web server, running. */
    record Running(ConfigurableApplicationContext mirror, ConfigurableApplicationContext web) implements AutoCloseable {

        /** Stops both: the web server first, as it reads what the mirror writes. */
        @Override
        public void close() {
            web.close();
            mirror.close();
        }
    }

    /** Runs both until one stops; the exit codes of {@link ApplicationCommand#untilClosed}. */
    static int run(String[] arguments) {
        Running running;
        try {
            running = start(arguments);
        } catch (RuntimeException e) {
            return ApplicationCommand.isConfiguration(e) ? Herd.USAGE : Herd.FAILURE;
        }
        CountDownLatch closed = new CountDownLatch(1);
        ApplicationListener<ContextClosedEvent> onClose = event -> closed.countDown();
        running.mirror().addApplicationListener(onClose);
        running.web().addApplicationListener(onClose);
        try {
            if (running.mirror().isActive() && running.web().isActive()) {
                closed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Herd.FAILURE;
        } finally {
            running.close();
        }
        return Herd.OK;
    }

    /**
     * Starts the mirror, then the web server on its database.
     *
     * @throws RuntimeException what either threw at start-up; the mirror is stopped again when the
     *         web server does not start
     */
    static Running start(String[] arguments) {
        ConfigurableApplicationContext mirror = ReplicatorApplication.builder().main(ReplicatorApplication.class)
                .run(arguments);
        try {
            return new Running(mirror, ServeApplication.builder().main(ServeApplication.class)
                    .run(serveArguments(arguments, mirror.getBean(DataSource.class))));
        } catch (RuntimeException e) {
            log.error("the mirror's web server could not start; stopping the mirror");
            mirror.close();
            throw e;
        }
    }

    /**
     * The command's arguments, then the mirror's own database as the replicator connected to it:
     * a later argument wins, so the web server reads exactly that database (an embedded one has a
     * URL known only once it has started).
     */
    static String[] serveArguments(String[] arguments, DataSource mirrorDataSource) {
        List<String> args = new ArrayList<>(List.of(arguments));
        if (mirrorDataSource instanceof HikariDataSource ds) {
            // Replaced, not repeated: Spring Boot joins a property given twice with a comma.
            args.removeIf(a -> a.startsWith("--") && a.contains("=") && DATA_SOURCE.contains(
                    a.substring(2, a.indexOf('=')).toLowerCase(java.util.Locale.ROOT).replace("-", "")
                            .replace("_", "")));
            args.add("--spring.datasource.url=" + ds.getJdbcUrl());
            if (ds.getUsername() != null) {
                args.add("--spring.datasource.username=" + ds.getUsername());
            }
            if (ds.getPassword() != null) {
                args.add("--spring.datasource.password=" + ds.getPassword());
            }
        }
        return args.toArray(String[]::new);
    }
}
