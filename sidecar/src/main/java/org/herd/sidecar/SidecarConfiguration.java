package org.herd.sidecar;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.herd.sidecar.capture.CaptureEngine;
import org.herd.sidecar.capture.DdlParserWarmUp;
import org.herd.sidecar.capture.DebeziumConfig;
import org.herd.sidecar.capture.SchemaOnlySnapshot;
import org.herd.sidecar.snapshot.InitialSnapshot;
import org.herd.sidecar.state.StoredOffset;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.lookup.SourceLookup;
import org.herd.sidecar.lookup.SourceLookups;
import org.herd.sidecar.publish.ChangePipeline;
import org.herd.sidecar.publish.ScrubMetrics;
import org.herd.sidecar.publish.TopicSetup;
import org.herd.sidecar.source.SourceInspection;
import org.herd.sidecar.source.SidecarTranslator;
import org.herd.sidecar.source.SourceJdbc;
import org.herd.sidecar.state.CaptureStart;
import org.herd.sidecar.state.ScrubFingerprints;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.sidecar.trust.Checkpointer;
import org.herd.sidecar.trust.SidecarSigning;
import org.herd.translator.Translator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SidecarProperties.class, org.herd.sidecar.config.SidecarManagementProperties.class})
class SidecarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SidecarConfiguration.class);

    /** Reads the source's information_schema once at start-up; settles the Gazelle variant. */
    @Bean
    SourceInspection sourceInspection(SidecarProperties properties, SecretMasker masker) {
        return SourceInspection.inspect(properties, masker);
    }

    @Bean
    Translator translator(SidecarProperties properties, SourceInspection inspection, SecretMasker masker) {
        return SidecarTranslator.create(properties, inspection, masker);
    }

    /** Reads and checks the origin key and trust root once at start-up; refuses to start on a mismatch. */
    @Bean
    SidecarSigning sidecarSigning(SidecarProperties properties) {
        return SidecarSigning.load(properties, java.time.Instant.now());
    }

    @Bean
    SecretMasker secretMasker(SidecarProperties properties) {
        return new SecretMasker(properties);
    }

    @Bean
    SidecarProgress sidecarProgress() {
        return new SidecarProgress();
    }

    /** The progress as meters, which the actuator's registry binds (Prometheus: /actuator/prometheus). */
    @Bean
    SidecarMetrics sidecarMetrics(SidecarProgress progress, SidecarProperties properties, SidecarSigning signing) {
        return new SidecarMetrics(progress, properties.origin(), signing);
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> herdProducer(SidecarProperties properties) {
        // Idempotent with acks=all (KafkaConnection): a record counts as published only once every
        // in-sync replica has it. Every Debezium batch ends with a flush, which sends whatever
        // lingers at once; so the linger never delays a change, and a long one lets the records of
        // a batch fill whole producer batches (one compression buffer, one request each) instead
        // of being cut into small ones every few milliseconds while the batch is still being
        // translated. The operator's properties may change these defaults.
        return new KafkaProducer<>(properties.kafka().connection().producer("herd-sidecar-" + properties.origin(),
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 1000,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSetup.MAX_RECORD_BYTES)));
    }

    @Bean
    SidecarLifecycle sidecarLifecycle(SidecarProperties properties, Translator translator,
            Producer<byte[], byte[]> producer, SidecarProgress progress, SecretMasker masker,
            SourceInspection inspection, SidecarSigning signing,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        // Quarantined row changes also count in the herd.quarantined metric, text-scrub findings in herd.scrubbed.
        io.micrometer.core.instrument.MeterRegistry registry =
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        ScrubMetrics scrubMetrics = new ScrubMetrics(new org.herd.sidecar.publish.QuarantineMetrics(progress, registry,
                properties.origin()), registry, properties.origin());
        return new SidecarLifecycle(properties, translator, producer, progress, scrubMetrics, masker, inspection,
                signing);
    }

    /** Creates the topics, then starts capture; stops capture before the producer closes. */
    static final class SidecarLifecycle implements SmartLifecycle {

        private final SidecarProperties properties;
        private final Translator translator;
        private final Producer<byte[], byte[]> producer;
        private final SidecarProgress progress;
        private final ScrubMetrics listener;
        private final SecretMasker masker;
        private final SourceInspection inspection;
        private final SidecarSigning signing;
        private CaptureEngine engine;
        private SourceLookup lookup;
        private Checkpointer checkpointer;
        private java.util.concurrent.ScheduledExecutorService scrubLog;

        SidecarLifecycle(SidecarProperties properties, Translator translator, Producer<byte[], byte[]> producer,
                SidecarProgress progress, ScrubMetrics listener, SecretMasker masker,
                SourceInspection inspection, SidecarSigning signing) {
            this.properties = properties;
            this.translator = translator;
            this.producer = producer;
            this.progress = progress;
            this.listener = listener;
            this.masker = masker;
            this.inspection = inspection;
            this.signing = signing;
        }

        @Override
        public void start() {
            // Checked before any server is touched: a wrong name stops start-up naming it.
            Map<String, List<String>> captured = DebeziumConfig.capturedColumns(properties,
                    translator.capturedColumns());
            try (Admin admin = Admin.create(properties.kafka().connection().admin())) {
                TopicSetup.ensureTopics(admin, properties.topicPrefix(), properties.kafka().partitions(),
                        properties.kafka().replicationFactor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
            Properties debezium = DebeziumConfig.build(properties, translator.capturedColumns());
            // The report lists what the variant maps; the operator's exclusions are logged below it.
            String report = inspection.report(properties, translator.capturedColumns());
            if (inspection.hasWarnings(translator.capturedColumns())) {
                log.warn("{}", report);
            } else {
                log.info("{}", report);
            }
            log.info("Capturing {} tables of {}:{}/{} as origin '{}' ({}) into topics {}.* on Kafka {}",
                    captured.size(), properties.source().host(), properties.source().port(),
                    properties.source().database(), properties.origin(), inspection.variant(),
                    properties.topicPrefix(), properties.kafka().connection().describe());
            int carried = translator.settings().users().carriedCount();
            log.info("Privacy: users {}{}, info_hash {}", properties.privacy().users(),
                    carried == 0 ? "" : " (" + carried + " pseudonyms carried over from the site this one was rebuilt from)",
                    properties.privacy().infoHash() ? "published" : "kept home");
            log.info("Privacy: {}", translator.settings().scrub().describe());
            if (!properties.excludeTables().isEmpty()) {
                log.info("Left out by herd.sidecar.exclude-tables: {}", properties.excludeTables());
            }
            try {
                progress.snapshot().expect(org.herd.sidecar.source.SourceTableSizes.estimate(properties,
                        captured.keySet()).orElse(-1));
            } catch (java.sql.SQLException e) {
                log.info("No estimate of the snapshot's size: reading information_schema.TABLES failed: {}",
                        masker.mask(e.getMessage()));
            }
            CaptureStart.Prepared prepared;
            try {
                prepared = CaptureStart.prepare(properties, captured.keySet(), producer, progress, masker, signing,
                        ScrubFingerprints.of(translator.settings().scrub(),
                                GazelleCatalogue.of(inspection.variant()).freeTextColumns(), captured.keySet()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing capture", e);
            }
            if (signing.signs()) {
                checkpointer = new Checkpointer(signing, producer, properties.topicPrefix(), java.time.Clock.systemUTC());
                checkpointer.rebuild(properties.kafka().connection(), properties.topicPrefix(),
                        prepared.epochSnapshotDone());
                checkpointer.start();
            }
            lookup = SourceLookups.forSource(properties, translator);
            ChangePipeline pipeline = ChangePipeline.create(translator, lookup, producer, properties.topicPrefix(),
                    listener, signing, checkpointer == null ? org.herd.sidecar.publish.Acknowledgements.NONE
                            : checkpointer);
            engine = new CaptureEngine(debezium, pipeline, properties.restartDelay(), masker,
                    prepared.initialSnapshot() ? initialSnapshot(captured, debezium, pipeline) : null);
            engine.start();
            long every = properties.privacy().text().logInterval().toMillis();
            scrubLog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "herd-scrub-log");
                t.setDaemon(true);
                return t;
            });
            scrubLog.scheduleAtFixedRate(this::logScrubbed, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /**
         * The sidecar's own initial snapshot, or null when Debezium takes it (configured so, or the
         * sidecar cannot read this source as Debezium would: the log says why).
         */
        private CaptureEngine.FirstStep initialSnapshot(Map<String, List<String>> captured, Properties debezium,
                ChangePipeline pipeline) {
            if (properties.initialSnapshot() != SidecarProperties.InitialSnapshotReader.SIDECAR) {
                log.info("Initial snapshot: read by Debezium (herd.sidecar.initial-snapshot=DEBEZIUM)");
                return null;
            }
            InitialSnapshot snapshot = new InitialSnapshot(properties, captured, signing.epoch(), masker);
            java.util.Optional<String> unavailable = snapshot.unavailable();
            if (unavailable.isPresent()) {
                log.info("Initial snapshot: read by Debezium, because {}", unavailable.get());
                return null;
            }
            log.info("Initial snapshot: read by the sidecar in one consistent read; Debezium streams from its position");
            SchemaOnlySnapshot schema = new SchemaOnlySnapshot(debezium, masker, java.time.Duration.ofMinutes(5),
                    new DdlParserWarmUp(() -> SourceJdbc.connect(properties), properties.source().database(),
                            properties.source().connector(), masker));
            InitialSnapshot.Sink sink = new InitialSnapshot.Sink() {
                @Override
                public void row(org.herd.translator.RowChange row) {
                    pipeline.publishRead(row);
                }

                @Override
                public void acknowledged() throws InterruptedException {
                    pipeline.acknowledgeRead();
                }

                @Override
                public void completed() {
                    pipeline.snapshotCompleted();
                }
            };
            InitialSnapshot.OffsetStore offsets = position -> StoredOffset.store(producer,
                    DebeziumConfig.offsetsTopic(properties), DebeziumConfig.connectorName(properties),
                    properties.origin(), position.file(), position.pos(), position.gtids());
            return () -> snapshot.run(schema, sink, offsets);
        }

        /** The text scrub's findings since the last line: counts per table, column and rule, never the text. */
        private void logScrubbed() {
            String line = listener.drainLine();
            if (line != null) {
                log.info("Text scrubbing since the last line: {}", line);
            }
        }

        @Override
        public void stop() {
            if (engine != null) {
                engine.close();
            }
            if (scrubLog != null) {
                scrubLog.shutdownNow();
                logScrubbed();
            }
            if (checkpointer != null) {
                // After capture: the last records acknowledged are in the last checkpoint.
                checkpointer.close();
            }
            if (lookup != null) {
                lookup.close();
            }
        }

        @Override
        public boolean isRunning() {
            return engine != null && engine.isRunning();
        }
    }
}
