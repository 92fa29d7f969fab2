package org.herd.sidecar.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sidecar's operational endpoints over HTTP (Spring Boot's actuator): health with liveness and
 * readiness ({@code /actuator/health}, {@code /actuator/health/readiness}) and Prometheus metrics
 * ({@code /actuator/prometheus}). Off by default; the builder maps these properties onto Spring
 * Boot's {@code server.*} and {@code management.*}.
 *
 * @param port      TCP port of the endpoints; -1 (the default) serves none, 0 picks a free port.
 * @param address   Address the endpoints listen on; the loopback by default, as they are for the
 *                  host's own monitoring.
 * @param endpoints Actuator endpoints served: health, prometheus, metrics or info.
 */
@ConfigurationProperties("herd.sidecar.management")
@Validated
public record SidecarManagementProperties(
        @DefaultValue("-1") @Min(value = -1, message = "herd.sidecar.management.port must be -1 (off), 0 (any) or a port")
        @Max(value = 65535, message = "herd.sidecar.management.port must be -1 (off), 0 (any) or a port") int port,
        @DefaultValue("127.0.0.1") @NotBlank(message = "herd.sidecar.management.address must not be blank")
        String address,
        @DefaultValue({"health", "prometheus"}) List<String> endpoints) {

    /** The endpoints that may be named: none of them changes anything or shows a secret. */
    public static final Set<String> ENDPOINTS = Set.of("health", "prometheus", "metrics", "info");

    public SidecarManagementProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    @AssertTrue(message = "herd.sidecar.management.endpoints may name health, prometheus, metrics and info only")
    public boolean isEndpointsKnown() {
        return ENDPOINTS.containsAll(endpoints);
    }
}
