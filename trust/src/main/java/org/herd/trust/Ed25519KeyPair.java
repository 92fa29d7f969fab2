package org.herd.trust;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An Ed25519 private key and its public key. The private key is the 32-byte seed of RFC 8032,
 * which is also what a PKCS#8 file holds (see {@link PrivateKeyFile}).
 *
 * <p>Immutable and safe to share between threads. {@link #toString()} names only the public key
 * id: the seed is never printed, logged or put in an exception message.
 */
public final class Ed25519KeyPair {

    /** Length of the private key seed. */
    public static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Ed25519PublicKey.fromParams(privateKey.generatePublicKey());
    }

    /** A new key from the platform's default {@link SecureRandom}. */
    public static Ed25519KeyPair generate() {
        return generate(new SecureRandom());
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(Objects.requireNonNull(random, "random")));
    }

    /**
     * The key whose RFC 8032 seed is {@code seed}: for test vectors, and for keys read from a
     * file. Ed25519 is deterministic, so a seed always gives the same keys and signatures.
     */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key seed is " + SEED_LENGTH + " bytes, found "
                    + seed.length);
        }
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    static Ed25519KeyPair of(Ed25519PrivateKeyParameters privateKey) {
        return new Ed25519KeyPair(privateKey);
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public KeyId keyId() {
        return publicKey.id();
    }

    /** The seed (a copy), for writing the key file. */
    byte[] seed() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public key " + publicKey.id() + "]";
    }
}
