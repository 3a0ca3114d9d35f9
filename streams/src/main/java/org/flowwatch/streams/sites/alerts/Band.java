package org.flowwatch.streams.sites.alerts;

/**
 * A warning and a critical threshold on one reading, with hysteresis: a level rises as soon as the reading crosses a
 * threshold, but steps down only once the reading is clearly back, i.e. past the threshold by {@code margin} (0.1 =
 * 10 %). So a value wobbling around a threshold keeps one episode open instead of opening and closing a storm.
 */
public record Band(double warning, double critical, boolean worseWhenBelow, double margin) {

    public Band {
        if (margin < 0) {
            throw new IllegalArgumentException("margin must not be negative, got " + margin);
        }
    }

    /** For readings where less is worse, e.g. days of cover. */
    public static Band below(double warning, double critical, double margin) {
        return new Band(warning, critical, true, margin);
    }

    /** For readings where more is worse, e.g. occupancy or arrivals per hour. */
    public static Band above(double warning, double critical, double margin) {
        return new Band(warning, critical, false, margin);
    }

    /** The level of {@code value} for an episode standing at {@code current}. */
    public Level level(double value, Level current) {
        Level raw = rawLevel(value);
        if (!current.isWorseThan(raw)) {
            return raw;
        }
        // Lower than now: only as far down as the value is clearly back, never below the raw level.
        Level clearlyBack = rawLevel(pulledBackByMargin(value));
        return current.isWorseThan(clearlyBack) ? clearlyBack : current;
    }

    private Level rawLevel(double value) {
        if (isPast(value, critical)) {
            return Level.CRITICAL;
        }
        return isPast(value, warning) ? Level.WARNING : Level.NORMAL;
    }

    private boolean isPast(double value, double threshold) {
        return worseWhenBelow ? value < threshold : value >= threshold;
    }

    // The value moved towards "worse" by the margin: if it is still fine after that, it is clearly fine.
    private double pulledBackByMargin(double value) {
        return worseWhenBelow ? value / (1 + margin) : value * (1 + margin);
    }
}
