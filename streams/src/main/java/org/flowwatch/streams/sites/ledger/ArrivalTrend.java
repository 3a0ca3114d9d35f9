package org.flowwatch.streams.sites.ledger;

import java.util.NavigableMap;

/**
 * The arrivals a site should expect per hour, from the people routed to it in the last complete hours: a straight
 * line fitted to them (least squares), whose slope is damped hour by hour (each hour ahead adds {@code damping} times
 * the slope of the hour before), so a rise or a fall carries on for a few hours and then levels off instead of
 * running to absurd figures by the end of three days. Never below zero.
 */
public record ArrivalTrend(double level, double slope, double damping) {

    public static final ArrivalTrend NONE = new ArrivalTrend(0, 0, 0);

    /** From people per hour (keyed by the hour's start), using up to {@code hours} complete hours before {@code now}. */
    public static ArrivalTrend fit(NavigableMap<Long, Long> byHour, Long firstAt, long now, int hours, double damping) {
        long currentHour = SiteLedger.hourOf(now);
        long from = Math.max(currentHour - hours * SiteLedger.HOUR_MS, firstAt == null ? currentHour : SiteLedger.hourOf(firstAt));
        int n = (int) ((currentHour - from) / SiteLedger.HOUR_MS);
        if (n <= 0) {
            return NONE;
        }
        double sumX = 0, sumY = 0, sumXY = 0, sumXX = 0;
        for (int i = 0; i < n; i++) {
            double y = byHour.getOrDefault(from + i * SiteLedger.HOUR_MS, 0L);
            sumX += i;
            sumY += y;
            sumXY += i * y;
            sumXX += (double) i * i;
        }
        double slope = n < 2 ? 0 : (n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX);
        double level = sumY / n + slope * ((n - 1) - sumX / n); // the line's value at the last complete hour
        return new ArrivalTrend(Math.max(0, level), slope, damping);
    }

    /** Expected people per hour, {@code hoursAhead} hours after the last complete hour. */
    public double perHourAt(double hoursAhead) {
        double damped = damping <= 0 ? 0 : damping >= 1 ? hoursAhead
                : damping * (1 - Math.pow(damping, hoursAhead)) / (1 - damping);
        return Math.max(0, level + slope * damped);
    }

    public ArrivalTrend times(double factor) {
        return new ArrivalTrend(level * factor, slope * factor, damping);
    }
}
