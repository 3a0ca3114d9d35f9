package org.flowwatch.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One fixed rate of the latency section: the rate achieved and both end-to-end latencies, in milliseconds. Either one
 * run ({@code runs} empty) or the median of several ({@link #medianOf}): each percentile is the median of the runs'
 * percentiles, so one noisy run moves the quoted figure no more than it moves the middle run; {@code runs} keeps every
 * run, for the min and max beside it.
 */
record LatencyFigures(int targetRate, double achievedRate, Latencies.Summary toCount, Latencies.Summary toAlert, int probesSent,
                      List<LatencyFigures> runs) {

    LatencyFigures {
        runs = List.copyOf(runs);
    }

    /** One run. */
    LatencyFigures(int targetRate, double achievedRate, Latencies.Summary toCount, Latencies.Summary toAlert, int probesSent) {
        this(targetRate, achievedRate, toCount, toAlert, probesSent, List.of());
    }

    /** The median of several runs at one rate; samples and probes are the runs' totals. */
    static LatencyFigures medianOf(List<LatencyFigures> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        return new LatencyFigures(runs.get(0).targetRate(), middle(runs, LatencyFigures::achievedRate), median(runs, LatencyFigures::toCount),
                median(runs, LatencyFigures::toAlert), runs.stream().mapToInt(LatencyFigures::probesSent).sum(), runs);
    }

    /** The latency to the SURGE alert, or to the count. */
    Latencies.Summary to(boolean alert) {
        return alert ? toAlert : toCount;
    }

    /** Each run's p99 to a count or to the alert (runs that sampled nothing left out); this figure alone for one run. */
    Figures p99s(boolean toAlert) {
        List<LatencyFigures> each = runs.isEmpty() ? List.of(this) : runs;
        return new Figures("p99", "ms", each.stream().map(run -> run.to(toAlert))
                .filter(summary -> summary.samples() > 0).map(Latencies.Summary::p99).toList());
    }

    String describe() {
        return String.format("latency at %,d/s%s (achieved %,.0f/s): count p50/p99/p99.9 %s ms (%d samples); "
                        + "SURGE alert p50/p99/p99.9 %s ms (%d of %d probes)", targetRate,
                runs.isEmpty() ? "" : ", median of " + runs.size() + " runs", achievedRate, percentiles(toCount),
                toCount.samples(), percentiles(toAlert), toAlert.samples(), probesSent);
    }

    static String percentiles(Latencies.Summary summary) {
        return String.format("%.0f / %.0f / %.0f", summary.p50(), summary.p99(), summary.p999());
    }

    private static Latencies.Summary median(List<LatencyFigures> runs, Function<LatencyFigures, Latencies.Summary> latency) {
        List<Latencies.Summary> sampled = runs.stream().map(latency).filter(summary -> summary.samples() > 0).toList();
        if (sampled.isEmpty()) {
            return new Latencies.Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latencies.Summary(sampled.stream().mapToLong(Latencies.Summary::samples).sum(), middle(sampled, Latencies.Summary::p50), middle(sampled, Latencies.Summary::p99),
                middle(sampled, Latencies.Summary::p999), middle(sampled, Latencies.Summary::max));
    }

    private static <T> double middle(List<T> values, ToDoubleFunction<T> figure) {
        return new Figures("", "", values.stream().map(figure::applyAsDouble).toList()).median();
    }
}
