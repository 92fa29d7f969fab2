package org.herd.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.herd.testkit.mirror.GeneratedMirror;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A web server on the shared generated mirror (two origins, {@code whatcd} and {@code ops}),
 * connected as the mirror's read-only role, on a free port; one per set of properties and JVM.
 */
final class ServeHarness implements AutoCloseable {

    private static ServeHarness open;

    final GeneratedMirror mirror;
    final ConfigurableApplicationContext context;
    final int port;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServeHarness(GeneratedMirror mirror, ConfigurableApplicationContext context) {
        this.mirror = mirror;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** The server most tests share: rate limits off, so that tests do not wait for windows. */
    static synchronized ServeHarness open() {
        if (open == null) {
            open = start("herd.serve.rate-limit.enabled=false", "herd.serve.site-rate-limit.enabled=false");
        }
        return open;
    }

    /** A server of its own, with extra properties; close it after use. */
    static ServeHarness start(String... properties) {
        return on(GeneratedMirror.shared(), properties);
    }

    /** A server on a mirror of the caller's; close it after use. */
    static ServeHarness on(GeneratedMirror mirror, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + mirror.jdbcUrl(),
                "spring.datasource.username=" + mirror.readerUser(),
                "spring.datasource.password=" + mirror.readerPassword(),
                "herd.serve.port=0"));
        all.addAll(List.of(properties));
        return new ServeHarness(mirror, ServeApplication.builder().properties(all.toArray(String[]::new)).run());
    }

    /** The mirror as its superuser sees it, for the tests' own look-ups. */
    JdbcTemplate db() {
        return new JdbcTemplate(mirror.admin());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + "/" + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer read off the wire. */
    record Raw(int status, String body) {
    }

    /**
     * A GET sent as the bytes given, for request targets that java.net.URI refuses to build (a bad
     * percent escape), as a careless or hostile client sends them.
     */
    Raw raw(String target) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /" + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            if (answer.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder b = new StringBuilder();
                String rest = body;
                while (true) {
                    int eol = rest.indexOf("\r\n");
                    int size = Integer.parseInt(rest.substring(0, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    b.append(rest, eol + 2, eol + 2 + size);
                    rest = rest.substring(eol + 2 + size + 2);
                }
                body = b.toString();
            }
            return new Raw(status, body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** ajax.php with a query string, parsed. */
    JsonNode ajax(String query, String... headers) {
        HttpResponse<String> r = get("ajax.php?" + query, headers);
        return Contract.JSON.readTree(r.body());
    }

    @Override
    public void close() {
        context.close();
    }
}
