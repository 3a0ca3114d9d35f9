package org.flowwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flowwatch.bench.SweepSettings.Dimension;

/**
 * What the sweep measured: per point of each dimension the full topology's and the bare count's throughput (both
 * exactly_once_v2), and the state on disk at each size; and, from these alone, how each cost grows.
 */
record SweepFigures(List<Row> rows, List<StateSize> states) {

    static final String FULL = "full flowwatch topology, " + BenchReport.EXACTLY_ONCE;
    static final String BARE = "bare 1 h windowed count, " + BenchReport.EXACTLY_ONCE;
    static final String STATE = "state on disk";
    private static final double MIB = 1024 * 1024;
    /** Cost ratios within this factor either way are taken as no change (the noise of one shared machine). */
    private static final double FLAT = 1.25;

    SweepFigures {
        rows = List.copyOf(rows);
        states = List.copyOf(states);
    }

    /**
     * One point: the dimension varied, the value it took ({@code base} when it is the default), records/s of both
     * runs; no full figure where a run's counts did not hold the people sent ({@code refused} says what they held).
     */
    record Row(Dimension dimension, double value, String text, boolean base, Optional<Figures> full, Figures bare,
               Optional<String> refused) {

        Row(Dimension dimension, double value, String text, boolean base, Figures full, Figures bare) {
            this(dimension, value, text, base, Optional.of(full), bare, Optional.empty());
        }

        Optional<Double> ratio() {
            return full.map(f -> f.median() / bare.median());
        }
    }

    /** The full topology's state directory once closed, after counting this many crossings. */
    record StateSize(long crossings, long bytes) {

        double mib() {
            return bytes / MIB;
        }

        double mibPerMillion() {
            return mib() * 1e6 / crossings;
        }
    }

    /**
     * From the smallest value of a dimension to its largest: how much the value grew, how much the cost grew with it
     * (per crossing: the inverse of throughput; for the state: its size), and the exponent {@code ln(cost) / ln(value)}
     * (1: linear).
     */
    record Growth(String what, double valueRatio, double costRatio, Optional<Double> bareCostRatio) {

        double exponent() {
            return Math.log(costRatio) / Math.log(valueRatio);
        }

        boolean linear() {
            return costRatio >= FLAT && exponent() >= 0.75 && exponent() <= 1.25;
        }

        String verdict() {
            if (costRatio <= 1 / FLAT) {
                return "falls";
            }
            if (costRatio < FLAT) {
                return "does not grow";
            }
            if (exponent() > 1.25) {
                return "grows faster than linearly";
            }
            return exponent() >= 0.75 ? "grows linearly" : "grows less than linearly";
        }

        String sentence() {
            return String.format("%s ×%s: cost ×%.2f (exponent %.2f%s), %s", what, times(valueRatio), costRatio, exponent(),
                    bareCostRatio.map(bare -> String.format("; bare count ×%.2f", bare)).orElse(""), verdict());
        }

        private static String times(double ratio) {
            return ratio == Math.rint(ratio) ? String.format("%,.0f", ratio) : String.format("%.1f", ratio);
        }
    }

    List<Row> rowsOf(Dimension dimension) {
        return rows.stream().filter(r -> r.dimension() == dimension).toList();
    }

    /** Every dimension with at least two values, then the state on disk if taken at two sizes or more. */
    List<Growth> growth() {
        List<Growth> growth = new ArrayList<>();
        for (Dimension dimension : judged()) {
            List<Row> rows = rowsOf(dimension);
            Row first = rows.get(0);
            Row last = rows.get(rows.size() - 1);
            growth.add(new Growth(dimension.label(), last.value() / first.value(),
                    first.full().orElseThrow().median() / last.full().orElseThrow().median(),
                    Optional.of(first.bare().median() / last.bare().median())));
        }
        if (states.size() >= 2 && states.get(states.size() - 1).crossings() > states.get(0).crossings()) {
            StateSize first = states.get(0);
            StateSize last = states.get(states.size() - 1);
            growth.add(new Growth(STATE + " (crossings)", last.crossings() / (double) first.crossings(),
                    last.bytes() / (double) first.bytes(), Optional.empty()));
        }
        return growth;
    }

    // Dimensions with two values or more whose smallest and largest both have a full figure.
    private List<Dimension> judged() {
        return List.of(Dimension.values()).stream().filter(d -> rowsOf(d).size() >= 2 && ends(d).stream().allMatch(r -> r.full().isPresent()))
                .toList();
    }

    private List<Row> ends(Dimension dimension) {
        List<Row> rows = rowsOf(dimension);
        return List.of(rows.get(0), rows.get(rows.size() - 1));
    }

    /** The line under the table: each dimension's growth, then which grow linearly and which do not. */
    String growthLine() {
        List<Growth> growth = growth();
        List<String> unjudged = List.of(Dimension.values()).stream().filter(d -> rowsOf(d).size() >= 2 && !judged().contains(d))
                .map(d -> d.label() + " (the full topology's counts were refused at " + String.join(", ", ends(d).stream()
                        .filter(r -> r.full().isEmpty()).map(Row::text).toList()) + ")").toList();
        if (growth.isEmpty() && unjudged.isEmpty()) {
            return "";
        }
        List<String> linear = growth.stream().filter(Growth::linear).map(Growth::what).toList();
        List<String> notLinear = growth.stream().filter(g -> !g.linear()).map(Growth::what).toList();
        return "**How it grows** (full topology, smallest to largest value; cost per crossing = 1 / throughput): "
                + String.join("; ", growth.stream().map(Growth::sentence).toList()) + ". **Linear:** "
                + (linear.isEmpty() ? "none" : String.join(", ", linear)) + ". **Not linear:** "
                + (notLinear.isEmpty() ? "none" : String.join(", ", notLinear)) + "."
                + (unjudged.isEmpty() ? "" : " **Not judged:** " + String.join(", ", unjudged) + ".");
    }
}
