package org.herd.sidecar;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sidecar: runs beside a Gazelle database and publishes its public catalogue to Kafka.
 * Its configuration file is {@code herd-sidecar.properties} (or .yml), so that it can share a
 * classpath with the replicator.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
public class SidecarApplication {

    public static final String CONFIG_NAME = "herd-sidecar";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SidecarApplication.class)
                // A web server for the operational endpoints only, started when
                // herd.sidecar.management.port is set (SidecarManagementProperties).
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=" + CONFIG_NAME,
                        // The actuator's metrics endpoint (herd.quarantined among the rest) is also
                        // read over JMX, one set of names per application context.
                        "spring.jmx.enabled=true", "spring.jmx.unique-names=true",
                        "management.endpoints.jmx.exposure.include=health,metrics",
                        // -1: Spring Boot creates the web context but starts no server.
                        "server.port=${herd.sidecar.management.port:-1}",
                        "server.address=${herd.sidecar.management.address:127.0.0.1}",
                        "management.endpoints.web.exposure.include=${herd.sidecar.management.endpoints:health,prometheus}",
                        "management.endpoint.health.probes.enabled=true",
                        "server.error.include-stacktrace=never");
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
