package org.flowwatch.bench.flink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When the job read its first crossing: where its clock starts, as the Streams rows' clock starts when their app is
 * RUNNING and polls. Everything before (JVM, MiniCluster, scheduling, deploying and opening the tasks, the sink's
 * transactional set-up) is start-up, outside the clock. Static because the local MiniCluster runs the source
 * readers in this JVM, on the application class loader (the job ships no jars of its own).
 */
final class FirstRecordClock {

    private static final AtomicLong FIRST_READ_NANOS = new AtomicLong();

    private FirstRecordClock() {
    }

    /** Called for every record; only the first of all readers sets the time (one volatile read after that). */
    static void recordRead() {
        if (FIRST_READ_NANOS.get() == 0) {
            FIRST_READ_NANOS.compareAndSet(0, System.nanoTime());
        }
    }

    /** @throws IllegalStateException when no record was read: there is nothing to time */
    static long firstReadNanos() {
        long first = FIRST_READ_NANOS.get();
        if (first == 0) {
            throw new IllegalStateException("the job read no crossing");
        }
        return first;
    }
}
