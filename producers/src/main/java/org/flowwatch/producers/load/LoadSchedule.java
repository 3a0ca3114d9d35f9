package org.flowwatch.producers.load;

import java.time.Duration;

/**
 * When the i-th record is due, in nanoseconds after the start: evenly spaced for a steady load; for a bursty one,
 * {@code factor} times the rate during the first 1/factor of each period and nothing in the rest, so the average
 * stays the rate asked for.
 */
public record LoadSchedule(Pattern pattern, double rate, double factor, Duration period) {

    public enum Pattern { STEADY, BURSTY }

    public long dueNanos(long index) {
        if (pattern == Pattern.STEADY) {
            return (long) (index * 1e9 / rate);
        }
        long perPeriod = Math.max(1, (long) (rate * period.toNanos() / 1e9));
        long periodIndex = index / perPeriod;
        long inPeriod = index % perPeriod;
        return periodIndex * period.toNanos() + (long) (inPeriod * 1e9 / (rate * factor));
    }
}
