package org.herd.replicator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.herd.trust.RootFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code <prefix>._trust}: offers every root read there to the mirror's {@link MirrorTrust},
 * keeps the outcome with the topic's offset, and when a root is accepted, verifies against it from
 * the next record on, without a restart. Then the roots that came too early ({@code version_gap})
 * are offered again, and the records refused for a key the new root may name are checked again
 * ({@link RejectRetriage}): a rotation needs no operator.
 *
 * <p>A refused root is logged once, with the wire name of its {@link RootFailure}, counted, and
 * kept in {@code herd.reject} (subject {@value RejectedRecord#TRUST_ROOT}). Expiry is warned of in
 * the log from herd.mirror.trust.expiry-warning before it, and daily after it; an expired root
 * stays the one verified against.
 */
public final class TrustRootFollower {

    private static final Logger log = LoggerFactory.getLogger(TrustRootFollower.class);

    /** How often a root about to expire, or expired, is warned of again. */
    static final Duration EXPIRY_REMINDER = Duration.ofDays(1);

    private final MirrorTrust trust;
    private final TrustRootStore store;
    private final RejectRetriage retriage;
    private final MirrorProgress progress;
    private final Clock clock;
    private final String groupId;
    private final String name;
    private Instant lastExpiryWarning;

    public TrustRootFollower(MirrorTrust trust, TrustRootStore store, RejectRetriage retriage, MirrorProgress progress,
            Clock clock, String groupId, String name) {
        this.trust = trust;
        this.store = store;
        this.retriage = retriage;
        this.progress = progress;
        this.clock = clock;
        this.groupId = groupId;
        this.name = name;
    }

    /**
     * Handles the trust topic's records of one poll, each in its own transaction with its offset.
     *
     * @return whether a new root was accepted
     */
    public boolean follow(List<ConsumerRecord<byte[], byte[]>> records) {
        boolean accepted = false;
        for (ConsumerRecord<byte[], byte[]> cr : records) {
            Map<TopicPartition, Long> offset = Map.of(new TopicPartition(cr.topic(), cr.partition()), cr.offset() + 1);
            MirrorTrust.Offer offer = trust.offer(cr.value() == null ? new byte[0] : cr.value(), cr.topic(),
                    cr.partition(), cr.offset(), clock.instant());
            switch (offer.outcome()) {
                case ACCEPTED -> {
                    store.store(offer.stored(), List.of(), List.of(), groupId, offset);
                    trust.accept(offer);
                    accepted = true;
                    log.info("mirror {}: {}; verifying against version {} from now on", name, offer.detail(),
                            offer.version());
                    settleWaiting();
                }
                case KNOWN, PREDATES -> {
                    store.store(null, List.of(), List.of(), groupId, offset);
                    log.debug("mirror {}: trust root at {} offset {}: {}", name, cr.topic(), cr.offset(), offer.detail());
                }
                case REFUSED -> {
                    RejectedRecord r = refusal(cr, offer);
                    store.store(null, List.of(r), List.of(), groupId, offset);
                    progress.recordRejected(r);
                    log.warn("mirror {}: trust root refused, {}{}", name, r.describe(),
                            offer.failure() == RootFailure.VERSION_GAP ? "; offered again once the versions before it "
                                    + "are accepted" : "; still verifying against version " + trust.version());
                }
            }
        }
        if (accepted) {
            warnIfExpiring(true);
            retriage.run();
        }
        return accepted;
    }

    /** Offers again the roots that came before the version they follow, as long as one is accepted. */
    private void settleWaiting() {
        boolean progressMade = true;
        while (progressMade) {
            progressMade = false;
            for (TrustRootStore.WaitingRoot w : store.waiting()) {
                MirrorTrust.Offer offer = trust.offer(w.file(), w.topic(), w.partition(), w.offset(), clock.instant());
                if (offer.outcome() == MirrorTrust.OfferOutcome.ACCEPTED) {
                    store.store(offer.stored(), List.of(), List.of(w.id()), groupId, Map.of());
                    trust.accept(offer);
                    log.info("mirror {}: {}, which had come before the version it follows; verifying against "
                            + "version {} from now on", name, offer.detail(), offer.version());
                    progressMade = true;
                    break;
                }
            }
        }
    }

    private static RejectedRecord refusal(ConsumerRecord<byte[], byte[]> cr, MirrorTrust.Offer offer) {
        String key = cr.key() == null ? null : new String(cr.key(), StandardCharsets.UTF_8);
        return RejectedRecord.of(RejectedRecord.TRUST_ROOT, cr.topic(), cr.partition(), cr.offset(),
                offer.failure().wireName(), offer.version() < 0 || offer.detail().startsWith("version ")
                        ? offer.detail() : "version " + offer.version() + ": " + offer.detail(), null, key, null, null,
                cr.key(), cr.value(), null,
                offer.failure() == RootFailure.VERSION_GAP);
    }

    /**
     * Logs a warning when the root expires within herd.mirror.trust.expiry-warning or has expired:
     * at once when {@code now} is asked for (start-up, a new root), else at most once a day.
     */
    public void warnIfExpiring(boolean now) {
        if (!trust.verifying()) {
            return;
        }
        Instant at = clock.instant();
        String warning = trust.expiryWarning(at);
        if (warning == null) {
            lastExpiryWarning = null;
            return;
        }
        if (now || lastExpiryWarning == null
                || Duration.between(lastExpiryWarning, at).compareTo(EXPIRY_REMINDER) >= 0) {
            log.warn("mirror {}: {}", name, warning);
            lastExpiryWarning = at;
        }
    }
}
