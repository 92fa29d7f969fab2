package org.herd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd sidecar} and {@code herd mirror}: a Spring Boot application configured by
 * properties, run until it stops. The command line checks the arguments
 * ({@link PropertyArguments}); Spring Boot reads them, the environment and the application's
 * properties file as it always has.
 */
abstract class ApplicationCommand implements Callable<Integer>, TakesProperties {

    /** Runs the application with Spring-style arguments; returns the exit code once it has stopped. */
    @FunctionalInterface
    interface Launcher {
        int run(String[] arguments);
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "--NAME=VALUE", description = "A property of the application (see Properties below).")
    List<String> arguments = new ArrayList<>();

    private final Launcher launcher;

    ApplicationCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        List<String> properties = propertyArguments().parse(spec.commandLine(), arguments);
        return launcher.run(properties.toArray(String[]::new));
    }

    /**
     * Starts the application and waits until its context closes (on SIGTERM, Spring Boot's
     * shutdown hook closes it). Exit code 0 once it has stopped; 2 when it refused its
     * configuration at start-up; 1 when it could not start otherwise. Spring Boot has logged why,
     * naming the property.
     */
    static int untilClosed(SpringApplicationBuilder application, String[] arguments) {
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments);
        } catch (RuntimeException e) {
            return isConfiguration(e) ? Herd.USAGE : Herd.FAILURE;
        }
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        try {
            // Closed before the listener was added: no event will come.
            if (context.isActive()) {
                closed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Herd.FAILURE;
        }
        return Herd.OK;
    }

    private static boolean isConfiguration(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
