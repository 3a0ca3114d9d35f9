package org.flowwatch.streams.arrivals.counting;

import org.apache.kafka.streams.kstream.Window;

/**
 * One window of one scope key that can still change: its tally, held as an object between crossings, and the
 * timestamp its count carries (the latest crossing's, as Kafka's windowed aggregation stamps its results).
 */
final class OpenWindow {

    final String key;
    final Window window;
    final ArrivalTally tally;
    long timestamp;
    boolean unsent; // changed since its count last went out (record cache on)

    OpenWindow(String key, Window window, ArrivalTally tally, long timestamp) {
        this.key = key;
        this.window = window;
        this.tally = tally;
        this.timestamp = timestamp;
    }
}
