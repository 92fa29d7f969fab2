package org.herd.serve.access;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.herd.serve.ServeProperties;
import org.herd.serve.site.Pages;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * login.php and logout.php as Gazelle's clients use them: a POST of username and password answered
 * with a {@code session} cookie and a redirect to index.php. On an open mirror any credentials
 * log in; on a closed one the password must be one of the read tokens (the user name is not
 * checked: a mirror has no accounts).
 */
@RestController
public class LoginController {

    private final Sessions sessions;
    private final ServeProperties properties;
    private final Pages pages;

    public LoginController(Sessions sessions, ServeProperties properties, Pages pages) {
        this.sessions = sessions;
        this.properties = properties;
        this.pages = pages;
    }

    @GetMapping("/login.php")
    public ResponseEntity<String> form() {
        return pages.page(200, "login", Map.of("siteName", properties.siteName(), "closed", sessions.closed(),
                "failed", false, "title", "Log in"));
    }

    @PostMapping("/login.php")
    public ResponseEntity<String> login(@RequestParam(name = "password", required = false) String password,
            HttpServletRequest request) {
        if (!sessions.isToken(password)) {
            return pages.page(200, "login", Map.of("siteName", properties.siteName(), "closed", true, "failed", true,
                    "title", "Log in"));
        }
        ResponseCookie cookie = ResponseCookie.from(Sessions.COOKIE, sessions.open()).httpOnly(true).path("/")
                .sameSite("Lax").secure(request.isSecure()).maxAge(sessions.lifetime()).build();
        return ResponseEntity.status(302).header(HttpHeaders.SET_COOKIE, cookie.toString())
                .location(URI.create("index.php")).build();
    }

    @GetMapping("/logout.php")
    public ResponseEntity<String> logout() {
        ResponseCookie gone = ResponseCookie.from(Sessions.COOKIE, "").path("/").maxAge(0).build();
        return ResponseEntity.status(302).header(HttpHeaders.SET_COOKIE, gone.toString())
                .location(URI.create(sessions.closed() ? "login.php" : "index.php")).build();
    }
}
