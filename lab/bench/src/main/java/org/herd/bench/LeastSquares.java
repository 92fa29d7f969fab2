package org.herd.bench;

import java.util.List;

/**
 * A straight line {@code y = intercept + slope * x} fitted to measured points by least squares:
 * the scale series' projection of a figure to a scale it did not measure.
 *
 * @param rSquared how much of the points' variance the line explains (1 = all; NaN when the points
 *                 do not vary)
 */
record LeastSquares(double intercept, double slope, double rSquared, int points) {

    /** A measured point. */
    record Point(double x, double y) {
    }

    static LeastSquares fit(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points, got " + n);
        }
        double mx = points.stream().mapToDouble(Point::x).average().orElseThrow();
        double my = points.stream().mapToDouble(Point::y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Point p : points) {
            sxx += (p.x() - mx) * (p.x() - mx);
            sxy += (p.x() - mx) * (p.y() - my);
            syy += (p.y() - my) * (p.y() - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a line needs points at 2 different x at least, got " + points);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double residual = 0;
        for (Point p : points) {
            double e = p.y() - (intercept + slope * p.x());
            residual += e * e;
        }
        return new LeastSquares(intercept, slope, syy == 0 ? Double.NaN : 1 - residual / syy, n);
    }

    double at(double x) {
        return intercept + slope * x;
    }
}
