package org.herd.serve.api;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.herd.serve.ServeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ajax.php?action=...}: Gazelle's JSON API on the mirror. Every answer is Gazelle's envelope,
 * {@code {"status":"success","response":...}} or {@code {"status":"failure","error":"..."}}, whatever
 * went wrong: a bad parameter, an unknown action, a query the database cancelled. No stack trace or
 * SQL ever reaches a client.
 */
@RestController
public class AjaxController {

    private static final Logger log = LoggerFactory.getLogger(AjaxController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Function<Params, Object>> actions = new LinkedHashMap<>();
    private final ServeProperties properties;

    public AjaxController(CatalogueApi catalogue, CommunityApi community, ServeProperties properties) {
        this.properties = properties;
        actions.put("index", community::index);
        actions.put("artist", catalogue::artist);
        actions.put("torrentgroup", catalogue::torrentGroup);
        actions.put("torrent", catalogue::torrent);
        actions.put("browse", catalogue::browse);
        actions.put("top10", catalogue::top10);
        actions.put("similar_artists", catalogue::similarArtists);
        actions.put("collage", catalogue::collage);
        actions.put("request", community::request);
        actions.put("requests", community::requests);
        actions.put("tcomments", community::torrentComments);
        actions.put("wiki", community::wiki);
        actions.put("forum", community::forum);
    }

    /** The actions this mirror answers. */
    public java.util.Set<String> actions() {
        return actions.keySet();
    }

    @RequestMapping(path = "/ajax.php", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<byte[]> ajax(HttpServletRequest request) {
        Params params = Params.of(request, properties.maxSearchLength());
        String action = params.raw("action").orElse("");
        Function<Params, Object> handler = actions.get(action);
        try {
            if (handler == null) {
                throw new Failure(action.isEmpty() ? "no action" : "unknown action " + Failure.quote(action));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success");
            body.put("response", handler.apply(params));
            return json(200, body);
        } catch (Failure f) {
            return failure(f.httpStatus(), f.getMessage());
        } catch (DataAccessException e) {
            SQLException sql = sqlCause(e);
            // 57014: query_canceled, which the statement timeout raises.
            if (sql != null && "57014".equals(sql.getSQLState())) {
                log.warn("ajax.php action {}: a query ran longer than {} and was cancelled", action,
                        properties.statementTimeout());
                return failure(503, "the search took too long; narrow it down");
            }
            log.warn("ajax.php action {}: the mirror's database did not answer: {}{}", action,
                    e.getClass().getSimpleName(), sql == null ? "" : " (SQLState " + sql.getSQLState() + ")");
            return failure(503, "the mirror's database could not answer");
        } catch (RuntimeException e) {
            log.error("ajax.php action {} failed", action, e);
            return failure(500, "the mirror could not answer");
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Gazelle's failure envelope. */
    public static ResponseEntity<byte[]> failure(int status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "failure");
        body.put("error", error);
        return json(status, body);
    }

    private static ResponseEntity<byte[]> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(new MediaType("application", "json",
                java.nio.charset.StandardCharsets.UTF_8)).body(JSON.writeValueAsBytes(body));
    }
}
