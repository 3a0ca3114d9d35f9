package org.flowwatch.streams.sites.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * People arriving per scope (a post, a region) per 5-minute bucket of event time, over the window store that keeps
 * them across restarts. The buckets of the last {@code span} before stream time are mirrored in memory, a ring per
 * scope, so judging a surge (the last hour, and the 24 h before it: 300 buckets) reads an array, not the store: with
 * every crossing judged, those two range reads were most of the SURGE cost. The store stays the truth: a scope's ring
 * is filled from it the first time the scope is read after a (re)start, so a restarted task reads the same figures.
 */
public final class ArrivalBuckets {

    private final WindowStore<String, Long> store;
    private final long bucket;
    private final int slots;
    private final Map<String, Ring> rings = new HashMap<>();

    /** Over {@code store} (windows of {@code bucket}); reads reach back {@code span} from stream time at most. */
    public ArrivalBuckets(WindowStore<String, Long> store, Duration bucket, Duration span) {
        this.store = store;
        this.bucket = bucket.toMillis();
        this.slots = Math.toIntExact(span.toMillis() / this.bucket) + 1;
    }

    /** The start of the bucket holding {@code timestamp}. */
    public long bucketOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, bucket);
    }

    /** Adds {@code people} to {@code scope}'s bucket at {@code timestamp}; {@code now} is stream time (at or after it). */
    public void add(String scope, long timestamp, long people, long now) {
        long at = bucketOf(timestamp);
        Ring ring = ring(scope, now);
        long total = (ring.holds(at) ? ring.people(at) : ring.knowsEmpty(at) ? 0 : storedSum(scope, at, at)) + people;
        store.put(scope, total, at);
        ring.put(at, total);
    }

    /** People of {@code scope} in the buckets from {@code fromBucket} to {@code toBucket}, both included. */
    public long sum(String scope, long fromBucket, long toBucket, long now) {
        Ring ring = ring(scope, now);
        long total = 0;
        for (long at = fromBucket; at <= toBucket; at += bucket) {
            if (ring.holds(at)) {
                total += ring.people(at);
            } else if (!ring.knowsEmpty(at)) { // older than the ring reaches: rare, so read the store
                return storedSum(scope, fromBucket, toBucket);
            }
        }
        return total;
    }

    private Ring ring(String scope, long now) {
        Ring ring = rings.get(scope);
        if (ring == null) {
            ring = new Ring(bucketOf(now) - (slots - 1) * bucket);
            try (WindowStoreIterator<Long> stored = store.fetch(scope, ring.from, Long.MAX_VALUE)) {
                while (stored.hasNext()) {
                    KeyValue<Long, Long> entry = stored.next();
                    ring.put(entry.key, entry.value);
                }
            }
            rings.put(scope, ring);
        }
        return ring;
    }

    private long storedSum(String scope, long fromBucket, long toBucket) {
        long total = 0;
        try (WindowStoreIterator<Long> counts = store.fetch(scope, fromBucket, toBucket)) {
            while (counts.hasNext()) {
                total += counts.next().value;
            }
        }
        return total;
    }

    /**
     * One scope's buckets by slot (bucket number modulo the slots): a slot holds the newest bucket written to it, so a
     * bucket a whole span older, which no read reaches any more, is overwritten, and an older write never replaces a
     * newer bucket.
     */
    private final class Ring {
        private final long from; // every stored bucket from here on was read into the ring when it was made
        private final long[] starts = new long[slots];
        private final long[] people = new long[slots];

        Ring(long from) {
            this.from = from;
            Arrays.fill(starts, Long.MIN_VALUE);
        }

        boolean holds(long at) {
            return starts[slot(at)] == at;
        }

        /** True if the store holds nothing for {@code at}: it is not in the ring, and neither older than the ring's
         *  first read nor a whole span before the bucket that took its slot. */
        boolean knowsEmpty(long at) {
            return at >= from && starts[slot(at)] < at;
        }

        long people(long at) {
            return people[slot(at)];
        }

        void put(long at, long total) {
            int slot = slot(at);
            if (starts[slot] <= at) {
                starts[slot] = at;
                people[slot] = total;
            }
        }

        private int slot(long at) {
            return (int) Math.floorMod(Math.floorDiv(at, bucket), (long) slots);
        }
    }
}
