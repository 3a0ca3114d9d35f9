package org.flowwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * A child's resident memory, sampled every 250 ms, while it idles or while crossings are handed to it at a fixed
 * rate (in catch-up bursts, see {@link Pacer}).
 */
final class MemoryPhase {

    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final double MIB = 1024 * 1024;

    /** Where the crossings go: a post's standard input, the gateway's HTTP API. */
    interface CrossingSink {
        void send(CrossingEvent crossing) throws IOException, InterruptedException;

        /** Returns once every crossing handed over has been taken (the gateway: answered 201). */
        void finish() throws IOException, InterruptedException;
    }

    /** The RSS samples in MiB, the crossings handed over and how fast. */
    record Result(List<Double> rssMib, long sent, double perSecond) {

        double medianMib() {
            return samples().median();
        }

        Figures samples() {
            return new Figures("rss", "MiB", rssMib);
        }
    }

    private MemoryPhase() {
    }

    static Result idle(ChildJvm child, Duration length, Path log) throws IOException, InterruptedException {
        return run(child, length, null, null, null, log);
    }

    static Result paced(ChildJvm child, Duration length, Pacer pacer, EdgeCrossings crossings, CrossingSink sink, Path log)
            throws IOException, InterruptedException {
        return run(child, length, pacer, crossings, sink, log);
    }

    private static Result run(ChildJvm child, Duration length, Pacer pacer, EdgeCrossings crossings, CrossingSink sink, Path log)
            throws IOException, InterruptedException {
        List<Double> samples = new ArrayList<>();
        long started = System.nanoTime();
        long nextSample = 0;
        long sent = 0;
        long elapsed;
        while ((elapsed = System.nanoTime() - started) < length.toNanos()) {
            requireAlive(child, log);
            for (long due = pacer == null ? 0 : pacer.dueBy(elapsed); sent < due; sent++) {
                sink.send(crossings.next(Instant.ofEpochMilli(System.currentTimeMillis())));
            }
            if (elapsed >= nextSample) {
                samples.add(child.rssBytes() / MIB);
                nextSample += SAMPLE_NANOS;
            }
            long wake = pacer == null ? nextSample : Math.min(nextSample, pacer.dueAt(sent));
            LockSupport.parkNanos(Math.max(0, wake - (System.nanoTime() - started)));
        }
        return new Result(samples, sent, sent / ((System.nanoTime() - started) / 1e9));
    }

    static void requireAlive(ChildJvm child, Path log) {
        if (!child.alive()) {
            throw new IllegalStateException("the " + child.what() + " of the edge section stopped; its log: " + log);
        }
    }
}
