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

    private ServedMirror() {
    }

    /** Runs both until one stops; the exit codes of {@link ApplicationCommand#untilClosed}. */
    static int run(String[] arguments) {
        ConfigurableApplicationContext mirror;
        try {
            mirror = ReplicatorApplication.builder().main(ReplicatorApplication.class).run(arguments);
        } catch (RuntimeException e) {
            return ApplicationCommand.isConfiguration(e) ? Herd.USAGE : Herd.FAILURE;
        }
        ConfigurableApplicationContext web;
        try {
            web = ServeApplication.builder().main(ServeApplication.class)
                    .run(serveArguments(arguments, mirror.getBean(DataSource.class)));
        } catch (RuntimeException e) {
            log.error("the mirror's web server could not start; stopping the mirror");
            mirror.close();
            return ApplicationCommand.isConfiguration(e) ? Herd.USAGE : Herd.FAILURE;
        }
        CountDownLatch closed = new CountDownLatch(1);
        ApplicationListener<ContextClosedEvent> onClose = event -> closed.countDown();
        mirror.addApplicationListener(onClose);
        web.addApplicationListener(onClose);
        try {
            if (mirror.isActive() && web.isActive()) {
                closed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Herd.FAILURE;
        } finally {
            web.close();
            mirror.close();
        }
        return Herd.OK;
    }

    /**
     * The command's arguments, then the mirror's own database as the replicator connected to it:
     * a later argument wins, so the web server reads exactly that database (an embedded one has a
     * URL known only once it has started).
     */
    static String[] serveArguments(String[] arguments, DataSource mirrorDataSource) {
        List<String> args = new ArrayList<>(List.of(arguments));
        if (mirrorDataSource instanceof HikariDataSource ds) {
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
