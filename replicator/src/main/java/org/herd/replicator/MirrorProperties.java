package org.herd.replicator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.herd.kafka.KafkaConnection;
import org.herd.translator.wire.TopicNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of one mirror: which origin it follows, where the stream comes from and where
 * the copy goes. The PostgreSQL server comes from {@code spring.datasource.*} unless
 * {@code herd.mirror.embedded-postgres.enabled} is set.
 *
 * @param origin            Name of the Gazelle site this mirror follows, as the sidecar publishes it
 *                          (lower case letters, digits, '_' and '-', at most 63 characters).
 *                          Records from any other origin are refused.
 * @param topicPrefix       Prefix of the topics to consume: one topic per entity, named prefix.entity
 *                          (e.g. herd.site.artist). Defaults to herd. followed by the origin.
 * @param kafka             Kafka connection.
 * @param batchSize         Most records applied in one PostgreSQL transaction (the consumer's
 *                          max.poll.records).
 * @param pollTimeout       How long one poll waits for records before the loop checks whether it
 *                          should stop.
 * @param embeddedPostgres  Embedded PostgreSQL, for a mirror host without a database server.
 * @param trust             Verification of the origin's signatures.
 */
@ConfigurationProperties("herd.mirror")
@Validated
public record MirrorProperties(
        @NotBlank(message = "herd.mirror.origin is required")
        @Pattern(regexp = ORIGIN_PATTERN, message = "herd.mirror.origin must match " + ORIGIN_PATTERN) String origin,
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "herd.mirror.topic-prefix must be a Kafka topic name prefix (letters, digits, '.', '_', '-')")
        String topicPrefix,
        @NotNull @Valid @DefaultValue Kafka kafka,
        @DefaultValue("2000") @Min(value = 1, message = "herd.mirror.batch-size must be at least 1") int batchSize,
        @DefaultValue("500ms") @NotNull Duration pollTimeout,
        @NotNull @Valid @DefaultValue EmbeddedPostgres embeddedPostgres,
        @NotNull @Valid @DefaultValue Trust trust) {

    /** The same configuration with the consumer group the mirror actually uses. */
    public MirrorProperties withGroupId(String groupId) {
        return new MirrorProperties(origin, topicPrefix, new Kafka(kafka.bootstrapServers(), groupId,
                kafka.properties()), batchSize, pollTimeout, embeddedPostgres, trust);
    }

    /** What an origin name may look like; it becomes part of topic names and of every row's key. */
    public static final String ORIGIN_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";

    public MirrorProperties {
        if ((topicPrefix == null || topicPrefix.isBlank()) && origin != null) {
            topicPrefix = TopicNames.defaultPrefix(origin);
        }
    }

    /**
     * Kafka connection of the mirror.
     *
     * @param bootstrapServers Kafka bootstrap servers, host:port[,host:port...].
     * @param groupId          Consumer group id. Every mirror reading the same cluster needs its own:
     *                         members of one group share the partitions between them. Defaults to
     *                         {@code herd-mirror-} and the first 13 characters of the identity the
     *                         mirror's database gets when it is created, which no other mirror has.
     * @param properties       Further Kafka client properties passed to the consumer as they are,
     *                         e.g. security.protocol and sasl.jaas.config; secret values are never
     *                         logged.
     */
    public record Kafka(
            @NotBlank(message = "herd.mirror.kafka.bootstrap-servers is required") String bootstrapServers,
            String groupId,
            @DefaultValue Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            groupId = groupId == null || groupId.isBlank() ? null : groupId;
        }

        /** The brokers and client properties of the mirror's consumer. */
        public KafkaConnection connection() {
            return new KafkaConnection(bootstrapServers, properties);
        }

        @Override
        public String toString() {
            return "Kafka[" + (bootstrapServers == null ? "" : connection().describe()) + ", groupId=" + groupId + "]";
        }
    }

    /**
     * An embedded PostgreSQL server that keeps its data directory across restarts.
     *
     * @param enabled   Whether to start an embedded PostgreSQL server and use it instead of
     *                  spring.datasource.*.
     * @param directory Data directory of the embedded server; required when enabled. Created on
     *                  the first start, reused afterwards.
     * @param port      TCP port of the embedded server on 127.0.0.1; 0 picks a free one. Only 0 is
     *                  supported for now.
     */
    public record EmbeddedPostgres(
            @DefaultValue("false") boolean enabled,
            Path directory,
            @DefaultValue("0") @Min(0) @jakarta.validation.constraints.Max(65535) int port) {

        /** Bean validation of the one rule that spans two properties. */
        @AssertTrue(message = "herd.mirror.embedded-postgres.directory is required when "
                + "herd.mirror.embedded-postgres.enabled is true")
        public boolean isDirectoryGivenWhenEnabled() {
            return !enabled || directory != null;
        }

        /** The embedded server picks its port itself until it can be told one. */
        @AssertTrue(message = "herd.mirror.embedded-postgres.port: a fixed port is not supported yet, leave it 0")
        public boolean isPortFree() {
            return port == 0;
        }
    }

    /**
     * Verification of the origin's signatures (docs/trust.md, "At the mirror").
     *
     * @param verify             Whether the mirror applies only records whose signature verifies against
     *                           the origin's trust root. On unless set to false explicitly; a mirror
     *                           that does not verify applies whatever arrives, warns at start-up and
     *                           herd mirror status says verification OFF.
     * @param rootFile           The origin's trust root file, obtained out of band from the origin or
     *                           its trustees. Required unless herd.mirror.trust.verify is false. The
     *                           mirror keeps every root it accepts in herd.trust_root and follows newer
     *                           versions from the topic prefix._trust; a file older than the root it
     *                           holds is ignored (a rollback is refused).
     * @param expiryWarning      How long before the trust root expires the mirror starts warning in
     *                           its log.
     * @param checkpointInterval Least time between two comparisons of the mirror with the origin's
     *                           latest signed checkpoint; each reads the fingerprint of every live row.
     */
    public record Trust(
            @DefaultValue("true") boolean verify,
            Path rootFile,
            @DefaultValue("30d") @NotNull Duration expiryWarning,
            @DefaultValue("30s") @NotNull Duration checkpointInterval) {

        /** A mirror that does not verify: only for tests and for mirrors of a sidecar that does not sign. */
        public static Trust off() {
            return new Trust(false, null, Duration.ofDays(30), Duration.ofSeconds(30));
        }

        /** Bean validation of the one rule that spans two properties. */
        @AssertTrue(message = "herd.mirror.trust.root-file is required: the origin's trust root, obtained out of "
                + "band; to run a mirror that does not verify the origin's signatures, set "
                + "herd.mirror.trust.verify=false explicitly")
        public boolean isRootFileGivenWhenVerifying() {
            return !verify || rootFile != null;
        }

        @AssertTrue(message = "herd.mirror.trust.expiry-warning must not be negative")
        public boolean isExpiryWarningValid() {
            return expiryWarning == null || !expiryWarning.isNegative();
        }

        @AssertTrue(message = "herd.mirror.trust.checkpoint-interval must be positive")
        public boolean isCheckpointIntervalValid() {
            return checkpointInterval == null || !(checkpointInterval.isNegative() || checkpointInterval.isZero());
        }
    }
}
