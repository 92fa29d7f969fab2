package org.herd.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The report of {@code herd bench --scales} and {@code --repeat}: the copy measured on generated
 * sites (pgloader, Herd's snapshot end to end, a late mirror, PostgreSQL COPY, CPU seconds per
 * process, peak memory). With sites of two sizes or more, each figure is projected to scale 1 (a
 * what.cd-sized site) along the least-squares line through the measured points. A projection, not
 * a measurement: JVM start-up and compilation are paid once per run, so times grow less than
 * linearly at small scales, and memory is bounded by the heap. Of a size measured more than once,
 * each figure's median, lowest and highest, the rates and ratios among them taken run by run.
 *
 * @param projection per figure, its line and its value at scale 1; empty when one size was measured
 * @param spread     per size measured more than once, its figures' spread
 */
record ScaleSeries(Machine.Description machine, BenchReport.Options options, List<Point> points,
        Map<String, Projection> projection, List<ScaleSpread> spread, double totalSeconds) {

    /** The scale the projection is made for. */
    static final double PROJECT_TO = 1.0;

    /**
     * One generated site.
     *
     * @param run             1 for the first site of this scale, 2 for the second with {@code --repeat}
     * @param pgloaderSeconds -1 when pgloader did not run
     * @param pgloaderRowsPerSecond -1 when pgloader did not run
     * @param wallSeconds     the whole scale: servers, generation, pgloader, snapshot, late mirror, comparisons,
     *                        browse
     * @param browse          browse on the late mirror at this scale, or null with {@code --no-browse}
     */
    record Point(double scale, int run, long gazelleRows, long replicatedRows, long mirrorRows,
            double generateSeconds, double pgloaderSeconds, double pgloaderRowsPerSecond, double snapshotSeconds,
            double snapshotRowsPerSecond, double lateMirrorSeconds, double lateMirrorRowsPerSecond,
            double copySeconds, Map<String, Double> snapshotCpuSeconds, Map<String, Double> lateMirrorCpuSeconds,
            double sidecarPeakRssMib, double mirrorPeakRssMib, double lateMirrorPeakRssMib, String snapshotContent,
            String lateMirrorContent, double wallSeconds, String load1, BenchReport.Browse browse) {

        static Point of(double scale, int run, Bench.SiteFigures s, double wallSeconds, String load) {
            boolean pgloader = "ok".equals(s.pgloader().status());
            return new Point(scale, run, s.dataset().allRows(), s.dataset().replicatedRows(),
                    s.dataset().mirrorRowsTotal(), s.dataset().generateSeconds(),
                    pgloader ? s.pgloader().seconds() : -1, pgloader ? s.pgloader().rowsPerSecond() : -1,
                    s.snapshot().seconds(), s.snapshot().rowsPerSecond(), s.lateMirror().seconds(),
                    s.lateMirror().rowsPerSecondAfterStartup(), s.copy().seconds(), s.snapshot().cpuSeconds(),
                    s.lateMirror().cpuSeconds(), s.memory().sidecarPeakRssMib(), s.memory().mirrorPeakRssMib(),
                    s.lateMirror().peakRssMib(), s.snapshot().comparison().result(),
                    s.lateMirror().comparison().result(), wallSeconds, load, s.browse());
        }

        /** The point's name in the printed report: its scale, and which run of it when scales repeat. */
        String label(boolean repeated) {
            return repeated ? scale + " #" + run : Double.toString(scale);
        }

        /** PostgreSQL COPY of the mirror's rows alone: the ceiling of a copy into this mirror. */
        double copyRowsPerSecond() {
            return mirrorRows / copySeconds;
        }
    }

    /** A figure over the runs of one scale: the middle value (the mean of the middle two of an even count). */
    record Spread(double median, double lowest, double highest) {

        static Spread of(double[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("a spread needs at least one value");
            }
            double[] v = values.clone();
            java.util.Arrays.sort(v);
            int m = v.length / 2;
            double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
            return new Spread(median, v[0], v[v.length - 1]);
        }
    }

    /** The spread of every figure of one scale measured {@code runs} times. */
    record ScaleSpread(double scale, int runs, Map<String, Spread> figures) {
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

    /**
     * The figures of which a repeated scale reports the spread: the projected ones, and the rates
     * and ratios the targets are stated in, each taken run by run.
     */
    private static Map<String, ToDoubleFunction<Point>> spreadFigures(List<Point> points) {
        Map<String, ToDoubleFunction<Point>> f = new LinkedHashMap<>();
        f.put("snapshotRowsPerSecond", Point::snapshotRowsPerSecond);
        if (points.stream().allMatch(p -> p.pgloaderRowsPerSecond() > 0)) {
            f.put("pgloaderRowsPerSecond", Point::pgloaderRowsPerSecond);
            f.put("snapshotOverPgloader", p -> p.snapshotRowsPerSecond() / p.pgloaderRowsPerSecond());
        }
        f.put("copyRowsPerSecond", Point::copyRowsPerSecond);
        f.put("lateMirrorRowsPerSecond", Point::lateMirrorRowsPerSecond);
        f.put("lateMirrorOverCopy", p -> p.lateMirrorRowsPerSecond() / p.copyRowsPerSecond());
        f.putAll(figures(points));
        return f;
    }

    static ScaleSeries of(Machine.Description machine, BenchOptions options, List<Point> points, double totalSeconds) {
        Map<String, Projection> projection = new LinkedHashMap<>();
        if (points.stream().map(Point::scale).distinct().count() >= 2) {
            projection(points, projection);
        }
        List<ScaleSpread> spread = new ArrayList<>();
        for (double scale : points.stream().map(Point::scale).distinct().sorted().toList()) {
            List<Point> runs = points.stream().filter(p -> p.scale() == scale).toList();
            if (runs.size() < 2) {
                continue;
            }
            Map<String, Spread> figures = new LinkedHashMap<>();
            spreadFigures(runs).forEach((name, read) -> figures.put(name,
                    Spread.of(runs.stream().mapToDouble(read).toArray())));
            spread.add(new ScaleSpread(scale, runs.size(), figures));
        }
        return new ScaleSeries(machine, BenchReport.Options.of(options), List.copyOf(points), projection,
                List.copyOf(spread), totalSeconds);
    }

    private static void projection(List<Point> points, Map<String, Projection> projection) {
        figures(points).forEach((name, read) -> {
            List<LeastSquares.Point> xy = new ArrayList<>();
            for (Point p : points) {
                xy.add(new LeastSquares.Point(p.scale(), read.applyAsDouble(p)));
            }
            LeastSquares line = LeastSquares.fit(xy);
            projection.put(name, new Projection(Bench.round(line.at(PROJECT_TO)), line.intercept(), line.slope(),
                    Math.round(line.rSquared() * 1000) / 1000.0));
        });
    }

    /** A line of a repeated scale's spread: the figure, how it is named, the format of one value. */
    private record SpreadLine(String figure, String label, String format) {
    }

    private static final List<SpreadLine> SPREAD_LINES = List.of(
            new SpreadLine("snapshotRowsPerSecond", "Herd snapshot end to end, rows/s", "%,.0f"),
            new SpreadLine("snapshotSeconds", "Herd snapshot end to end, s", "%.1f"),
            new SpreadLine("pgloaderRowsPerSecond", "pgloader, rows/s", "%,.0f"),
            new SpreadLine("snapshotOverPgloader", "Herd / pgloader", "%.2f"),
            new SpreadLine("snapshotCpuSeconds.sidecar", "snapshot CPU s, sidecar", "%.1f"),
            new SpreadLine("snapshotCpuSeconds.replicator", "snapshot CPU s, replicator", "%.1f"),
            new SpreadLine("snapshotCpuSeconds.PostgreSQL", "snapshot CPU s, PostgreSQL", "%.1f"),
            new SpreadLine("snapshotCpuSeconds.total", "snapshot CPU s, all processes", "%.1f"),
            new SpreadLine("copyRowsPerSecond", "COPY ceiling, rows/s", "%,.0f"),
            new SpreadLine("lateMirrorRowsPerSecond", "late mirror from its first batch, rows/s", "%,.0f"),
            new SpreadLine("lateMirrorOverCopy", "late mirror / COPY ceiling", "%.2f"),
            new SpreadLine("lateMirrorCpuSeconds.total", "late mirror CPU s, all processes", "%.1f"),
            new SpreadLine("sidecarPeakRssMib", "peak RSS MiB, sidecar", "%.0f"),
            new SpreadLine("mirrorPeakRssMib", "peak RSS MiB, replicator", "%.0f"),
            new SpreadLine("lateMirrorPeakRssMib", "peak RSS MiB, late mirror", "%.0f"));

    void printTable(Consumer<String> say) {
        say.accept("");
        say.accept(projection.isEmpty()
                ? String.format(Locale.ROOT, "=== Herd bench, %d runs at scale %s (%s) ===", points.size(),
                        points.get(0).scale(), Machine.summary())
                : String.format(Locale.ROOT, "=== Herd bench scale series (%s) ===", Machine.summary()));
        String header = "%-16s %10s %9s %8s %8s %8s %8s %9s %9s %9s %9s %7s %7s %6s";
        String row = "%-16s %,10.0f %,9.0f %8.1f %8s %8.1f %8.1f %9.1f %9.1f %9.1f %9.1f %7.0f %7.0f %6s";
        say.accept(String.format(Locale.ROOT, header, "scale", "Gazelle", "mirror", "gen s", "pgloader", "snap s",
                "late s", "CPU side", "CPU repl", "CPU all", "wall s", "RSS s", "RSS m", "load"));
        say.accept(String.format(Locale.ROOT, header, "", "rows", "rows", "", "s", "", "", "snapshot", "snapshot",
                "snapshot", "", "MiB", "MiB", ""));
        boolean repeated = points.stream().anyMatch(p -> p.run() > 1);
        for (Point p : points) {
            say.accept(String.format(Locale.ROOT, row, p.label(repeated), (double) p.gazelleRows(),
                    (double) p.mirrorRows(), p.generateSeconds(),
                    p.pgloaderSeconds() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", p.pgloaderSeconds()),
                    p.snapshotSeconds(), p.lateMirrorSeconds(),
                    p.snapshotCpuSeconds().getOrDefault("sidecar", 0.0),
                    p.snapshotCpuSeconds().getOrDefault("replicator", 0.0),
                    p.snapshotCpuSeconds().getOrDefault("total", 0.0), p.wallSeconds(), p.sidecarPeakRssMib(),
                    p.mirrorPeakRssMib(), p.load1()));
        }
        if (!projection.isEmpty()) {
            Projection pg = projection.get("pgloaderSeconds");
            say.accept(String.format(Locale.ROOT, row, "1 (projection)", projection.get("gazelleRows").atScale1(),
                    projection.get("mirrorRows").atScale1(), projection.get("generateSeconds").atScale1(),
                    pg == null ? "-" : String.format(Locale.ROOT, "%.1f", pg.atScale1()),
                    projection.get("snapshotSeconds").atScale1(), projection.get("lateMirrorSeconds").atScale1(),
                    projection.get("snapshotCpuSeconds.sidecar").atScale1(),
                    projection.get("snapshotCpuSeconds.replicator").atScale1(),
                    projection.get("snapshotCpuSeconds.total").atScale1(), projection.get("wallSeconds").atScale1(),
                    projection.get("sidecarPeakRssMib").atScale1(), projection.get("mirrorPeakRssMib").atScale1(),
                    ""));
            say.accept("  the last line is a PROJECTION, not a measurement: each column's least-squares line through "
                    + "the measured scales, read at scale 1 (r^2 of each line in the JSON)");
        }
        for (ScaleSpread s : spread) {
            say.accept(String.format(Locale.ROOT, "  scale %s over %d runs: median (lowest to highest)", s.scale(),
                    s.runs()));
            for (SpreadLine line : SPREAD_LINES) {
                Spread v = s.figures().get(line.figure());
                if (v != null) {
                    String f = line.format();
                    say.accept(String.format(Locale.ROOT, "    %-42s " + f + " (" + f + " to " + f + ")", line.label(),
                            v.median(), v.lowest(), v.highest()));
                }
            }
        }
        for (Point p : points) {
            if (p.browse() != null) {
                BenchReport.Browse b = p.browse();
                StringBuilder open = new StringBuilder();
                for (BenchReport.BrowseStep step : b.steps()) {
                    open.append(String.format(Locale.ROOT, "; %,.0f/s p95 %.1f ms", step.targetPerSecond(),
                            step.p95Ms()));
                }
                say.accept(String.format(Locale.ROOT, "  scale %s browse: %,.0f requests/s on %d clients, p95 %.1f ms%s;"
                        + " %s", p.label(repeated), b.requestsPerSecond(), b.clients(), b.p95Ms(), open,
                        b.highestText()));
            }
        }
        for (Point p : points) {
            if (!p.snapshotContent().equals("equal") || !p.lateMirrorContent().equals("equal")) {
                say.accept(String.format(Locale.ROOT, "  scale %s: mirror content %s after the snapshot, %s after the "
                        + "late mirror", p.label(repeated), p.snapshotContent(), p.lateMirrorContent()));
            }
        }
    }
}
