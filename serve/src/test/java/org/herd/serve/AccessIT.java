package org.herd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How clients get in: login.php answers a session cookie and a redirect to index.php, whose page
 * links logout.php; a closed mirror wants a read token as password or in an OPS-style
 * {@code Authorization: token} header.
 */
class AccessIT {

    private static final String TOKEN = "a-read-token-for-tests-only";
    private static ServeHarness closed;

    @BeforeAll
    static void start() {
        closed = ServeHarness.start("herd.serve.read-tokens=" + TOKEN, "herd.serve.rate-limit.enabled=false",
                "herd.serve.site-rate-limit.enabled=false");
    }

    @AfterAll
    static void stop() {
        closed.close();
    }

    private static String sessionCookie(HttpResponse<String> login) {
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("session=").contains("HttpOnly");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void anOpenMirrorLogsInAnyone() {
        ServeHarness open = ServeHarness.open();
        HttpResponse<String> login = open.post("login.php", Map.of("username", "anyone", "password", "anything"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("index.php"));
        String cookie = sessionCookie(login);
        HttpResponse<String> index = open.get("index.php", "Cookie", cookie);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("logout.php");
        assertThat(open.ajax("action=index", "Cookie", cookie).path("status").asString()).isEqualTo("success");
        // And without logging in, as an open mirror needs no session.
        assertThat(open.ajax("action=index").path("status").asString()).isEqualTo("success");
    }

    @Test
    void aClosedMirrorWantsAToken() {
        HttpResponse<String> anonymous = closed.get("ajax.php?action=index");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        JsonNode body = Contract.JSON.readTree(anonymous.body());
        assertThat(body.path("status").asString()).isEqualTo("failure");
        assertThat(closed.get("index.php").statusCode()).isEqualTo(302);

        HttpResponse<String> wrong = closed.post("login.php", Map.of("username", "x", "password", "wrong"));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).contains("incorrect");

        HttpResponse<String> login = closed.post("login.php", Map.of("username", "x", "password", TOKEN));
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = sessionCookie(login);
        assertThat(closed.ajax("action=index", "Cookie", cookie).path("status").asString()).isEqualTo("success");
        assertThat(closed.get("index.php", "Cookie", cookie).body()).contains("logout.php");
        assertThat(closed.ajax("action=index", "Cookie", "session=123." + "A".repeat(43)).path("status").asString())
                .isEqualTo("failure");

        assertThat(closed.ajax("action=index", "Authorization", "token " + TOKEN).path("status").asString())
                .isEqualTo("success");
        assertThat(closed.get("ajax.php?action=index", "Authorization", "token nope").statusCode()).isEqualTo(401);
    }

    @Test
    void tokensNeverAppearInProperties() {
        assertThat(closed.context.getBean(ServeProperties.class).toString()).doesNotContain(TOKEN).contains("****");
    }
}
