package org.flowwatch.streams.counting;

import org.apache.kafka.streams.kstream.Window;
import org.flowwatch.schemas.avro.CrossingEvent;

/** A crossing as it reached a count: on time, or too late for the window it belongs to (that window named). */
public record Timeliness(CrossingEvent crossing, Window missedWindow, long streamTime) {

    public boolean isLate() {
        return missedWindow != null;
    }
}
