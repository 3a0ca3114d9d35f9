package org.flowwatch.bench;

/**
 * A fixed input rate: how many events should have been sent after a given time. The sender catches up in bursts
 * instead of sleeping per event, because a sleep per event at 50,000 events/s is below the scheduler's resolution.
 */
record Pacer(double eventsPerSecond) {

    Pacer {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + eventsPerSecond);
        }
    }

    /** Events due after {@code elapsedNanos} since the first send (the first is due at once). */
    long dueBy(long elapsedNanos) {
        return 1 + (long) Math.floor(elapsedNanos * eventsPerSecond / 1e9);
    }

    /** Nanoseconds from the first send until event number {@code index} (0-based) is due. */
    long dueAt(long index) {
        return (long) Math.ceil(index * 1e9 / eventsPerSecond);
    }
}
