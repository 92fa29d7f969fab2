package org.herd.serve.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A lag chart as inline SVG, rendered on the server: no script, nothing fetched. Time runs left to
 * right over the window ending now; the line is the lag of each sample, on a scale from 0 to the
 * highest sample (at least one second), labelled in seconds.
 */
public final class LagChart {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    private static final int LEFT = 48;
    private static final int BOTTOM = 20;
    private static final int TOP = 10;

    /** One sample: when, and the lag then in milliseconds. */
    public record Sample(Instant at, long lagMs) {
    }

    private LagChart() {
    }

    /** The chart of {@code samples} (in time order) over {@code window} ending at {@code now}. */
    public static String svg(List<Sample> samples, Instant now, Duration window) {
        long maxMs = Math.max(1000, samples.stream().mapToLong(Sample::lagMs).max().orElse(0));
        int plotW = WIDTH - LEFT - 8;
        int plotH = HEIGHT - BOTTOM - TOP;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"lag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"lag over the last ").append(window.toHours())
                .append(" hours\">");
        b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"")
                .append(LEFT + plotW).append("\" y2=\"").append(TOP + plotH).append("\" class=\"axis\"/>");
        b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(TOP + plotH).append("\" class=\"axis\"/>");
        b.append(text(LEFT - 4, TOP + 8, "end", seconds(maxMs)));
        b.append(text(LEFT - 4, TOP + plotH, "end", "0 s"));
        b.append(text(LEFT, HEIGHT - 4, "start", "-" + window.toHours() + " h"));
        b.append(text(LEFT + plotW, HEIGHT - 4, "end", "now"));
        if (samples.isEmpty()) {
            b.append(text(LEFT + plotW / 2, TOP + plotH / 2, "middle", "no live changes applied in this window"));
        } else {
            long start = now.minus(window).toEpochMilli();
            double span = window.toMillis();
            b.append("<polyline class=\"line\" fill=\"none\" points=\"");
            for (Sample s : samples) {
                double x = LEFT + Math.max(0, Math.min(1, (s.at().toEpochMilli() - start) / span)) * plotW;
                double y = TOP + plotH - (double) s.lagMs() / maxMs * plotH;
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.setLength(b.length() - 1);
            b.append("\"/>");
        }
        return b.append("</svg>").toString();
    }

    private static String text(int x, int y, String anchor, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + text + "</text>";
    }

    /** {@code 0.25 s}, {@code 12 s}, {@code 3.5 min}. */
    public static String seconds(long ms) {
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0).replace(".00 s", " s");
        }
        if (ms < 600_000) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }
}
