package org.flowwatch.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which crossing made a post's hourly count reach a given total, and when it was sent. An {@code ArrivalCount}
 * carries no event time of its own ({@code updatedAt} is the task's stream time, which any post on the same
 * partition moves), but a post's crossings are counted in order on one partition and each adds at least one
 * person, so the count's total names the last crossing it includes. Totals skipped by the record cache are simply
 * never looked up.
 */
final class CrossingLedger {

    private final ConcurrentHashMap<Key, AtomicLong> totals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Long> sentAt = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Long> counted = new ConcurrentHashMap<>();

    private record Key(String postId, long windowStart, long total) {
    }

    /** Records a crossing of {@code people} at {@code postId} sent at {@code sentAtMillis} in the given window. */
    void sent(String postId, long windowStart, int people, long sentAtMillis) {
        long total = totals.computeIfAbsent(new Key(postId, windowStart, 0), k -> new AtomicLong()).addAndGet(people);
        sentAt.put(new Key(postId, windowStart, total), sentAtMillis);
    }

    /** Notes a count seen on the output, so {@link #allCounted()} can tell when the app has caught up. */
    void counted(String postId, long windowStart, long total) {
        counted.merge(new Key(postId, windowStart, 0), total, Math::max);
    }

    /** Whether every post's hourly count has reached the people sent there (call once sending has stopped). */
    boolean allCounted() {
        return totals.entrySet().stream().allMatch(t -> counted.getOrDefault(t.getKey(), 0L) >= t.getValue().get());
    }

    /** When the crossing that brought the post's window to {@code total} people was sent, or -1 if none did. */
    long sentAt(String postId, long windowStart, long total) {
        return sentAt.getOrDefault(new Key(postId, windowStart, total), -1L);
    }
}
