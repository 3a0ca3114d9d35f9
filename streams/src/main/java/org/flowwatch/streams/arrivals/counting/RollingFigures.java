package org.flowwatch.streams.arrivals.counting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The rolling periods (the last hour, the last 24 h) of each of a task's scope keys, as {@link RollingPeriods} held
 * in memory (one per key: a task holds a few hundred at most) over their key-value store. Every crossing, on time or
 * late, goes into them, as it did into the rolling aggregations; each change is put in the store, written out once
 * per commit by its record cache.
 */
final class RollingFigures {

    /** One key's periods and the timestamp its figures carry (the latest crossing's, as Kafka's aggregation stamps it). */
    static final class Rolling {
        final String key;
        final RollingPeriods periods;
        long timestamp;
        boolean unsent; // changed since its figures last went out (record cache on)

        Rolling(String key, RollingPeriods periods, long timestamp) {
            this.key = key;
            this.periods = periods;
            this.timestamp = timestamp;
        }
    }

    private final String storeName;
    private final List<ScopeCounter.Period> periods;
    private final Map<String, Rolling> byKey = new HashMap<>();
    private TimestampedKeyValueStore<String, RollingPeriods> store;

    RollingFigures(String storeName, List<ScopeCounter.Period> periods) {
        this.storeName = storeName;
        this.periods = List.copyOf(periods);
    }

    List<ScopeCounter.Period> periods() {
        return periods;
    }

    /** Opens the store and reads every key's periods back into memory; returns the latest timestamp of any key, if any. */
    long init(ProcessingContext context) {
        store = context.getStateStore(storeName);
        byKey.clear();
        long latest = OpenWindows.NO_TIME;
        try (KeyValueIterator<String, ValueAndTimestamp<RollingPeriods>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<RollingPeriods>> entry = all.next();
                byKey.put(entry.key, new Rolling(entry.key, entry.value.value(), entry.value.timestamp()));
                latest = Math.max(latest, entry.value.timestamp());
            }
        }
        return latest;
    }

    Iterable<Rolling> all() {
        return byKey.values();
    }

    /** Adds a crossing's figures (or a retraction's) at its time of crossing to each of {@code key}'s periods. */
    Rolling add(String key, ArrivalTally figures, long timestamp) {
        Rolling rolling = byKey.get(key);
        if (rolling == null) {
            rolling = new Rolling(key, RollingPeriods.empty(periods), timestamp);
            byKey.put(key, rolling);
        } else {
            rolling.timestamp = Math.max(rolling.timestamp, timestamp);
        }
        for (int i = 0; i < rolling.periods.count(); i++) {
            rolling.periods.get(i).add(figures.latest(), figures.people(), figures.groups(), figures.vehicles());
        }
        store.put(key, ValueAndTimestamp.make(rolling.periods, rolling.timestamp));
        return rolling;
    }
}
