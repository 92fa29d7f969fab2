package org.herd.trust;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The signature count and the rules between versions, shared by {@link TrustState} and {@link RootCeremony}. */
final class RootRules {

    private RootRules() {
    }

    /**
     * The signatures of {@code candidate} that count toward {@code signers}' threshold: one per
     * distinct trustee of {@code signers} with a valid signature. Signatures by keys that are not
     * trustees of {@code signers} are ignored; a trustee's repeated signature counts once.
     */
    static Tally tally(SignedRoot candidate, TrustRoot signers) {
        byte[] message = candidate.signingMessage();
        Set<KeyId> valid = new LinkedHashSet<>();
        Set<KeyId> invalid = new LinkedHashSet<>();
        for (RootSignature s : candidate.signatures()) {
            Optional<Trustee> trustee = signers.trustee(s.keyId());
            if (trustee.isEmpty()) {
                continue;
            }
            if (Verifier.verify(message, s.signature(), trustee.get().publicKey())) {
                valid.add(s.keyId());
            } else {
                invalid.add(s.keyId());
            }
        }
        invalid.removeAll(valid);
        return new Tally(List.copyOf(valid), List.copyOf(invalid), signers.threshold());
    }

    /** Valid and invalid signatures by distinct trustees, against a threshold. */
    record Tally(List<KeyId> valid, List<KeyId> invalid, int threshold) {

        boolean met() {
            return valid.size() >= threshold;
        }

        String describe(String whose) {
            StringBuilder s = new StringBuilder();
            s.append(valid.size()).append(" valid signature").append(valid.size() == 1 ? "" : "s").append(" of the ")
                    .append(threshold).append(" needed from the trustees of ").append(whose);
            if (!valid.isEmpty()) {
                s.append("; valid: ").append(shortIds(valid));
            }
            if (!invalid.isEmpty()) {
                s.append("; not valid: ").append(shortIds(invalid));
            }
            return s.toString();
        }
    }

    private static String shortIds(List<KeyId> ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(id -> out.add(id.shortForm()));
        return String.join(", ", out);
    }

    /**
     * What is wrong with {@code next}'s origin keys as the successor of {@code previous}'s, or
     * empty when nothing is: every key stays (revoked rather than dropped, so that its records
     * remain attributable), keeps its epoch, and stays revoked once revoked; a new key's epoch
     * is above every earlier epoch.
     */
    static Optional<String> keyChangeProblem(TrustRoot previous, TrustRoot next) {
        for (OriginKey old : previous.originKeys()) {
            Optional<OriginKey> now = next.originKey(old.id());
            if (now.isEmpty()) {
                return Optional.of("origin key " + old.id().shortForm() + " (epoch " + old.epoch()
                        + ") is dropped; a key is revoked, never removed");
            }
            if (now.get().epoch() != old.epoch()) {
                return Optional.of("origin key " + old.id().shortForm() + " changes epoch from " + old.epoch()
                        + " to " + now.get().epoch());
            }
            if (!old.active() && now.get().active()) {
                return Optional.of("origin key " + old.id().shortForm() + " (epoch " + old.epoch()
                        + ") was revoked and is active again; a revoked key stays revoked");
            }
        }
        long maxBefore = previous.maxEpoch();
        for (OriginKey k : next.originKeys()) {
            if (previous.originKey(k.id()).isEmpty() && k.epoch() <= maxBefore) {
                return Optional.of("new origin key " + k.id().shortForm() + " has epoch " + k.epoch()
                        + ", not above the highest earlier epoch " + maxBefore);
            }
        }
        return Optional.empty();
    }
}
