package org.herd.serve;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A mirror's web server: the Gazelle JSON API ({@code ajax.php}, {@code login.php}) and a search
 * site, reading the mirror's PostgreSQL and writing nothing. It runs no migrations: the replicator
 * owns the schema, and start-up fails, naming the migration, when the database lacks one it needs.
 *
 * <p>It can run in the JVM of a mirror, in its own application context:
 *
 * <pre>{@code
 * ConfigurableApplicationContext web = ServeApplication.builder()
 *         .properties("spring.datasource.url=jdbc:postgresql://localhost/mirror", "herd.serve.port=8080")
 *         .run();
 * ...
 * web.close();
 * }</pre>
 */
@SpringBootApplication
public class ServeApplication {

    /**
     * Name of this application's configuration files ({@code herd-serve.properties} or
     * {@code .yaml}), unique so that other Herd applications on the same class path do not read
     * them, nor this one theirs.
     */
    public static final String CONFIG_NAME = "herd-serve";

    public static void main(String[] args) {
        run(args);
    }

    /** Starts the server with command-line style arguments ({@code --herd.serve.port=8080}). */
    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    /** A builder with this application's defaults. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ServeApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=" + CONFIG_NAME,
                        "server.port=${herd.serve.port:8080}",
                        // The replicator owns the schema: never migrate, even where Flyway is on
                        // the class path (one JVM with a mirror, or tests).
                        "spring.flyway.enabled=false",
                        // Gazelle clients send brackets and pipes unencoded (filter_cat[1]=1,
                        // format=FLAC|MP3); Tomcat refuses them unless told otherwise.
                        "server.tomcat.relaxed-query-chars=[,],|,{,},^,\\,`,\"",
                        // Long query strings reach the application, which refuses an over-long
                        // search with Gazelle's failure envelope rather than Tomcat's error page.
                        "server.max-http-request-header-size=256KB",
                        // The style sheet at static/herd.css, as the pages link it.
                        "spring.mvc.static-path-pattern=/static/**",
                        "server.error.include-stacktrace=never",
                        "server.error.include-message=never",
                        "server.error.whitelabel.enabled=false",
                        "spring.jmx.enabled=false",
                        // Nothing but the API and the site on this port, even where the actuator is
                        // on the class path (beside a mirror in one JVM).
                        "management.endpoints.web.exposure.exclude=*",
                        // Several web servers (or a server and a mirror) may share a JVM.
                        "spring.main.banner-mode=off");
    }
}
