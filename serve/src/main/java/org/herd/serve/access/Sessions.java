package org.herd.serve.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may read: on an open mirror (no read tokens) everyone; on a closed one, requests with an
 * {@code Authorization: token T} header naming a read token, and sessions from login.php. A session
 * is a signed expiry time, {@code <epoch seconds>.<HMAC-SHA256>}, under a key made at start-up: the
 * server keeps no session state, and a restart ends every session.
 */
public final class Sessions {

    /** Gazelle's session cookie name, which clients look for after logging in. */
    public static final String COOKIE = "session";

    private final List<byte[]> tokens;
    private final Duration lifetime;
    private final Clock clock;
    private final byte[] key = new byte[32];

    public Sessions(List<String> tokens, Duration lifetime, Clock clock) {
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.lifetime = lifetime;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** Whether requests must show a token or a session. */
    public boolean closed() {
        return !tokens.isEmpty();
    }

    /** Whether a password (login.php) or token (Authorization header) is one of the read tokens. */
    public boolean isToken(String candidate) {
        if (!closed()) {
            return true;
        }
        if (candidate == null) {
            return false;
        }
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            // Compared in constant time, every token, so that timing tells nothing.
            match |= MessageDigest.isEqual(token, given);
        }
        return match;
    }

    /** A new session cookie value. */
    public String open() {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return expires + "." + sign(expires);
    }

    /** How long a session lasts, for the cookie's Max-Age. */
    public Duration lifetime() {
        return lifetime;
    }

    /** Whether a cookie value is a session this server opened and that has not expired. */
    public boolean valid(String cookie) {
        if (cookie == null) {
            return false;
        }
        int dot = cookie.indexOf('.');
        if (dot < 1 || dot > 19 || !cookie.substring(0, dot).chars().allMatch(Character::isDigit)) {
            return false;
        }
        long expires = Long.parseLong(cookie.substring(0, dot));
        if (expires < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(expires).getBytes(StandardCharsets.US_ASCII),
                cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(("session:" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256 (JCA standard algorithms).
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
