package org.flowwatch.bench;

/** One fixed rate of the latency section: the rate achieved and both end-to-end latencies, in milliseconds. */
record LatencyFigures(int targetRate, double achievedRate, Latencies.Summary toCount, Latencies.Summary toAlert, int probesSent) {

    String describe() {
        return String.format("latency at %,d/s (achieved %,.0f/s): count p50/p99/p99.9 %s ms (%d samples); "
                        + "SURGE alert p50/p99/p99.9 %s ms (%d of %d probes)", targetRate, achievedRate, percentiles(toCount),
                toCount.samples(), percentiles(toAlert), toAlert.samples(), probesSent);
    }

    static String percentiles(Latencies.Summary summary) {
        return String.format("%.0f / %.0f / %.0f", summary.p50(), summary.p99(), summary.p999());
    }
}
