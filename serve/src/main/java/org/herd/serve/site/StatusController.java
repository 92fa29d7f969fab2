package org.herd.serve.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.serve.ServeProperties;
import org.herd.serve.catalogue.Origins;
import org.herd.serve.status.LagChart;
import org.herd.serve.status.MirrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page ({@code status.php}): each origin the mirror follows, how far it has got and how
 * late, a lag chart over the last hours, its rows per entity, its trust, and what was set aside.
 */
@RestController
public class StatusController {

    private static final Logger log = LoggerFactory.getLogger(StatusController.class);

    private final Pages pages;
    private final ServeProperties properties;
    private final Origins origins;
    private final MirrorStatus status;
    private final Clock clock;

    public StatusController(Pages pages, ServeProperties properties, Origins origins, MirrorStatus status) {
        this.pages = pages;
        this.properties = properties;
        this.origins = origins;
        this.status = status;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/status.php")
    public ResponseEntity<String> status() {
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("siteName", properties.siteName());
        m.put("title", "Status");
        m.put("hours", MirrorStatus.CHART_WINDOW.toHours());
        List<Map<String, Object>> list = new ArrayList<>();
        for (MirrorStatus.OriginStatus o : status.origins(origins.all())) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("origin", o.origin());
            List<Map<String, Object>> reps = new ArrayList<>();
            for (MirrorStatus.Replication r : o.replications()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("group", r.groupId());
                rm.put("position", r.position());
                rm.put("positionAt", r.positionAt());
                rm.put("appliedAgo", ago(Duration.between(r.appliedAt(), now)));
                rm.put("lag", r.lagMs() < 0 ? "no live change yet" : LagChart.seconds(r.lagMs()));
                reps.add(rm);
            }
            om.put("replications", reps);
            om.put("unreplicated", reps.isEmpty());
            om.put("lagNow", o.replications().isEmpty() || o.replications().get(0).lagMs() < 0 ? "unknown"
                    : LagChart.seconds(o.replications().get(0).lagMs()));
            om.put("chart", LagChart.svg(o.lag(), now, MirrorStatus.CHART_WINDOW));
            om.put("counts", o.counts());
            om.put("trust", o.trust());
            om.put("verified", !o.trust().rejected().isEmpty() || !o.trust().root().isEmpty());
            om.put("rejected", o.trust().rejected().entrySet().stream()
                    .map(e -> Map.of("reason", e.getKey(), "count", e.getValue())).toList());
            om.put("noRejects", o.trust().rejected().isEmpty());
            list.add(om);
        }
        m.put("origins", list);
        m.put("none", list.isEmpty());
        List<MirrorStatus.KindCount> quarantined = status.quarantined();
        m.put("quarantined", quarantined);
        m.put("noQuarantine", quarantined.isEmpty());
        return pages.page(200, "status", m);
    }

    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<String> database(DataAccessException e) {
        log.warn("the status page could not be read from the mirror's database: {}", e.getClass().getSimpleName());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("siteName", properties.siteName());
        m.put("title", "Unavailable");
        m.put("message", "The mirror's database could not answer in time.");
        return pages.page(503, "error", m);
    }

    /** {@code 12 s ago}, {@code 5 min ago}, {@code 3 h ago}. */
    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        return s / 3600 + " h ago";
    }
}
