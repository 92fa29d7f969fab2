package org.herd.serve;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of a mirror's web server: the Gazelle JSON API ({@code ajax.php}) and the site. The
 * mirror's PostgreSQL comes from {@code spring.datasource.*}; it is only read.
 *
 * @param port             TCP port of the web server.
 * @param siteName         Name the site shows in its title and header.
 * @param readTokens       Tokens that give access. None (the default): the mirror is open, and
 *                         login.php accepts any credentials. Some: the API and the site answer only
 *                         requests with an "Authorization: token T" header naming one of them, or a
 *                         session from login.php with one of them as password. Never printed.
 * @param sessionLifetime  How long a session cookie from login.php stays valid. Sessions are signed
 *                         with a key made at start-up, so a restart ends them all.
 * @param defaultOrigin    Origin an API request means when it names an id but no origin= and the
 *                         mirror holds several origins. Unset: an id found in one origin only is
 *                         that one; an id found in several is refused, naming them.
 * @param rateLimit        Limit on ajax.php requests per client (remote address), as Gazelle's
 *                         5 requests per 10 seconds. action=index is not limited, as on Gazelle.
 * @param siteRateLimit    Limit on site pages per client (remote address).
 * @param statementTimeout Longest any query may run; a longer one is cancelled by PostgreSQL and the
 *                         request answered with a failure.
 * @param maxSearchLength  Longest text a search parameter (searchstr, artistname, taglist, ...) may
 *                         be, in characters; a longer one is refused.
 * @param maxResults       Most matches a search counts, pages through and counts facets over (the
 *                         first ones in the search's order); Gazelle's search stops there too, at
 *                         its SPHINX_MAX_MATCHES of 1,000 (20 pages) by default, which is this
 *                         default. pages = ceil(min(matches, this) / 50). Counting is what a search
 *                         with many matches spends its time on: at scale 0.1 a listing filtered by
 *                         format read 80,000 index pages to count 10,000 matches, 2,400 for 1,000.
 * @param maxPage          Highest page number a paged list accepts; a higher one is refused.
 * @param searchCache      How long identical searches share one answer; 0 turns the cache off.
 */
@ConfigurationProperties("herd.serve")
@Validated
public record ServeProperties(
        @DefaultValue("8080") @Min(value = 0, message = "herd.serve.port must be 0 to 65535")
        @Max(value = 65535, message = "herd.serve.port must be 0 to 65535") int port,
        @DefaultValue("Herd mirror") @NotBlank(message = "herd.serve.site-name must not be blank") String siteName,
        @DefaultValue List<@NotBlank(message = "herd.serve.read-tokens must not contain a blank token") String> readTokens,
        @DefaultValue("30d") @NotNull Duration sessionLifetime,
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "herd.serve.default-origin must be an origin name "
                + "(lower case letters, digits, '_' and '-')") String defaultOrigin,
        @NotNull @Valid @DefaultValue RateLimit rateLimit,
        @NotNull @Valid @DefaultValue SiteRateLimit siteRateLimit,
        @DefaultValue("5s") @NotNull Duration statementTimeout,
        @DefaultValue("500") @Min(value = 1, message = "herd.serve.max-search-length must be at least 1")
        @Max(value = 10_000, message = "herd.serve.max-search-length must be at most 10000") int maxSearchLength,
        @DefaultValue("1000") @Min(value = 50, message = "herd.serve.max-results must be at least 50")
        @Max(value = 1_000_000, message = "herd.serve.max-results must be at most 1000000") int maxResults,
        @DefaultValue("100000") @Min(value = 1, message = "herd.serve.max-page must be at least 1") int maxPage,
        @DefaultValue("30s") @NotNull Duration searchCache) {

    /** Gazelle's page size (TORRENTS_PER_PAGE, REQUESTS_PER_PAGE); fixed, as clients assume it. */
    public static final int PAGE_SIZE = 50;

    public ServeProperties {
        readTokens = readTokens == null ? List.of() : List.copyOf(readTokens);
    }

    /** Whether requests must show a token or a session. */
    public boolean closed() {
        return !readTokens.isEmpty();
    }

    @AssertTrue(message = "herd.serve.statement-timeout must be between 100ms and 10m")
    public boolean isStatementTimeoutSane() {
        return statementTimeout == null
                || (statementTimeout.toMillis() >= 100 && statementTimeout.compareTo(Duration.ofMinutes(10)) <= 0);
    }

    @AssertTrue(message = "herd.serve.search-cache must be between 0 and 1h")
    public boolean isSearchCacheSane() {
        return searchCache == null || (!searchCache.isNegative() && searchCache.compareTo(Duration.ofHours(1)) <= 0);
    }

    @AssertTrue(message = "herd.serve.session-lifetime must be between 1m and 365d")
    public boolean isSessionLifetimeSane() {
        return sessionLifetime == null
                || (sessionLifetime.compareTo(Duration.ofMinutes(1)) >= 0
                        && sessionLifetime.compareTo(Duration.ofDays(365)) <= 0);
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "ServeProperties[port=" + port + ", siteName=" + siteName + ", readTokens="
                + (readTokens.isEmpty() ? "none" : readTokens.size() + " (****)") + ", defaultOrigin=" + defaultOrigin
                + ", rateLimit=" + rateLimit + ", siteRateLimit=" + siteRateLimit + ", statementTimeout="
                + statementTimeout + ", maxSearchLength=" + maxSearchLength + ", maxResults=" + maxResults
                + ", maxPage=" + maxPage + ", searchCache=" + searchCache + "]";
    }

    /**
     * A limit of requests per client and window: the first request opens a window, and within it at
     * most {@code requests} are answered; more get HTTP 429 until the window ends.
     *
     * @param enabled  Whether the limit applies.
     * @param requests Requests a client may make per window.
     * @param window   Length of a window.
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") @Min(value = 1, message = "herd.serve.rate-limit.requests must be at least 1") int requests,
            @DefaultValue("10s") @NotNull Duration window) {

        @AssertTrue(message = "herd.serve.rate-limit.window must be between 1s and 1h")
        public boolean isWindowSane() {
            return window == null || (window.toMillis() >= 1000 && window.compareTo(Duration.ofHours(1)) <= 0);
        }
    }

    /**
     * The limit on site pages, with its own defaults: a person reading pages makes more requests
     * than a script is allowed on ajax.php.
     *
     * @param enabled  Whether the limit applies.
     * @param requests Pages a client may request per window.
     * @param window   Length of a window.
     */
    public record SiteRateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60") @Min(value = 1, message = "herd.serve.site-rate-limit.requests must be at least 1")
            int requests,
            @DefaultValue("60s") @NotNull Duration window) {

        /** As a {@link RateLimit}. */
        public RateLimit limit() {
            return new RateLimit(enabled, requests, window);
        }

        @AssertTrue(message = "herd.serve.site-rate-limit.window must be between 1s and 1h")
        public boolean isWindowSane() {
            return window == null || (window.toMillis() >= 1000 && window.compareTo(Duration.ofHours(1)) <= 0);
        }
    }
}
