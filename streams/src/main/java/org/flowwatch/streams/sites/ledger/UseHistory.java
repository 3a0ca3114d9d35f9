package org.flowwatch.streams.sites.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The modelled use of one item over the last days, as points (time, cumulative use) at most about an hour apart, so
 * that a stock counted or a distribution reported for a period in the past can be set against the use the model
 * assumed since then. Between points use is taken as even (it is, unless the population changed in between).
 */
public final class UseHistory {

    static final long KEEP_MS = 72 * 3_600_000L;
    private static final long POINT_EVERY_MS = 3_600_000L;

    public List<long[]> points = new ArrayList<>(); // {time ms, cumulative use in micro-units}
    public double cumulative;

    /** The model used {@code use} more, up to {@code at}. */
    public void add(double use, long at) {
        cumulative += use;
        long[] point = {at, Math.round(cumulative * 1_000_000)};
        int last = points.size() - 1;
        if (last >= 1 && at - points.get(last - 1)[0] < POINT_EVERY_MS) {
            points.set(last, point); // the newest point moves on until it is an hour past the one before
        } else {
            points.add(point);
        }
        while (points.size() > 2 && points.get(1)[0] < at - KEEP_MS) {
            points.remove(0);
        }
    }

    /** The modelled use between {@code from} and {@code to} (clamped to what the history holds). */
    public double between(long from, long to) {
        return Math.max(0, cumulativeAt(to) - cumulativeAt(from));
    }

    private double cumulativeAt(long at) {
        if (points.isEmpty()) {
            return cumulative;
        }
        if (at <= points.get(0)[0]) {
            return points.get(0)[1] / 1e6;
        }
        for (int i = 1; i < points.size(); i++) {
            long[] after = points.get(i);
            if (at <= after[0]) {
                long[] before = points.get(i - 1);
                double share = after[0] == before[0] ? 1 : (double) (at - before[0]) / (after[0] - before[0]);
                return (before[1] + share * (after[1] - before[1])) / 1e6;
            }
        }
        return cumulative;
    }
}
