package org.flowwatch.producers.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * Replays the reported arrivals curve hour by hour through one border post, at a chosen speed: {@code speed} hours
 * of event time per hour of wall time (3600 = an hour a second; 0 = as fast as possible).
 */
public final class CurveReplay {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ArrivalsCurve curve;
    private final CrossingGenerator generator;
    private final double speed;

    public CurveReplay(ArrivalsCurve curve, CrossingGenerator generator, double speed) {
        this.curve = curve;
        this.generator = generator;
        this.speed = speed;
    }

    /** Sends every group arriving in [from, to) to {@code sink}, pacing by event time; returns people sent. */
    public long run(Instant from, Instant to, Consumer<CrossingEvent> sink, HourListener listener) throws InterruptedException {
        long started = System.nanoTime();
        long people = 0;
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(HOUR)) {
            List<CrossingEvent> groups = generator.groups(curve.peopleBetween(hour, hour.plus(HOUR)), hour, HOUR);
            for (CrossingEvent group : groups) {
                waitUntil(started, Duration.between(from, group.getOccurredAt()));
                sink.accept(group);
                people += group.getPeople();
            }
            listener.hourSent(hour, people);
        }
        return people;
    }

    private void waitUntil(long startedNanos, Duration eventOffset) throws InterruptedException {
        if (speed <= 0) {
            return;
        }
        long dueNanos = startedNanos + (long) (eventOffset.toNanos() / speed);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos); // pacing a replay is waiting on the wall clock by design
        }
    }

    /** Told after each hour of event time has been handed over, with the running total of people. */
    @FunctionalInterface
    public interface HourListener {
        void hourSent(Instant hour, long peopleSoFar);
    }
}
