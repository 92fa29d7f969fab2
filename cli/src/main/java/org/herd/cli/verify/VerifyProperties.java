package org.herd.cli.verify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of {@code herd verify} beyond the sidecar's own, under {@code herd.verify}.
 *
 * @param mirror       the mirror's PostgreSQL
 * @param chunkSize    key values per chunk (of an entity's first integer key field)
 * @param rechecks     how often differences are read again before they count
 * @param recheckDelay pause before each re-check
 * @param keysShown    keys the report names per entity and kind
 * @param maxKeys      keys per entity held for re-checks and repair
 */
@Validated
@ConfigurationProperties("herd.verify")
public record VerifyProperties(
        @Valid @NotNull(message = "herd.verify.mirror.url is required") Mirror mirror,
        @DefaultValue("1000") @Min(value = 1, message = "herd.verify.chunk-size must be at least 1") long chunkSize,
        @DefaultValue("3") @Min(value = 0, message = "herd.verify.rechecks must be 0 to 100")
        @Max(value = 100, message = "herd.verify.rechecks must be 0 to 100") int rechecks,
        @DefaultValue("5s") @NotNull Duration recheckDelay,
        @DefaultValue("20") @Min(value = 0, message = "herd.verify.keys-shown must not be negative") int keysShown,
        @DefaultValue("100000") @Min(value = 1, message = "herd.verify.max-keys must be at least 1") int maxKeys) {

    /**
     * The mirror's PostgreSQL.
     *
     * @param url      JDBC URL, {@code jdbc:postgresql://host:5432/db}
     * @param user     user; reading {@code herd.*} is enough
     * @param password its password; never printed
     */
    public record Mirror(
            @NotBlank(message = "herd.verify.mirror.url is required") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password) {

        @Override
        public String toString() {
            return "Mirror[url=" + url + ", user=" + user + ", password=****]";
        }
    }
}
