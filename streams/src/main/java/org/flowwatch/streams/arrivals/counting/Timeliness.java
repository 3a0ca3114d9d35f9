package org.flowwatch.streams.arrivals.counting;

import org.apache.kafka.streams.kstream.Window;

/** A crossing as it reached a count: on time, or too late for the window it belongs to (that window named). */
public record Timeliness(CountedCrossing crossing, Window missedWindow, long streamTime) {

    public boolean isLate() {
        return missedWindow != null;
    }
}
