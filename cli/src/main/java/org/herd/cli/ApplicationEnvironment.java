package org.herd.cli;

import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application's configuration as the application itself reads it: the command's Spring-style
 * arguments, the environment ({@code HERD_SIDECAR_KAFKA_PROPERTIES_SASL_JAAS_CONFIG=...}) and its
 * properties file ({@code herd-sidecar.properties}), for a command that inspects what the
 * application does with the same settings.
 */
public final class ApplicationEnvironment {

    /** Nothing to create: only the environment is wanted. */
    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private ApplicationEnvironment() {
    }

    /** @param arguments {@code --name=value} each, as {@link PropertyArguments#parse} returns them */
    public static Binder of(String configName, List<String> arguments) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("spring.config.name=" + configName, "spring.main.register-shutdown-hook=false")
                .run(arguments.toArray(String[]::new))) {
            return Binder.get(context.getEnvironment());
        }
    }
}
