package org.herd.serve.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.herd.serve.api.AjaxController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every request passes before it is answered, in this order:
 * <ol>
 * <li>its query string must decode as UTF-8 and hold no NUL, which PostgreSQL text cannot hold;</li>
 * <li>on a closed mirror it must show a read token or a session (login.php and the style sheet
 * excepted);</li>
 * <li>its client (remote address) must be within its rate limit: ajax.php's (action=index
 * excepted, as on Gazelle) or the site's.</li>
 * </ol>
 * A refused ajax.php request gets Gazelle's failure envelope; a refused page a short HTML answer or,
 * without a session, the way to login.php.
 */
public final class Gate extends OncePerRequestFilter {

    private final Sessions sessions;
    private final RateLimiter api;
    private final RateLimiter site;

    /** @param api ajax.php's limiter, or null when off; {@code site} likewise for pages */
    public Gate(Sessions sessions, RateLimiter api, RateLimiter site) {
        this.sessions = sessions;
        this.api = api;
        this.site = site;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean ajax = path.equals("/ajax.php");
        boolean free = path.equals("/login.php") || path.equals("/logout.php") || path.startsWith("/static/");

        String problem = queryProblem(request.getQueryString());
        if (problem != null) {
            refuse(response, ajax, 200, problem, 0);
            return;
        }
        if (!free && sessions.closed() && !authorized(request)) {
            if (ajax) {
                refuse(response, true, 401, "not logged in: log in through login.php or send Authorization: token",
                        0);
            } else {
                response.sendRedirect(request.getContextPath() + "/login.php");
            }
            return;
        }
        RateLimiter limiter = ajax ? api : free ? null : site;
        if (limiter != null && !(ajax && "index".equals(action(request.getQueryString())))) {
            long wait = limiter.acquire(request.getRemoteAddr());
            if (wait > 0) {
                refuse(response, ajax, 429, "rate limit exceeded", wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean authorized(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            String token = header.regionMatches(true, 0, "token ", 0, 6) ? header.substring(6).strip() : header.strip();
            if (sessions.isToken(token)) {
                return true;
            }
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Sessions.COOKIE.equals(c.getName()) && sessions.valid(c.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, boolean ajax, int status, String message, long retryAfter)
            throws IOException {
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
        }
        if (ajax) {
            ResponseEntity<byte[]> failure = AjaxController.failure(status, message);
            response.setStatus(status);
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(failure.getBody());
        } else {
            response.setStatus(status == 200 ? 400 : status);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><title>" + message + "</title><p>" + message
                    + ". <a href=\"index.php\">Back to the search</a></p>");
        }
    }

    /** The action= of a raw query string, if plainly there. */
    private static String action(String query) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("action=")) {
                return part.substring(7);
            }
        }
        return null;
    }

    /**
     * Why a raw query string cannot be read as UTF-8 text (a bad percent escape, an invalid UTF-8
     * sequence, a NUL), or null when it can.
     */
    static String queryProblem(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        byte[] raw = query.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%') {
                if (i + 2 >= raw.length || Character.digit(raw[i + 1], 16) < 0 || Character.digit(raw[i + 2], 16) < 0) {
                    return "malformed query string: a % not followed by two hex digits";
                }
                decoded.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                decoded.write(b);
            }
        }
        byte[] bytes = decoded.toByteArray();
        for (byte b : bytes) {
            if (b == 0) {
                return "malformed query string: a NUL character";
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return "malformed query string: not UTF-8";
        }
        return null;
    }
}
