package org.herd.replicator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.herd.trust.OriginVerifier;
import org.herd.trust.RootFailure;
import org.herd.trust.RootUpdate;
import org.herd.trust.SignedRoot;
import org.herd.trust.TrustFormatException;
import org.herd.trust.TrustState;

/**
 * What a mirror trusts: whether it verifies at all, and if so the trust root it verifies against,
 * the roots it accepted before (its history) and the {@link OriginVerifier} made from the current
 * one. Decides, without touching the database, which root to start with and what to do with a root
 * read from {@code <prefix>._trust}; {@link TrustRootStore} keeps the outcome.
 *
 * <p>Read by the apply loop and, through {@link #verifier()}, by anything that verifies; changed
 * only by the apply loop, after the root it accepts is stored.
 */
public final class MirrorTrust {

    /**
     * A trust root the mirror accepted, as stored in {@code herd.trust_root}.
     *
     * @param file      the root file's bytes as received
     * @param source    {@code file} (pinned from herd.mirror.trust.root-file) or {@code topic}
     * @param topic     where it was read, when from the topic
     */
    public record StoredRoot(int version, byte[] file, Instant expires, String source, String topic, Integer partition,
            Long offset) {

        public static final String FILE = "file";
        public static final String TOPIC = "topic";

        SignedRoot parse() {
            return SignedRoot.parse(file);
        }
    }

    /** What to do with a root read from the topic. */
    public enum OfferOutcome {
        /** The next version, valid: store it, then verify against it. */
        ACCEPTED,
        /** The current root again, or an older one read again where it was first read: nothing to do. */
        KNOWN,
        /** Older than the first root this mirror trusted: history it was pinned past; nothing to do. */
        PREDATES,
        /** Not accepted: a reject of subject trust-root with the failure's wire name. */
        REFUSED
    }

    /**
     * The outcome of offering a root.
     *
     * @param failure the {@link RootFailure} when refused, else null
     * @param detail  for the log: versions, counts, key ids
     * @param version the offered version, or -1 when it could not be read
     * @param stored  the root to store, when accepted
     * @param state   the trust state once it is stored, when accepted
     */
    public record Offer(OfferOutcome outcome, RootFailure failure, String detail, int version, StoredRoot stored,
            TrustState state) {
    }

    /**
     * The trust a mirror starts with.
     *
     * @param trust    the mirror's trust
     * @param toStore  the file's root when it is newer than every stored one, else null
     * @param info     what to log: the root pinned or verified against
     * @param warnings what to warn of: a file older than the stored root (a rollback refused), a
     *                 file trusted over a gap in the versions
     */
    public record Start(MirrorTrust trust, StoredRoot toStore, List<String> info, List<String> warnings) {
    }

    private final String origin;
    private final boolean verifying;
    private final Duration expiryWarning;
    private final TreeMap<Integer, StoredRoot> history = new TreeMap<>();
    private volatile TrustState state;
    private volatile OriginVerifier verifier;

    private MirrorTrust(String origin, boolean verifying, Duration expiryWarning) {
        this.origin = origin;
        this.verifying = verifying;
        this.expiryWarning = expiryWarning;
    }

    /** A mirror that does not verify (herd.mirror.trust.verify=false). */
    public static MirrorTrust off(String origin) {
        return new MirrorTrust(origin, false, Duration.ZERO);
    }

    /**
     * The trust of a mirror that verifies: the newer of the root file and the roots stored, after
     * checking that the stored ones form a valid chain and that a newer file follows from them.
     *
     * @param fileBytes the content of herd.mirror.trust.root-file
     * @param fileName  its path, for messages
     * @param stored    the roots in herd.trust_root for this origin, any order
     * @throws IllegalStateException naming the property or the table when the mirror must not start
     */
    public static Start start(String origin, byte[] fileBytes, String fileName, List<StoredRoot> stored, Instant now,
            Duration expiryWarning) {
        String property = "herd.mirror.trust.root-file " + fileName;
        RootUpdate pinned = TrustState.pin(fileBytes, now);
        if (!pinned.accepted()) {
            throw new IllegalStateException(property + " is not a trust root this mirror can trust: "
                    + pinned.failure().wireName() + ": " + pinned.detail());
        }
        SignedRoot file = pinned.state().current();
        if (!file.root().origin().equals(origin)) {
            throw new IllegalStateException(property + " is the trust root of origin '" + file.root().origin()
                    + "', but herd.mirror.origin is '" + origin + "'");
        }
        MirrorTrust trust = new MirrorTrust(origin, true, expiryWarning);
        List<String> info = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<StoredRoot> chain = new ArrayList<>(stored);
        chain.sort((a, b) -> Integer.compare(a.version(), b.version()));
        StoredRoot fileRoot = new StoredRoot(file.version(), fileBytes, file.root().expires(), StoredRoot.FILE, null,
                null, null);
        if (chain.isEmpty()) {
            trust.history.put(file.version(), fileRoot);
            trust.use(pinned.state());
            info.add(pinned.detail());
            return new Start(trust, fileRoot, info, warnings);
        }
        TrustState held = validChain(chain, now);
        int storedVersion = held.root().version();
        chain.forEach(r -> trust.history.put(r.version(), r));
        StoredRoot toStore = null;
        if (file.version() > storedVersion) {
            RootUpdate next = held.offer(file, now);
            if (next.accepted()) {
                held = next.state();
            } else if (next.failure() == RootFailure.VERSION_GAP) {
                // Versions between are missing here, not invalid: the operator's file is trusted out of
                // band, as a first root is.
                held = pinned.state();
                warnings.add(property + " is version " + file.version() + ", more than one above the stored version "
                        + storedVersion + "; trusted as pinned by the operator");
            } else {
                throw new IllegalStateException(property + " (version " + file.version() + ") does not follow the "
                        + "stored trust root version " + storedVersion + " in herd.trust_root: "
                        + next.failure().wireName() + ": " + next.detail());
            }
            toStore = fileRoot;
            trust.history.put(file.version(), fileRoot);
        } else if (file.version() == storedVersion) {
            if (!file.sameContent(held.current())) {
                throw new IllegalStateException(property + " is version " + file.version() + " but differs from the "
                        + "version " + storedVersion + " this mirror accepted before (herd.trust_root): two different "
                        + "roots under one version; ask the trustees which is genuine");
            }
        } else {
            warnings.add(property + " is version " + file.version() + ", older than version " + storedVersion
                    + " which this mirror accepted before (herd.trust_root); keeping version " + storedVersion
                    + ": a rollback is refused");
        }
        trust.use(held);
        info.add("verifying against " + held);
        return new Start(trust, toStore, info, warnings);
    }

    /**
     * The trust of a mirror as its database holds it, for work done beside the running mirror (a
     * replay of the quarantine): the newest of the stored roots, after checking the chain.
     *
     * @throws IllegalStateException when no root is stored or the chain is broken
     */
    public static MirrorTrust stored(String origin, List<StoredRoot> stored, Instant now) {
        if (stored.isEmpty()) {
            throw new IllegalStateException("herd.trust_root holds no trust root of origin '" + origin + "', but "
                    + "herd.mirror_origin says its mirror verifies; start the mirror once to pin its root");
        }
        List<StoredRoot> chain = new ArrayList<>(stored);
        chain.sort((a, b) -> Integer.compare(a.version(), b.version()));
        MirrorTrust trust = new MirrorTrust(origin, true, Duration.ZERO);
        chain.forEach(r -> trust.history.put(r.version(), r));
        trust.use(validChain(chain, now));
        return trust;
    }

    /** The stored roots, oldest first, must each follow the one before; the first is pinned. */
    private static TrustState validChain(List<StoredRoot> chain, Instant now) {
        TrustState held = null;
        for (StoredRoot r : chain) {
            SignedRoot root;
            try {
                root = r.parse();
            } catch (TrustFormatException e) {
                throw new IllegalStateException("herd.trust_root version " + r.version() + " cannot be read: "
                        + e.getMessage());
            }
            RootUpdate u = held == null || r.source().equals(StoredRoot.FILE) && root.version() > held.root().version() + 1
                    ? TrustState.pin(root, now) : held.offer(root, now);
            if (!u.accepted()) {
                throw new IllegalStateException("herd.trust_root version " + r.version() + " does not follow the "
                        + "version before it: " + u.failure().wireName() + ": " + u.detail()
                        + "; the table was changed outside the mirror");
            }
            held = u.state();
        }
        return held;
    }

    private void use(TrustState next) {
        this.state = next;
        this.verifier = OriginVerifier.of(next);
    }

    /**
     * What to do with a root read from the trust topic. Changes nothing: call {@link #accept} once
     * an accepted root is stored.
     */
    public Offer offer(byte[] bytes, String topic, int partition, long offset, Instant now) {
        if (!verifying) {
            throw new IllegalStateException("a mirror that does not verify has no trust root to update");
        }
        SignedRoot root;
        try {
            root = SignedRoot.parse(bytes);
        } catch (TrustFormatException e) {
            return new Offer(OfferOutcome.REFUSED, RootFailure.MALFORMED, e.getMessage(), -1, null, null);
        }
        int version = root.version();
        TrustState current = state;
        StoredRoot known = history.get(version);
        if (known != null && root.sameContent(known.parse())) {
            // The topic's history is read again when it is read from its start (a new consumer
            // group): a root the mirror knows, below where it accepted a later one. Anywhere else an
            // older root was published again, which can only be meant to take the mirror back.
            boolean history = offset <= acceptedUpTo(topic, partition);
            if (version == current.root().version() || history) {
                return new Offer(OfferOutcome.KNOWN, null, "version " + version + " again", version, null, null);
            }
        } else if (history.isEmpty() || version < history.firstKey()) {
            return new Offer(OfferOutcome.PREDATES, null, "version " + version + " predates version "
                    + history.firstKey() + ", the first this mirror trusted", version, null, null);
        }
        RootUpdate update = current.offer(root, now);
        if (!update.accepted()) {
            return new Offer(OfferOutcome.REFUSED, update.failure(), update.detail(), version, null, null);
        }
        StoredRoot stored = new StoredRoot(version, bytes, root.root().expires(), StoredRoot.TOPIC, topic, partition,
                offset);
        return new Offer(OfferOutcome.ACCEPTED, null, update.detail(), version, stored, update.state());
    }

    /** The highest offset of {@code topic}'s partition at which this mirror accepted a root, or -1. */
    private long acceptedUpTo(String topic, int partition) {
        long max = -1;
        for (StoredRoot r : history.values()) {
            if (topic.equals(r.topic()) && r.partition() != null && r.partition() == partition && r.offset() != null) {
                max = Math.max(max, r.offset());
            }
        }
        return max;
    }

    /** Starts verifying against an accepted root, once it is stored. */
    public void accept(Offer offer) {
        if (offer.outcome() != OfferOutcome.ACCEPTED) {
            throw new IllegalArgumentException("not an accepted root: " + offer);
        }
        history.put(offer.version(), offer.stored());
        use(offer.state());
    }

    public boolean verifying() {
        return verifying;
    }

    public String origin() {
        return origin;
    }

    /** The verifier of the current root; null when the mirror does not verify. */
    public OriginVerifier verifier() {
        return verifier;
    }

    /** The current trust state (expiry as of when it was made); null when the mirror does not verify. */
    public TrustState state() {
        return state;
    }

    /** The version verified against, or 0 when not verifying. */
    public int version() {
        TrustState s = state;
        return s == null ? 0 : s.root().version();
    }

    /**
     * A warning about the current root's expiry at {@code now}, or null: expired (the mirror keeps
     * verifying against it), or expiring within herd.mirror.trust.expiry-warning.
     */
    public String expiryWarning(Instant now) {
        TrustState s = state;
        if (s == null) {
            return null;
        }
        Instant expires = s.root().expires();
        if (!now.isBefore(expires)) {
            return "trust root v" + s.root().version() + " of " + origin + " EXPIRED at " + expires
                    + "; verifying against it until the trustees publish a newer version";
        }
        Duration left = Duration.between(now, expires);
        if (left.compareTo(expiryWarning) <= 0) {
            return "trust root v" + s.root().version() + " of " + origin + " expires at " + expires + ", in "
                    + left.toDays() + " days; the trustees should publish a newer version";
        }
        return null;
    }

    /** The versions accepted so far, oldest first. */
    Map<Integer, StoredRoot> history() {
        return java.util.Collections.unmodifiableMap(history);
    }

    @Override
    public String toString() {
        return verifying ? "verifying against " + Objects.requireNonNull(state).root() : "not verifying";
    }
}
