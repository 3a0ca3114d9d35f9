package org.flowwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a condition on a child JVM's work (read from outside, e.g. its group's committed offsets) while the child
 * lives, sampling its RSS every 200 ms; fails, naming the child's log, if it dies or the time limit passes.
 */
final class ChildWatch {

    interface Check {
        boolean done() throws Exception;
    }

    private final ChildJvm child;
    private final Path log;
    private final String what;
    private final long deadline;
    private long peakRss;

    /** @param what the child as a failure names it, e.g. "the streams app of the footprint section" */
    ChildWatch(ChildJvm child, Path log, String what, Duration limit) {
        this.child = child;
        this.log = log;
        this.what = what;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    void until(Check check) throws Exception {
        while (!check.done()) {
            if (!child.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " stopped or fell behind; its log: " + log);
            }
            peakRss = Math.max(peakRss, child.rssBytes());
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The highest RSS sampled while waiting. */
    long peakRssSampled() {
        return peakRss;
    }
}
