package org.flowwatch.cli;

import java.util.Arrays;

/** The straight line the oracles fit to hourly arrivals, worked out here apart from the sites app's own fit. */
final class LeastSquares {

    private LeastSquares() {
    }

    /** {the line's value at the last point (never below 0), its slope (0 with fewer than 2 points)} through y at x = 0, 1, ... */
    static double[] line(double[] y) {
        int n = y.length;
        double meanX = (n - 1) / 2.0;
        double meanY = Arrays.stream(y).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (i - meanX) * (y[i] - meanY);
            variance += (i - meanX) * (i - meanX);
        }
        double slope = n < 2 ? 0 : covariance / variance;
        return new double[] {Math.max(0, meanY + slope * (n - 1 - meanX)), slope};
    }
}
