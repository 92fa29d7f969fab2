package org.herd.serve.site;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The site's pages: Mustache templates under {@code templates/}, compiled once. Mustache escapes
 * every {@code {{value}}} for HTML; the only unescaped values ({@code {{{html}}}}) are what
 * {@link org.herd.serve.BbCode} made from escaped text.
 */
public final class Pages {

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).nullValue("").emptyStringIsFalse(true)
            .withLoader(Pages::reader);
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    private static Reader reader(String name) {
        InputStream in = Pages.class.getResourceAsStream("/templates/" + name + ".html");
        if (in == null) {
            throw new IllegalArgumentException("no template " + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The page rendered from a template and a model, as an HTML response. */
    public ResponseEntity<String> page(int status, String template, Map<String, Object> model) {
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(render(template, model));
    }

    public String render(String template, Map<String, Object> model) {
        Template t = templates.computeIfAbsent(template, name -> {
            try (Reader r = reader(name)) {
                return compiler.compile(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return t.execute(model);
    }
}
