package org.flowwatch.streams.counting;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The rolling period (the last hour or the last 24 h) of each of a task's scope keys, as {@link RollingBuckets} held
 * in memory (one per key: a task holds a few hundred at most) over their key-value store. Every crossing, on time or
 * late, goes into it, as it did into the rolling aggregation; each change is put in the store, written out once per
 * commit by its record cache.
 */
final class RollingFigures {

    /** One key's buckets and the timestamp its figure carries (the latest crossing's, as Kafka's aggregation stamps it). */
    static final class Rolling {
        final String key;
        final RollingBuckets buckets;
        long timestamp;
        boolean unsent; // changed since its figure last went out (record cache on)

        Rolling(String key, RollingBuckets buckets, long timestamp) {
            this.key = key;
            this.buckets = buckets;
            this.timestamp = timestamp;
        }
    }

    private final String storeName;
    private final Duration length;
    private final Duration step;
    private final Map<String, Rolling> byKey = new HashMap<>();
    private TimestampedKeyValueStore<String, RollingBuckets> store;

    RollingFigures(String storeName, Duration length, Duration step) {
        this.storeName = storeName;
        this.length = length;
        this.step = step;
    }

    Duration length() {
        return length;
    }

    /** Opens the store and reads every key's buckets back into memory; returns the latest timestamp of any key, if any. */
    long init(ProcessingContext context) {
        store = context.getStateStore(storeName);
        byKey.clear();
        long latest = OpenWindows.NO_TIME;
        try (KeyValueIterator<String, ValueAndTimestamp<RollingBuckets>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<RollingBuckets>> entry = all.next();
                byKey.put(entry.key, new Rolling(entry.key, entry.value.value(), entry.value.timestamp()));
                latest = Math.max(latest, entry.value.timestamp());
            }
        }
        return latest;
    }

    Iterable<Rolling> all() {
        return byKey.values();
    }

    /** Adds a crossing's figures (or a retraction's) at its time of crossing to {@code key}'s buckets. */
    Rolling add(String key, ArrivalTally figures, long timestamp) {
        Rolling rolling = byKey.get(key);
        if (rolling == null) {
            rolling = new Rolling(key, new RollingBuckets(length, step), timestamp);
            byKey.put(key, rolling);
        } else {
            rolling.timestamp = Math.max(rolling.timestamp, timestamp);
        }
        rolling.buckets.add(figures.latest(), figures.people(), figures.groups(), figures.vehicles());
        store.put(key, ValueAndTimestamp.make(rolling.buckets, rolling.timestamp));
        return rolling;
    }
}
