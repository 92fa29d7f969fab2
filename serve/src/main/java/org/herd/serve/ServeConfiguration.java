package org.herd.serve;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.herd.serve.access.Gate;
import org.herd.serve.access.RateLimiter;
import org.herd.serve.access.Sessions;
import org.herd.serve.api.CatalogueApi;
import org.herd.serve.api.CommunityApi;
import org.herd.serve.api.Scope;
import org.herd.serve.catalogue.Artists;
import org.herd.serve.catalogue.Collages;
import org.herd.serve.catalogue.Comments;
import org.herd.serve.catalogue.Forums;
import org.herd.serve.catalogue.Groups;
import org.herd.serve.catalogue.Origins;
import org.herd.serve.catalogue.Requests;
import org.herd.serve.catalogue.Top10;
import org.herd.serve.catalogue.Users;
import org.herd.serve.search.Search;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The beans of one web server. Everything is per application context: several can share a JVM. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServeProperties.class)
public class ServeConfiguration {

    /**
     * Every connection to the mirror: read-only (the server never writes, and PostgreSQL refuses
     * if it tried), with the statement timeout, without row values in errors, and with pg_trgm's
     * schema on the search path wherever the mirror's database has it.
     *
     * <p>Two planner settings suit a server answering many small searches at once on a small host.
     * No parallel workers: a worker takes a core that the next request needs: at scale 0.1, on a busy
     * machine, a listing filtered by format took 250 to 350 ms as a parallel plan, 15 to 25 ms as a
     * plain one. Custom plans always: a search's cost depends on its values (a tag on a third of
     * the groups or on ten), and a prepared statement's generic plan, which PostgreSQL may settle
     * on after five runs, plans for an average value; searches are planned per request anyway.
     */
    @Bean
    static BeanPostProcessor herdServeReadOnlyConnections(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource ds) {
                    long timeout = environment.getProperty("herd.serve.statement-timeout", java.time.Duration.class,
                            java.time.Duration.ofSeconds(5)).toMillis();
                    ds.setReadOnly(true);
                    ds.addDataSourceProperty("logServerErrorDetail", "false");
                    ds.addDataSourceProperty("options", "-c statement_timeout=" + timeout
                            + " -c default_transaction_read_only=on -c max_parallel_workers_per_gather=0"
                            + " -c plan_cache_mode=force_custom_plan");
                    ds.setConnectionInitSql("SELECT set_config('search_path', 'herd,' || coalesce((SELECT quote_ident("
                            + "n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                            + " WHERE e.extname = 'pg_trgm'), 'public'), false)");
                    if (ds.getPoolName() == null) {
                        ds.setPoolName("herd-serve");
                    }
                }
                return bean;
            }
        };
    }

    /** Fails start-up when the database lacks the schema this server reads. */
    @Bean
    MirrorSchemaChecked mirrorSchemaChecked(DataSource dataSource, Environment environment) {
        MirrorSchema.check(dataSource, environment.getProperty("spring.datasource.url", "(the data source)"));
        return new MirrorSchemaChecked();
    }

    /** Marker: the schema was checked. */
    public static final class MirrorSchemaChecked {
    }

    @Bean
    Origins origins(JdbcTemplate jdbc, MirrorSchemaChecked checked) {
        return new Origins(jdbc);
    }

    @Bean
    Groups groups(JdbcTemplate jdbc) {
        return new Groups(jdbc);
    }

    @Bean
    Artists artists(JdbcTemplate jdbc) {
        return new Artists(jdbc);
    }

    @Bean
    Users users(JdbcTemplate jdbc) {
        return new Users(jdbc);
    }

    @Bean
    Requests requests(JdbcTemplate jdbc) {
        return new Requests(jdbc);
    }

    @Bean
    Collages collages(JdbcTemplate jdbc) {
        return new Collages(jdbc);
    }

    @Bean
    Comments comments(JdbcTemplate jdbc) {
        return new Comments(jdbc);
    }

    @Bean
    Forums forums(JdbcTemplate jdbc) {
        return new Forums(jdbc);
    }

    @Bean
    org.herd.serve.status.MirrorStatus mirrorStatus(JdbcTemplate jdbc, MirrorSchemaChecked checked) {
        return new org.herd.serve.status.MirrorStatus(jdbc, new org.herd.serve.status.TrustStatus(jdbc),
                Clock.systemUTC());
    }

    @Bean
    Top10 top10(JdbcTemplate jdbc) {
        return new Top10(jdbc);
    }

    @Bean
    Search search(JdbcTemplate jdbc, ServeProperties properties, MirrorSchemaChecked checked) {
        return new Search(jdbc, properties.maxResults(), properties.searchCache());
    }

    @Bean
    Scope scope(Origins origins, ServeProperties properties) {
        return new Scope(origins, properties.defaultOrigin());
    }

    @Bean
    CatalogueApi catalogueApi(Scope scope, Groups groups, Artists artists, Requests requests, Collages collages,
            Top10 top10, Users users, Search search, ServeProperties properties) {
        return new CatalogueApi(scope, groups, artists, requests, collages, top10, users, search, properties);
    }

    @Bean
    CommunityApi communityApi(Scope scope, Requests requests, Comments comments, Forums forums, Groups groups,
            Users users, ServeProperties properties) {
        return new CommunityApi(scope, requests, comments, forums, groups, users, properties);
    }

    @Bean
    org.herd.serve.site.Pages pages() {
        return new org.herd.serve.site.Pages();
    }

    @Bean
    Sessions sessions(ServeProperties properties) {
        return new Sessions(properties.readTokens(), properties.sessionLifetime(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<Gate> herdServeGate(Sessions sessions, ServeProperties properties) {
        ServeProperties.RateLimit api = properties.rateLimit();
        ServeProperties.RateLimit site = properties.siteRateLimit().limit();
        Gate gate = new Gate(sessions,
                api.enabled() ? new RateLimiter(api.requests(), api.window(), System::nanoTime) : null,
                site.enabled() ? new RateLimiter(site.requests(), site.window(), System::nanoTime) : null);
        FilterRegistrationBean<Gate> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
