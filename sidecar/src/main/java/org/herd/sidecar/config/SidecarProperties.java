package org.herd.sidecar.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.herd.kafka.KafkaConnection;
import org.herd.translator.UserPolicy;
import org.herd.translator.UserReferences;
import org.herd.translator.scrub.BuiltInRule;
import org.herd.translator.scrub.ColumnTreatment;
import org.herd.translator.scrub.ScrubPolicy;
import org.herd.translator.wire.TopicNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the sidecar, under {@code herd.sidecar}. Every property can also be set as
 * an environment variable ({@code HERD_SIDECAR_SOURCE_HOST} for {@code herd.sidecar.source.host}).
 * Invalid values stop start-up with a message naming the property.
 *
 * @param origin       id of this Gazelle site, carried by every record and part of the topic
 *                     names; lower case letters, digits, '-' and '_'
 * @param variant      the Gazelle code base the site runs: AUTO (the default) detects it from the
 *                     source's information_schema at start-up, WHATCD or OPS names it
 * @param source       the Gazelle database
 * @param kafka        where records go
 * @param privacy      what the operator lets leave beyond the catalogue's public columns
 * @param debezium     extra Debezium connector properties, passed through as given (for
 *                     example {@code snapshot.mode} or {@code database.ssl.mode}); the
 *                     properties that decide what is captured cannot be set here
 * @param restartDelay how long to wait before restarting capture after a failure
 * @param excludeTables mapped Gazelle tables to leave out of the replicated set (default none);
 *                     checked against the variant's mapped tables at start-up. Removing a name
 *                     later onboards the table with an incremental snapshot.
 * @param onLostHistory what to do when the stored binlog position has been purged from the
 *                     server: RESNAPSHOT (the default) snapshots every replicated table again,
 *                     STOP refuses to start
 * @param trust        how the sidecar signs what it publishes
 * @param initialSnapshot who reads the snapshot of every captured table that capture begins with:
 *                     SIDECAR (the default) reads it itself in one consistent read and Debezium
 *                     streams from its position; DEBEZIUM has Debezium's snapshot read it row by
 *                     row. SIDECAR falls back to DEBEZIUM where it cannot read (MySQL, another
 *                     snapshot.mode, a column type it does not map), saying why
 */
@Validated
@ConfigurationProperties("herd.sidecar")
public record SidecarProperties(
        @NotNull(message = "herd.sidecar.origin is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "herd.sidecar.origin must be 1 to 63 lower case "
                + "letters, digits, '-' or '_', starting with a letter or digit")
        String origin,
        @DefaultValue("AUTO") @NotNull(message = "herd.sidecar.variant must be AUTO, WHATCD or OPS")
        VariantSetting variant,
        @Valid @NotNull(message = "herd.sidecar.source.* is required") Source source,
        @Valid @NotNull(message = "herd.sidecar.kafka.* is required") Kafka kafka,
        @Valid @DefaultValue Privacy privacy,
        @DefaultValue Map<String, String> debezium,
        @DefaultValue("5s") @NotNull Duration restartDelay,
        @DefaultValue List<String> excludeTables,
        @DefaultValue("RESNAPSHOT") @NotNull(message = "herd.sidecar.on-lost-history must be RESNAPSHOT or STOP")
        LostHistoryAction onLostHistory,
        @Valid @DefaultValue Trust trust,
        @DefaultValue("SIDECAR") @NotNull(message = "herd.sidecar.initial-snapshot must be SIDECAR or DEBEZIUM")
        InitialSnapshotReader initialSnapshot) {

    /** Who reads the initial snapshot. */
    public enum InitialSnapshotReader {
        /** The sidecar, in one consistent read; Debezium records the table definitions and streams. */
        SIDECAR,
        /** Debezium's snapshot, row by row as change events. */
        DEBEZIUM
    }

    /** What the sidecar does when its stored binlog position is no longer on the server. */
    public enum LostHistoryAction {
        /** Snapshot every replicated table again (Debezium's {@code when_needed}), then stream. */
        RESNAPSHOT,
        /** Refuse to start, naming the lost position, and leave the decision to the operator. */
        STOP
    }

    /**
     * Debezium properties that decide which tables and columns are captured, or where
     * offsets go: Herd derives them from its catalogue and refuses overrides, because an
     * override could widen what leaves the origin.
     */
    public static final Set<String> RESERVED_DEBEZIUM_KEYS = Set.of("connector.class", "table.include.list",
            "table.exclude.list", "column.include.list", "column.exclude.list", "database.include.list",
            "database.exclude.list", "column.mask.hash", "column.propagate.source.type", "message.key.columns",
            "offset.storage", "offset.storage.topic", "schema.history.internal",
            "schema.history.internal.kafka.topic", "topic.prefix", "snapshot.select.statement.overrides",
            "include.schema.changes", "read.only", "signal.enabled.channels", "signal.kafka.topic",
            "signal.kafka.bootstrap.servers");

    @AssertTrue(message = "herd.sidecar.debezium must not set connector.class, table/column/database include or exclude lists, "
            + "offset or schema history storage, topic.prefix, select overrides, include.schema.changes, read.only or "
            + "the signal channel: Herd derives them from its catalogue and runs read-only")
    public boolean isDebezium() {
        return debezium == null || debezium.keySet().stream()
                .noneMatch(k -> RESERVED_DEBEZIUM_KEYS.contains(k) || k.startsWith("column.mask."));
    }

    /** The topic prefix in effect. */
    public String topicPrefix() {
        return kafka.topicPrefix() == null || kafka.topicPrefix().isBlank()
                ? TopicNames.defaultPrefix(origin)
                : kafka.topicPrefix();
    }

    /**
     * The Gazelle database.
     *
     * @param connector the Debezium connector: MARIADB or MYSQL
     * @param host      database host
     * @param port      database port
     * @param database  the Gazelle schema (database) name
     * @param user      replication user (see docs/operator.md for the grants it needs)
     * @param password  its password; never logged
     * @param serverId  replication client id, unique among the server's replicas
     */
    public record Source(
            @DefaultValue("MARIADB") @NotNull SourceConnector connector,
            @NotBlank(message = "herd.sidecar.source.host is required") String host,
            @DefaultValue("3306") @Min(value = 1, message = "herd.sidecar.source.port must be 1 to 65535")
            @Max(value = 65535, message = "herd.sidecar.source.port must be 1 to 65535") int port,
            @NotBlank(message = "herd.sidecar.source.database is required") String database,
            @NotBlank(message = "herd.sidecar.source.user is required") String user,
            @DefaultValue("") String password,
            @DefaultValue("184054")
            @Min(value = 1, message = "herd.sidecar.source.server-id must be 1 to 4294967295")
            @Max(value = 4294967295L, message = "herd.sidecar.source.server-id must be 1 to 4294967295")
            long serverId) {

        @Override
        public String toString() {
            return "Source[connector=" + connector + ", host=" + host + ", port=" + port + ", database=" + database
                    + ", user=" + user + ", password=****, serverId=" + serverId + "]";
        }
    }

    /**
     * The operator's privacy choices. Everything not named here follows the catalogue: public
     * columns leave, nothing else does.
     *
     * @param users         how the authors of posts, comments, collages and requests appear:
     *                      NONE (not at all), PSEUDONYMOUS (a stable keyed hash of the user id)
     *                      or PUBLIC (user id, and id and name of every user)
     * @param pseudonymKey  the key of the pseudonym hash, at least 32 bytes (for example
     *                      {@code openssl rand -base64 32}); required under PSEUDONYMOUS, kept
     *                      at the origin, never logged. Changing it changes every pseudonym.
     * @param infoHash      whether {@code torrents.info_hash} is published (for magnet links);
     *                      it identifies the content on the site's tracker
     * @param carriedReferences on a site rebuilt from a mirror ({@code herd restore}): publish, for
     *                      the placeholder accounts the restore created, the pseudonyms the old
     *                      site published (table {@code herd_user_reference}), so that mirrors see
     *                      the same authors; PSEUDONYMOUS only
     * @param text          what becomes of secrets people write into public free text
     */
    public record Privacy(
            @DefaultValue("PSEUDONYMOUS") @NotNull UserPolicy users,
            String pseudonymKey,
            @DefaultValue("false") boolean infoHash,
            @DefaultValue("false") boolean carriedReferences,
            @Valid @DefaultValue Text text) {

        @ConstructorBinding
        public Privacy {
        }

        /** These choices with the default text scrubbing (every rule on, every free-text column scrubbed). */
        public Privacy(UserPolicy users, String pseudonymKey, boolean infoHash, boolean carriedReferences) {
            this(users, pseudonymKey, infoHash, carriedReferences, Text.defaults());
        }

        @AssertTrue(message = "herd.sidecar.privacy.carried-references applies only when herd.sidecar.privacy.users "
                + "is PSEUDONYMOUS")
        public boolean isCarriedReferencesPseudonymous() {
            return !carriedReferences || users == UserPolicy.PSEUDONYMOUS;
        }

        @AssertTrue(message = "herd.sidecar.privacy.pseudonym-key is required when herd.sidecar.privacy.users is "
                + "PSEUDONYMOUS, and must have at least 32 bytes")
        public boolean isPseudonymKey() {
            return users != UserPolicy.PSEUDONYMOUS || pseudonymKey != null
                    && pseudonymKey.getBytes(StandardCharsets.UTF_8).length >= UserReferences.MIN_KEY_BYTES;
        }

        /** The user policy with its key, as the translator takes it. */
        public UserReferences userReferences() {
            return switch (users) {
                case NONE -> UserReferences.none();
                case PUBLIC -> UserReferences.publicIds();
                case PSEUDONYMOUS -> UserReferences.pseudonymous(pseudonymKey.getBytes(StandardCharsets.UTF_8));
            };
        }

        @Override
        public String toString() {
            return "Privacy[users=" + users + ", pseudonymKey=" + (pseudonymKey == null ? "unset" : "****")
                    + ", infoHash=" + infoHash + ", carriedReferences=" + carriedReferences + ", text=" + text + "]";
        }
    }

    /**
     * Text scrubbing: secrets people write into the public free-text columns (descriptions,
     * comments, posts, bodies, rip logs) are replaced before a record leaves the origin (see
     * docs/privacy.md). Checked at start-up; an error names the property and never repeats a
     * pattern's expression.
     *
     * @param columns       per free-text column, {@code table.Column} as the catalogue spells it
     *                      (in brackets: {@code columns[torrents.Description]=drop}): {@code scrub}
     *                      (the default of every free-text column), {@code keep} (published as
     *                      stored) or {@code drop} (published as null)
     * @param disabledRules built-in rules to switch off: announce-url, key-parameter, origin-url,
     *                      email, ipv4, ipv6, home-directory; every rule is on by default
     * @param patterns      the operator's own patterns, token to RE2 expression
     *                      ({@code patterns.staff-host=intra\.example\.org}): matches become
     *                      {@code [staff-host]}; each must compile and must not match the empty
     *                      string
     * @param originHosts   the site's own host names, for the origin-url rule (keys in links to the
     *                      site); a subdomain of one counts too
     * @param logInterval   how often the sidecar logs what the scrub found since its last line, per
     *                      table, column and rule (counts only); nothing is logged when it found
     *                      nothing
     */
    public record Text(
            @DefaultValue Map<String, String> columns,
            @DefaultValue List<String> disabledRules,
            @DefaultValue Map<String, String> patterns,
            @DefaultValue List<String> originHosts,
            @DefaultValue("1m") @NotNull Duration logInterval) {

        static final String PREFIX = "herd.sidecar.privacy.text.";

        public Text {
            columns = Map.copyOf(columns);
            disabledRules = List.copyOf(disabledRules);
            patterns = Map.copyOf(patterns);
            originHosts = List.copyOf(originHosts);
            // Built once here so that a wrong value stops binding, naming its property.
            policy(columns, disabledRules, patterns, originHosts);
            if (logInterval != null && logInterval.toMillis() < 1000) {
                throw new IllegalArgumentException(PREFIX + "log-interval must be at least 1s");
            }
        }

        /** Every rule on, every free-text column scrubbed, no operator patterns or origin hosts. */
        public static Text defaults() {
            return new Text(Map.of(), List.of(), Map.of(), List.of(), Duration.ofMinutes(1));
        }

        /** The policy these properties describe, as the translator takes it. */
        public ScrubPolicy policy() {
            return policy(columns, disabledRules, patterns, originHosts);
        }

        private static ScrubPolicy policy(Map<String, String> columns, List<String> disabledRules,
                Map<String, String> patterns, List<String> originHosts) {
            ScrubPolicy.Builder b = ScrubPolicy.builder();
            new TreeMap<>(columns).forEach((key, treatment) -> {
                String property = PREFIX + "columns[" + key + "]";
                int dot = key.indexOf('.');
                if (dot <= 0 || dot == key.length() - 1) {
                    throw new IllegalArgumentException(property + ": a column is written table.Column, as the "
                            + "catalogue spells it");
                }
                try {
                    b.column(key.substring(0, dot), key.substring(dot + 1), ColumnTreatment.named(treatment));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(property + ": " + e.getMessage());
                }
            });
            for (String rule : disabledRules) {
                try {
                    b.disable(BuiltInRule.named(rule));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PREFIX + "disabled-rules: " + e.getMessage());
                }
            }
            new TreeMap<>(patterns).forEach((token, regex) -> {
                try {
                    b.pattern(token, regex == null ? "" : regex);
                } catch (IllegalArgumentException e) {
                    // OperatorPattern's message names the token and the error, never the expression.
                    throw new IllegalArgumentException(PREFIX + "patterns[" + token + "]: " + e.getMessage());
                }
            });
            originHosts.forEach(b::originHost);
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + (e.getMessage().contains("origin host") ? "origin-hosts"
                        : "columns") + ": " + e.getMessage());
            }
        }

        /** The policy's description: never a pattern's expression. */
        @Override
        public String toString() {
            return "Text[" + policy().describe() + ", logInterval=" + logInterval + "]";
        }
    }

    /**
     * Kafka.
     *
     * @param bootstrapServers    host:port list of brokers
     * @param topicPrefix         prefix of every topic; default {@code herd.<origin>}
     * @param partitions          partitions of each entity topic the sidecar creates
     * @param replicationFactor   replication factor of the topics the sidecar creates; -1 uses
     *                            the broker's default
     * @param properties          Kafka client properties of every Kafka client of the sidecar and of
     *                            the commands that read its configuration (security, for example:
     *                            see docs/configuration.md); secret values are never logged
     */
    public record Kafka(
            @NotBlank(message = "herd.sidecar.kafka.bootstrap-servers is required") String bootstrapServers,
            String topicPrefix,
            @DefaultValue("3")
            @Min(value = 1, message = "herd.sidecar.kafka.partitions must be 1 to 1000")
            @Max(value = 1000, message = "herd.sidecar.kafka.partitions must be 1 to 1000") int partitions,
            @DefaultValue("-1")
            @Min(value = -1, message = "herd.sidecar.kafka.replication-factor must be -1 (broker default) to 10")
            @Max(value = 10, message = "herd.sidecar.kafka.replication-factor must be -1 (broker default) to 10")
            short replicationFactor,
            @DefaultValue Map<String, String> properties) {

        /** The brokers and client properties every Kafka client of the sidecar uses. */
        public KafkaConnection connection() {
            return new KafkaConnection(bootstrapServers, properties);
        }

        @Override
        public String toString() {
            return "Kafka[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix + ", partitions="
                    + partitions + ", replicationFactor=" + replicationFactor + ", properties=" + properties.keySet()
                    + "]";
        }
    }

    /**
     * Signing: every record on an entity topic and every checkpoint is signed with the origin
     * key, which a trust root signed by the trustees names (see docs/trust.md). The files are
     * read, and their agreement with {@code herd.sidecar.origin} checked, at start-up.
     *
     * @param keyFile            the origin's Ed25519 private key, PKCS#8 PEM ({@code herd keys}),
     *                           readable by its owner only; required unless unsigned
     * @param rootFile           the signed trust root naming that key as an active origin key of
     *                           this origin; the key's epoch there is the sidecar's epoch; required
     *                           unless unsigned
     * @param checkpointInterval how often a signed checkpoint is published while records are
     *                           being published
     * @param batchSize          records per signature: the leaves of one Merkle tree, 1 to 1024
     * @param unsigned           publish without signatures, checkpoints or epoch (for sites not
     *                           yet migrated and tests that need it); mirrors that verify refuse
     *                           such records
     */
    public record Trust(
            Path keyFile,
            Path rootFile,
            @DefaultValue("5s") @NotNull Duration checkpointInterval,
            @DefaultValue("1024")
            @Min(value = 1, message = "herd.sidecar.trust.batch-size must be 1 to 1024")
            @Max(value = 1024, message = "herd.sidecar.trust.batch-size must be 1 to 1024") int batchSize,
            @DefaultValue("false") boolean unsigned) {

        @AssertTrue(message = "herd.sidecar.trust.key-file and herd.sidecar.trust.root-file are required: the sidecar "
                + "signs what it publishes (herd keys, herd trust init; docs/operator.md, \"Signing the stream\"), "
                + "unless herd.sidecar.trust.unsigned=true")
        public boolean isKeyAndRoot() {
            return unsigned || keyFile != null && rootFile != null;
        }

        @AssertTrue(message = "herd.sidecar.trust.checkpoint-interval must be at least 100ms")
        public boolean isCheckpointInterval() {
            return checkpointInterval == null || checkpointInterval.toMillis() >= 100;
        }
    }
}
