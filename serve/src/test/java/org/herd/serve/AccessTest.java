package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.herd.serve.access.RateLimiter;
import org.herd.serve.access.Sessions;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void rateLimiterAllowsTheLimitPerWindowThenRecovers() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(10);
        assertThat(limiter.acquire("b")).as("another client").isZero();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(limiter.acquire("a")).isEqualTo(6);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limiter.acquire("a")).as("a new window").isZero();
    }

    @Test
    void sessionsAreSignedAndExpire() {
        Clock start = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Sessions sessions = new Sessions(List.of("token"), Duration.ofHours(1), start);
        String cookie = sessions.open();
        assertThat(sessions.valid(cookie)).isTrue();
        assertThat(sessions.valid(cookie.substring(0, cookie.length() - 1) + "x")).isFalse();
        assertThat(sessions.valid("99999999999." + cookie.substring(cookie.indexOf('.') + 1))).isFalse();
        assertThat(sessions.valid("nonsense")).isFalse();
        assertThat(sessions.valid(null)).isFalse();
        // Another server (another key) does not accept it.
        assertThat(new Sessions(List.of("token"), Duration.ofHours(1), start).valid(cookie)).isFalse();
    }

    @Test
    void tokensDecideOnlyOnAClosedMirror() {
        Sessions closed = new Sessions(List.of("t1", "t2"), Duration.ofHours(1), Clock.systemUTC());
        assertThat(closed.closed()).isTrue();
        assertThat(closed.isToken("t2")).isTrue();
        assertThat(closed.isToken("t3")).isFalse();
        assertThat(closed.isToken(null)).isFalse();
        Sessions open = new Sessions(List.of(), Duration.ofHours(1), Clock.systemUTC());
        assertThat(open.closed()).isFalse();
        assertThat(open.isToken("anything")).isTrue();
    }
}
