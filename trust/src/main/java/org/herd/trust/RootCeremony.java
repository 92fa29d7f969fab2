package org.herd.trust;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trustees' operations on trust roots, as pure functions: create version 1, propose the next
 * version, sign a proposal with one trustee key (offline, one trustee at a time), merge the
 * signatures trustees return, and describe a chain for people to check before they sign.
 *
 * <p>A proposal is a {@link SignedRoot} without signatures; trustees pass it around as a file,
 * each adds a signature, and the files are merged. Proposals are checked against the same rules
 * mirrors apply ({@link TrustRoot}, {@link TrustState}), so that a ceremony cannot produce a
 * root that mirrors would refuse for its content.
 */
public final class RootCeremony {

    private RootCeremony() {
    }

    /**
     * Version 1 of a trust root: {@code trustees} with {@code threshold}, and {@code originKey}
     * as the active origin key of epoch 1. {@code expires} is truncated to whole seconds.
     *
     * @throws TrustFormatException when the root would break a rule of {@link TrustRoot}
     */
    public static TrustRoot create(String origin, List<Trustee> trustees, int threshold, Ed25519PublicKey originKey,
            Instant expires) {
        Objects.requireNonNull(originKey, "originKey");
        return new TrustRoot(origin, 1, expires.truncatedTo(ChronoUnit.SECONDS), threshold, trustees,
                List.of(new OriginKey(originKey, 1, OriginKey.Status.ACTIVE)));
    }

    /**
     * The next version of {@code current} with {@code changes} applied in order, expiring at
     * {@code expires} (truncated to whole seconds). Unsigned: it needs {@code current}'s threshold
     * of {@code current}'s trustees and its own threshold of its own trustees.
     *
     * @throws IllegalArgumentException naming the change that cannot be made: an unknown key, a
     *                                  threshold out of reach, a key listed twice
     */
    public static TrustRoot propose(TrustRoot current, Instant expires, List<RootChange> changes) {
        List<Trustee> trustees = new ArrayList<>(current.trustees());
        List<OriginKey> originKeys = new ArrayList<>(current.originKeys());
        int threshold = current.threshold();
        for (RootChange change : changes) {
            if (change instanceof RootChange.AddTrustee add) {
                trustees.add(new Trustee(add.publicKey(), add.name()));
            } else if (change instanceof RootChange.RemoveTrustee remove) {
                if (!trustees.removeIf(t -> t.id().equals(remove.id()))) {
                    throw new IllegalArgumentException("cannot remove trustee " + remove.id()
                            + ": it is not a trustee of version " + current.version());
                }
            } else if (change instanceof RootChange.SetThreshold set) {
                threshold = set.threshold();
            } else if (change instanceof RootChange.RotateOriginKey rotate) {
                long epoch = originKeys.stream().mapToLong(OriginKey::epoch).max().orElse(0) + 1;
                if (rotate.revokePrevious()) {
                    originKeys.replaceAll(OriginKey::revoked);
                }
                originKeys.add(new OriginKey(rotate.newKey(), epoch, OriginKey.Status.ACTIVE));
            } else if (change instanceof RootChange.RevokeOriginKey revoke) {
                int i = indexOf(originKeys, revoke.id());
                if (i < 0) {
                    throw new IllegalArgumentException("cannot revoke origin key " + revoke.id()
                            + ": it is not an origin key of version " + current.version());
                }
                originKeys.set(i, originKeys.get(i).revoked());
            } else {
                throw new IllegalStateException("unknown change " + change);
            }
        }
        TrustRoot next = new TrustRoot(current.origin(), current.version() + 1, expires.truncatedTo(ChronoUnit.SECONDS),
                threshold, trustees, originKeys);
        Optional<String> problem = RootRules.keyChangeProblem(current, next);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return next;
    }

    private static int indexOf(List<OriginKey> keys, KeyId id) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code proposal} with {@code trusteeKey}'s signature added (replacing an earlier one by the
     * same key). The key need not be a trustee of the proposal: a trustee the proposal removes
     * still signs it, to meet the previous version's threshold.
     */
    public static SignedRoot sign(SignedRoot proposal, Ed25519KeyPair trusteeKey) {
        Signer signer = new Signer(trusteeKey);
        return proposal.withSignature(new RootSignature(signer.keyId(), signer.sign(proposal.signingMessage())));
    }

    /**
     * One root with the signatures of both {@code a} and {@code b}, which must hold the same
     * {@code signed} content.
     *
     * @throws IllegalArgumentException when the contents differ, or one key signed differently
     *                                  in each (Ed25519 signatures are deterministic, so one of the
     *                                  two is not valid)
     */
    public static SignedRoot merge(SignedRoot a, SignedRoot b) {
        if (!a.sameContent(b)) {
            throw new IllegalArgumentException("cannot merge signatures of different roots: " + a.root() + " and "
                    + b.root() + (a.version() == b.version() ? " differ in content" : ""));
        }
        Map<KeyId, RootSignature> byKey = new HashMap<>();
        for (RootSignature s : a.signatures()) {
            byKey.put(s.keyId(), s);
        }
        for (RootSignature s : b.signatures()) {
            RootSignature earlier = byKey.putIfAbsent(s.keyId(), s);
            if (earlier != null && !earlier.equals(s)) {
                throw new IllegalArgumentException("key " + s.keyId() + " signed version " + a.version()
                        + " twice with different signatures; at most one of them is valid");
            }
        }
        return a.withSignatures(new ArrayList<>(byKey.values()));
    }

    /**
     * A listing of {@code chain} (oldest first) for people: each version's trustees, threshold,
     * origin keys and expiry, what changed from the version before, and whose signatures it
     * carries and whether each is valid. Meant to be read before signing; it checks nothing that
     * {@link TrustState} does not.
     */
    public static String describeChain(List<SignedRoot> chain) {
        StringBuilder s = new StringBuilder();
        TrustRoot previous = null;
        for (SignedRoot signed : chain) {
            TrustRoot root = signed.root();
            s.append("version ").append(root.version()).append(" of origin ").append(root.origin())
                    .append(", expires ").append(root.expires()).append('\n');
            s.append("  trustees: ").append(root.threshold()).append(" of ").append(root.trustees().size())
                    .append(" must sign the next version\n");
            for (Trustee t : root.trustees()) {
                s.append("    ").append(t.id().hex()).append(t.name() == null ? "" : "  " + t.name()).append('\n');
            }
            s.append("  origin keys:\n");
            for (OriginKey k : root.originKeys()) {
                s.append("    epoch ").append(k.epoch()).append("  ").append(k.status().wireName()).append("  ")
                        .append(k.id().hex()).append('\n');
            }
            if (previous != null) {
                List<String> changes = changes(previous, root);
                s.append("  changes from version ").append(previous.version()).append(": ")
                        .append(changes.isEmpty() ? "none" : String.join("; ", changes)).append('\n');
            }
            s.append("  signatures:\n");
            byte[] message = signed.signingMessage();
            for (RootSignature sig : signed.signatures()) {
                s.append("    ").append(sig.keyId().shortForm()).append("  ")
                        .append(signatureNote(sig, message, root, previous)).append('\n');
            }
            if (signed.signatures().isEmpty()) {
                s.append("    none\n");
            }
            previous = root;
        }
        return s.toString();
    }

    private static String signatureNote(RootSignature sig, byte[] message, TrustRoot root, TrustRoot previous) {
        Optional<Trustee> own = root.trustee(sig.keyId());
        Optional<Trustee> before = previous == null ? Optional.empty() : previous.trustee(sig.keyId());
        Optional<Trustee> who = own.isPresent() ? own : before;
        if (who.isEmpty()) {
            return "not a trustee of this or the previous version (ignored)";
        }
        boolean valid = Verifier.verify(message, sig.signature(), who.get().publicKey());
        String roles = own.isPresent() && before.isPresent() ? "trustee of both versions"
                : own.isPresent() ? "trustee of this version" : "trustee of the previous version";
        return (valid ? "valid" : "NOT VALID") + ", " + roles + (who.get().name() == null ? "" : ", " + who.get().name());
    }

    private static List<String> changes(TrustRoot before, TrustRoot after) {
        List<String> out = new ArrayList<>();
        for (Trustee t : after.trustees()) {
            if (before.trustee(t.id()).isEmpty()) {
                out.add("trustee " + t.label() + " added");
            }
        }
        for (Trustee t : before.trustees()) {
            if (after.trustee(t.id()).isEmpty()) {
                out.add("trustee " + t.label() + " removed");
            }
        }
        if (before.threshold() != after.threshold()) {
            out.add("threshold " + before.threshold() + " -> " + after.threshold());
        }
        for (OriginKey k : after.originKeys()) {
            Optional<OriginKey> old = before.originKey(k.id());
            if (old.isEmpty()) {
                out.add("origin key " + k.id().shortForm() + " added at epoch " + k.epoch() + " (" + k.status().wireName()
                        + ")");
            } else if (old.get().status() != k.status()) {
                out.add("origin key " + k.id().shortForm() + " (epoch " + k.epoch() + ") " + old.get().status().wireName()
                        + " -> " + k.status().wireName());
            }
        }
        for (OriginKey k : before.originKeys()) {
            if (after.originKey(k.id()).isEmpty()) {
                out.add("origin key " + k.id().shortForm() + " (epoch " + k.epoch() + ") dropped");
            }
        }
        if (!before.expires().equals(after.expires())) {
            out.add("expiry " + before.expires() + " -> " + after.expires());
        }
        return out;
    }
}
