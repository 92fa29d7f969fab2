package org.herd.replicator;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.herd.testkit.TestRecords;
import org.herd.translator.NeutralRecord;
import org.herd.trust.OriginSigner;
import org.herd.trust.SignedRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What verification costs a mirror, printed for docs/benchmarks.md and never asserted: the time
 * to verify one record (in-process, the triage with and without verification), and the apply rate
 * of a mirror that verifies and of one that does not, each reading the same topic of 100,000 signed
 * records into its own database. One run each; the machine's load average is printed with them.
 * Runs only when asked: {@code -Dherd.measure=true}.
 */
@EnabledIfSystemProperty(named = "herd.measure", matches = "true")
class MirrorVerificationCostIT {

    private static final int RECORDS = 100_000;
    private static final int BATCH = 1_024;

    @TempDir
    Path dir;

    @Test
    void verificationCostAndApplyRateWithAndWithoutIt() throws Exception {
        try (MirrorHarness verifying = new MirrorHarness(ItServers.kafka(), ItServers.postgres(), "cost")) {
            SignedRoot root = SignedTestRecords.rootV1(verifying.origin);
            verifying.withTopics(1).withTrust(SignedTestRecords.write(dir, "root.json", root));
            OriginSigner signer = SignedTestRecords.signer(verifying.origin, 1);
            List<SignedTestRecords.Signed> signed = new ArrayList<>(RECORDS);
            for (int from = 0; from < RECORDS; from += BATCH) {
                List<NeutralRecord> batch = new ArrayList<>();
                for (int i = from; i < Math.min(RECORDS, from + BATCH); i++) {
                    batch.add(TestRecords.artist(verifying.origin, i + 1, "Artist " + (i + 1), TestRecords.at(4 + i)));
                }
                signed.addAll(SignedTestRecords.sign(verifying.prefix, signer, batch));
            }

            MirrorTrust trust = MirrorTrust.start(verifying.origin, root.toFileBytes(), "root.json", List.of(),
                    Instant.now(), Duration.ofDays(30)).trust();
            RecordTriage on = new RecordTriage(verifying.origin, new MirrorTopics(verifying.prefix), trust);
            RecordTriage off = new RecordTriage(verifying.origin, new MirrorTopics(verifying.prefix));
            double verifyOnly = perRecordMicros(() -> {
                for (int i = 0; i < signed.size(); i++) {
                    SignedTestRecords.Signed s = signed.get(i);
                    trust.verifier().verifyRecord(s.key(), s.value(), StoredSignature.collect(s.headers()));
                }
            });
            double triageOn = perRecordMicros(() -> triageAll(on, signed));
            double triageOff = perRecordMicros(() -> triageAll(off, signed));
            System.out.printf("MEASURE verification per record: OriginVerifier.verifyRecord %.1f us; triage with "
                    + "verification %.1f us, without %.1f us (%d records in batches of %d, load average %.2f)%n",
                    verifyOnly, triageOn, triageOff, RECORDS, BATCH, load());

            verifying.sendSigned(signed);
            try (MirrorHarness plain = verifying.sibling("costoff")) {
                report("verification on", verifying);
                report("verification off", plain);
            }
        }
    }

    private static void triageAll(RecordTriage triage, List<SignedTestRecords.Signed> signed) {
        for (int i = 0; i < signed.size(); i++) {
            triage.check(signed.get(i).consumerRecord(0, i));
        }
    }

    /** Microseconds per record of the second of two runs (the first warms the JIT up). */
    private static double perRecordMicros(Runnable run) {
        run.run();
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1000.0 / RECORDS;
    }

    /** Starts the mirror and times it from its first applied record to the last. */
    private static void report(String what, MirrorHarness h) {
        double loadBefore = load();
        h.startMirror();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> h.progress().applied() > 0);
        long first = System.nanoTime();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> h.progress().applied() == RECORDS);
        double seconds = (System.nanoTime() - first) / 1e9;
        System.out.printf("MEASURE apply, %s: %d records in %.1f s after the first, %.0f records/s (load average "
                + "%.2f before, %.2f after)%n", what, RECORDS, seconds, RECORDS / seconds, loadBefore, load());
        h.stopMirror();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
