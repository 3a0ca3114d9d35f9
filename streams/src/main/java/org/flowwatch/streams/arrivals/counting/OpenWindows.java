package org.flowwatch.streams.arrivals.counting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The hourly or local-day counts of a task's scope keys, over their window store. The windows still open (stream time
 * not yet past their end plus grace) are held as objects, so a crossing reads nothing from the store; each change is
 * put in the store, whose record cache writes it to RocksDB and the changelog once per commit, in the commit's
 * transaction. A window closes once, when stream time passes its end plus grace: it leaves memory and is handed back
 * for its final count. What closed stays in the store (its retention) for queries.
 */
final class OpenWindows {

    static final long NO_TIME = Long.MIN_VALUE;
    // A local day with a clock change is an hour longer than the store's window size.
    private static final long LONGEST_EXTRA = 3_600_000L;
    private static final Comparator<OpenWindow> SUPPRESSION_ORDER =
            Comparator.<OpenWindow>comparingLong(open -> open.window.end()).thenComparing(open -> open.key);

    private final String storeName;
    private final WindowOf windowOf;
    private final TreeMap<Long, Map<String, OpenWindow>> byStart = new TreeMap<>();
    private TimestampedWindowStore<String, ArrivalTally> store;
    private Map<String, OpenWindow> lastKeys; // the keys of the window of the last crossing: most crossings fall there
    private long lastStart;
    private long closedUpTo = NO_TIME; // every window that ends at or before this is closed: stream time minus grace
    private long nextEnd; // the end of the window holding closedUpTo: nothing more closes before closedUpTo reaches it

    OpenWindows(String storeName, Windows<? extends Window> windows) {
        this.storeName = storeName;
        this.windowOf = new WindowOf(windows);
    }

    /** Opens the store and takes the windows still open at {@code streamTime} (restored state) back into memory. */
    List<OpenWindow> init(ProcessingContext context, long streamTime) {
        store = context.getStateStore(storeName);
        byStart.clear();
        lastKeys = null;
        closedUpTo = NO_TIME;
        if (streamTime == NO_TIME) {
            return List.of();
        }
        moveClosedUpTo(streamTime - windowOf.grace());
        List<OpenWindow> open = stored(closedUpTo, streamTime);
        open.forEach(window -> byStart.computeIfAbsent(window.window.start(), start -> new HashMap<>()).put(window.key, window));
        return open;
    }

    Window windowAt(long timestamp) {
        return windowOf.at(timestamp);
    }

    /** Kafka's rule for a windowed aggregation: a window is closed once stream time minus grace reaches its end. */
    boolean isClosed(Window window, long streamTime) {
        return window.end() <= streamTime - windowOf.grace();
    }

    /** Adds a crossing's figures (or a retraction's) to {@code key}'s count of {@code window}, an open one. */
    OpenWindow add(String key, Window window, ArrivalTally figures, long timestamp) {
        if (lastKeys == null || lastStart != window.start()) {
            lastKeys = byStart.computeIfAbsent(window.start(), start -> new HashMap<>());
            lastStart = window.start();
        }
        Map<String, OpenWindow> keys = lastKeys;
        OpenWindow open = keys.get(key);
        if (open == null) {
            open = storedOrNew(key, window, timestamp);
            keys.put(key, open);
        }
        open.tally.add(figures);
        open.timestamp = Math.max(open.timestamp, timestamp);
        store.put(key, ValueAndTimestamp.make(open.tally, open.timestamp), window.start());
        return open;
    }

    // A window not in memory is new, since every open window was read back on start; the store is asked once per
    // window and key anyway, so that a count is never started again from zero.
    private OpenWindow storedOrNew(String key, Window window, long timestamp) {
        ValueAndTimestamp<ArrivalTally> stored = store.fetch(key, window.start());
        return stored == null ? new OpenWindow(key, window, ArrivalTally.empty(), timestamp)
                : new OpenWindow(key, window, stored.value(), stored.timestamp());
    }

    /**
     * The windows that close now that stream time is {@code streamTime}, ordered as Kafka's suppression buffer
     * emitted them (by end, then key). They leave memory.
     */
    List<OpenWindow> closeAt(long streamTime) {
        long closeTo = streamTime - windowOf.grace();
        if (closedUpTo == NO_TIME) { // the task's first crossing: nothing is stored yet
            moveClosedUpTo(closeTo);
            return List.of();
        }
        if (closeTo < nextEnd) {
            return List.of();
        }
        List<OpenWindow> closed = stored(closedUpTo, closeTo);
        closed.removeIf(window -> window.window.end() > closeTo);
        for (int i = 0; i < closed.size(); i++) { // the object in memory, where there is one (callers track it)
            Map<String, OpenWindow> keys = byStart.get(closed.get(i).window.start());
            OpenWindow held = keys == null ? null : keys.get(closed.get(i).key);
            if (held != null) {
                closed.set(i, held);
            }
        }
        while (!byStart.isEmpty() && byStart.firstEntry().getValue().values().iterator().next().window.end() <= closeTo) {
            byStart.pollFirstEntry();
            lastKeys = null;
        }
        closed.sort(SUPPRESSION_ORDER);
        moveClosedUpTo(closeTo);
        return closed;
    }

    private void moveClosedUpTo(long closeTo) {
        closedUpTo = closeTo;
        nextEnd = windowOf.at(closeTo).end();
    }

    // The stored windows that end after `after`, starting no later than `startsBy`.
    private List<OpenWindow> stored(long after, long startsBy) {
        List<OpenWindow> found = new ArrayList<>();
        long from = Math.max(0, after - windowOf.size() - LONGEST_EXTRA + 1);
        if (startsBy < from) {
            return found;
        }
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<ArrivalTally>> windows = store.fetchAll(from, startsBy)) {
            while (windows.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<ArrivalTally>> window = windows.next();
                // the window as counted (a local day's real end), not as the store's fixed size gives it back
                Window counted = windowOf.at(window.key.window().start());
                if (counted.end() > after) {
                    found.add(new OpenWindow(window.key.key(), counted, window.value.value(), window.value.timestamp()));
                }
            }
        }
        return found;
    }
}
