package org.flowwatch.streams.arrivals.counting;

import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windows;

/**
 * The one window of tumbling {@link Windows} (hours, local days) a timestamp falls in. Remembers the last answer:
 * almost every crossing falls in the same window as the one before, and a local day costs a time-zone lookup.
 */
final class WindowOf {

    private final Windows<? extends Window> windows;
    private Window last;

    WindowOf(Windows<? extends Window> windows) {
        this.windows = windows;
    }

    Window at(long timestamp) {
        if (last == null || timestamp < last.start() || timestamp >= last.end()) {
            last = windows.windowsFor(timestamp).values().iterator().next();
        }
        return last;
    }

    long grace() {
        return windows.gracePeriodMs();
    }

    /** The store's window size: the longest window (a local day with a clock change is not 24 h; see LocalDayWindows). */
    long size() {
        return windows.size();
    }
}
