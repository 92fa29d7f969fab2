package org.herd.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The report of {@code herd bench --scales}: the copy measured on sites of several sizes (pgloader,
 * Herd's snapshot end to end, a late mirror, PostgreSQL COPY, CPU seconds per process, peak memory),
 * and each figure projected to scale 1 (a what.cd-sized site) along the least-squares line through
 * the measured points. A projection, not a measurement: JVM start-up and compilation are paid once
 * per run, so times grow less than linearly at small scales, and memory is bounded by the heap.
 *
 * @param projection per figure, its line and its value at scale 1
 */
record ScaleSeries(Machine.Description machine, BenchReport.Options options, List<Point> points,
        Map<String, Projection> projection, double totalSeconds) {

    /** The scale the projection is made for. */
    static final double PROJECT_TO = 1.0;

    /**
     * One scale.
     *
     * @param pgloaderSeconds -1 when pgloader did not run
     * @param wallSeconds     the whole scale: servers, generation, pgloader, snapshot, late mirror, comparisons,
     *                        browse
     * @param browse          browse on the late mirror at this scale, or null with {@code --no-browse}
     */
    record Point(double scale, long gazelleRows, long replicatedRows, long mirrorRows, double generateSeconds,
            double pgloaderSeconds, double snapshotSeconds, double snapshotRowsPerSecond, double lateMirrorSeconds,
            double lateMirrorRowsPerSecond, double copySeconds, Map<String, Double> snapshotCpuSeconds,
            Map<String, Double> lateMirrorCpuSeconds, double sidecarPeakRssMib, double mirrorPeakRssMib,
            double lateMirrorPeakRssMib, String snapshotContent, String lateMirrorContent, double wallSeconds,
            String load1, BenchReport.Browse browse) {

        static Point of(double scale, Bench.SiteFigures s, double wallSeconds, String load) {
            boolean pgloader = "ok".equals(s.pgloader().status());
            return new Point(scale, s.dataset().allRows(), s.dataset().replicatedRows(), s.dataset().mirrorRowsTotal(),
                    s.dataset().generateSeconds(), pgloader ? s.pgloader().seconds() : -1, s.snapshot().seconds(),
                    s.snapshot().rowsPerSecond(), s.lateMirror().seconds(), s.lateMirror().rowsPerSecondAfterStartup(),
                    s.copy().seconds(), s.snapshot().cpuSeconds(), s.lateMirror().cpuSeconds(),
                    s.memory().sidecarPeakRssMib(), s.memory().mirrorPeakRssMib(), s.lateMirror().peakRssMib(),
                    s.snapshot().comparison().result(), s.lateMirror().comparison().result(), wallSeconds, load,
                    s.browse());
        }
    }

    /**
     * A figure's least-squares line {@code intercept + slope * scale} and its value at scale 1.
     *
     * @param rSquared how well the line fits the measured points (1 = exactly)
     */
    record Projection(double atScale1, double intercept, double slope, double rSquared) {
    }

    /** The figures projected, by name, and how each is read from a point. */
    private static Map<String, ToDoubleFunction<Point>> figures(List<Point> points) {
        Map<String, ToDoubleFunction<Point>> f = new LinkedHashMap<>();
        f.put("gazelleRows", Point::gazelleRows);
        f.put("mirrorRows", Point::mirrorRows);
        f.put("generateSeconds", Point::generateSeconds);
        if (points.stream().allMatch(p -> p.pgloaderSeconds() >= 0)) {
            f.put("pgloaderSeconds", Point::pgloaderSeconds);
        }
        f.put("snapshotSeconds", Point::snapshotSeconds);
        f.put("lateMirrorSeconds", Point::lateMirrorSeconds);
        f.put("copySeconds", Point::copySeconds);
        for (String role : List.of("sidecar", "replicator", "MariaDB", "PostgreSQL", "bench and Kafka broker",
                "total")) {
            f.put("snapshotCpuSeconds." + role, p -> p.snapshotCpuSeconds().getOrDefault(role, 0.0));
        }
        f.put("lateMirrorCpuSeconds.total", p -> p.lateMirrorCpuSeconds().getOrDefault("total", 0.0));
        f.put("sidecarPeakRssMib", Point::sidecarPeakRssMib);
        f.put("mirrorPeakRssMib", Point::mirrorPeakRssMib);
        f.put("lateMirrorPeakRssMib", Point::lateMirrorPeakRssMib);
        f.put("wallSeconds", Point::wallSeconds);
        return f;
    }

    static ScaleSeries of(Machine.Description machine, BenchOptions options, List<Point> points, double totalSeconds) {
        Map<String, Projection> projection = new LinkedHashMap<>();
        figures(points).forEach((name, read) -> {
            List<LeastSquares.Point> xy = new ArrayList<>();
            for (Point p : points) {
                xy.add(new LeastSquares.Point(p.scale(), read.applyAsDouble(p)));
            }
            LeastSquares line = LeastSquares.fit(xy);
            projection.put(name, new Projection(Bench.round(line.at(PROJECT_TO)), line.intercept(), line.slope(),
                    Math.round(line.rSquared() * 1000) / 1000.0));
        });
        return new ScaleSeries(machine, BenchReport.Options.of(options), List.copyOf(points), projection, totalSeconds);
    }

    void printTable(Consumer<String> say) {
        say.accept("");
        say.accept(String.format(Locale.ROOT, "=== Herd bench scale series (%s) ===", Machine.summary()));
        String header = "%-16s %10s %9s %8s %8s %8s %8s %9s %9s %9s %9s %7s %7s %6s";
        String row = "%-16s %,10.0f %,9.0f %8.1f %8s %8.1f %8.1f %9.1f %9.1f %9.1f %9.1f %7.0f %7.0f %6s";
        say.accept(String.format(Locale.ROOT, header, "scale", "Gazelle", "mirror", "gen s", "pgloader", "snap s",
                "late s", "CPU side", "CPU repl", "CPU all", "wall s", "RSS s", "RSS m", "load"));
        say.accept(String.format(Locale.ROOT, header, "", "rows", "rows", "", "s", "", "", "snapshot", "snapshot",
                "snapshot", "", "MiB", "MiB", ""));
        for (Point p : points) {
            say.accept(String.format(Locale.ROOT, row, p.scale(), (double) p.gazelleRows(), (double) p.mirrorRows(),
                    p.generateSeconds(), p.pgloaderSeconds() < 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                            p.pgloaderSeconds()), p.snapshotSeconds(), p.lateMirrorSeconds(),
                    p.snapshotCpuSeconds().getOrDefault("sidecar", 0.0),
                    p.snapshotCpuSeconds().getOrDefault("replicator", 0.0),
                    p.snapshotCpuSeconds().getOrDefault("total", 0.0), p.wallSeconds(), p.sidecarPeakRssMib(),
                    p.mirrorPeakRssMib(), p.load1()));
        }
        Projection pg = projection.get("pgloaderSeconds");
        say.accept(String.format(Locale.ROOT, row, "1 (projection)", projection.get("gazelleRows").atScale1(),
                projection.get("mirrorRows").atScale1(), projection.get("generateSeconds").atScale1(),
                pg == null ? "-" : String.format(Locale.ROOT, "%.1f", pg.atScale1()),
                projection.get("snapshotSeconds").atScale1(), projection.get("lateMirrorSeconds").atScale1(),
                projection.get("snapshotCpuSeconds.sidecar").atScale1(),
                projection.get("snapshotCpuSeconds.replicator").atScale1(),
                projection.get("snapshotCpuSeconds.total").atScale1(), projection.get("wallSeconds").atScale1(),
                projection.get("sidecarPeakRssMib").atScale1(), projection.get("mirrorPeakRssMib").atScale1(), ""));
        say.accept("  the last line is a PROJECTION, not a measurement: each column's least-squares line through the "
                + "measured scales, read at scale 1 (r^2 of each line in the JSON)");
        for (Point p : points) {
            if (p.browse() != null) {
                BenchReport.Browse b = p.browse();
                StringBuilder open = new StringBuilder();
                for (BenchReport.BrowseStep step : b.steps()) {
                    open.append(String.format(Locale.ROOT, "; %,.0f/s p95 %.1f ms", step.targetPerSecond(),
                            step.p95Ms()));
                }
                say.accept(String.format(Locale.ROOT, "  scale %s browse: %,.0f requests/s on %d clients, p95 %.1f ms%s;"
                        + " %s", p.scale(), b.requestsPerSecond(), b.clients(), b.p95Ms(), open, b.highestText()));
            }
        }
        for (Point p : points) {
            if (!p.snapshotContent().equals("equal") || !p.lateMirrorContent().equals("equal")) {
                say.accept(String.format(Locale.ROOT, "  scale %s: mirror content %s after the snapshot, %s after the "
                        + "late mirror", p.scale(), p.snapshotContent(), p.lateMirrorContent()));
            }
        }
    }
}
