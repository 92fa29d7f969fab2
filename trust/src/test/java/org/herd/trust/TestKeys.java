package org.herd.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/** Keys derived from fixed labels (seed = SHA-256 of the label), so tests and vectors are stable. */
final class TestKeys {

    static final String ORIGIN = "site-1";
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private TestKeys() {
    }

    static byte[] seed(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Ed25519KeyPair key(String label) {
        return Ed25519KeyPair.fromSeed(seed(label));
    }

    static Ed25519KeyPair origin1() {
        return key("herd test origin key epoch 1");
    }

    static Ed25519KeyPair origin2() {
        return key("herd test origin key epoch 2");
    }

    static List<Ed25519KeyPair> trustees() {
        return List.of(key("herd test trustee 1"), key("herd test trustee 2"), key("herd test trustee 3"));
    }

    static List<Trustee> trusteeList() {
        List<Ed25519KeyPair> keys = trustees();
        return List.of(new Trustee(keys.get(0).publicKey(), "trustee one"),
                new Trustee(keys.get(1).publicKey(), "trustee two"),
                new Trustee(keys.get(2).publicKey(), null));
    }

    /** Version 1: three trustees, threshold 2, origin key 1 at epoch 1. */
    static TrustRoot rootV1() {
        return RootCeremony.create(ORIGIN, trusteeList(), 2, origin1().publicKey(), EXPIRES);
    }

    static SignedRoot signedBy(TrustRoot root, Ed25519KeyPair... keys) {
        SignedRoot signed = SignedRoot.unsigned(root);
        for (Ed25519KeyPair k : keys) {
            signed = RootCeremony.sign(signed, k);
        }
        return signed;
    }
}
