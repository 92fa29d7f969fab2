package org.herd.replicator;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A mirror: consumes one origin's topics into PostgreSQL. Several can run in one JVM, each in its
 * own application context:
 *
 * <pre>{@code
 * ConfigurableApplicationContext mirror = ReplicatorApplication.builder()
 *         .properties("herd.mirror.origin=site", "herd.mirror.kafka.bootstrap-servers=localhost:9092",
 *                 "spring.datasource.url=jdbc:postgresql://localhost/mirror")
 *         .run();
 * ...
 * mirror.close(); // stops the apply loop after the batch in flight
 * }</pre>
 */
@SpringBootApplication
public class ReplicatorApplication {

    /**
     * Name of this application's configuration files ({@code herd-mirror.properties} or
     * {@code .yaml}), unique so that other Herd applications on the same class path do not read
     * them, nor this one theirs.
     */
    public static final String CONFIG_NAME = "herd-mirror";

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * A builder with this application's defaults: its own configuration file name, and a web
     * server for the operational endpoints only when herd.mirror.management.port says so.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ReplicatorApplication.class)
                // A web server for the operational endpoints only, started when
                // herd.mirror.management.port is set (MirrorManagementProperties).
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=" + CONFIG_NAME,
                        // The actuator's metrics endpoint (herd.quarantined among the rest) is also
                        // read over JMX, one set of names per application context.
                        "spring.jmx.enabled=true", "spring.jmx.unique-names=true",
                        "management.endpoints.jmx.exposure.include=health,metrics",
                        // -1: Spring Boot creates the web context but starts no server.
                        "server.port=${herd.mirror.management.port:-1}",
                        "server.address=${herd.mirror.management.address:127.0.0.1}",
                        "management.endpoints.web.exposure.include=${herd.mirror.management.endpoints:health,prometheus}",
                        "management.endpoint.health.probes.enabled=true",
                        "server.error.include-stacktrace=never");
    }
}
