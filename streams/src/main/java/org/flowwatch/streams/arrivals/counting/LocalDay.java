package org.flowwatch.streams.arrivals.counting;

import org.apache.kafka.streams.kstream.Window;

/** One local day of the operation, midnight to midnight in its time zone (a window of {@link LocalDayWindows}). */
public final class LocalDay extends Window {

    public LocalDay(long startMs, long endMs) {
        super(startMs, endMs);
    }

    /** Days are tumbling: two overlap only when they are the same day. */
    @Override
    public boolean overlap(Window other) {
        return other instanceof LocalDay && startMs < other.end() && other.start() < endMs;
    }
}
