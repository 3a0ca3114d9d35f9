package org.flowwatch.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies in milliseconds, recorded from any thread, read as percentiles (HdrHistogram, 3 significant digits). */
final class Latencies {

    private static final long MAX_MILLIS = 3_600_000;

    private final Histogram histogram = new ConcurrentHistogram(MAX_MILLIS, 3);

    void record(long millis) {
        histogram.recordValue(Math.max(0, Math.min(MAX_MILLIS, millis)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percentile} (e.g. 99.9), or NaN when nothing was recorded. */
    double percentile(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile);
    }

    Summary summary() {
        return new Summary(count(), percentile(50), percentile(99), percentile(99.9), count() == 0 ? Double.NaN : histogram.getMaxValue());
    }

    /** What the report prints of one latency: samples and the percentiles the goals speak of. */
    record Summary(long samples, double p50, double p99, double p999, double max) {
    }
}
