package org.flowwatch.producers.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays a scenario hour by hour at a chosen speed: {@code speed} hours of event time per hour of wall time
 * (3600 = an hour a second; 0 = as fast as possible). Deliveries go out in event-time order of when they are due,
 * so a silent post's backlog and resends arrive late, as they would from the field.
 */
public final class CurveReplay {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ScenarioPlan plan;
    private final double speed;
    private final PriorityQueue<Queued> due = new PriorityQueue<>(
            Comparator.comparing((Queued queued) -> queued.delivery().deliverAt()).thenComparingLong(Queued::order));
    private long order;

    CurveReplay(ScenarioPlan plan, double speed) {
        this.plan = plan;
        this.speed = speed;
    }

    /** Sends everything planned for [from, to), and what falls due after {@code to}, recording it in {@code truth}. */
    void run(Instant from, Instant to, ScenarioSink sink, GroundTruth truth, HourListener listener) throws InterruptedException {
        long started = System.nanoTime();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(HOUR)) {
            plan.hour(hour).forEach(delivery -> due.add(new Queued(delivery, order++)));
            deliverUntil(hour.plus(HOUR), from, started, sink, truth);
            listener.hourSent(hour, truth.people());
        }
        deliverUntil(Instant.MAX, from, started, sink, truth);
    }

    private void deliverUntil(Instant end, Instant from, long started, ScenarioSink sink, GroundTruth truth) throws InterruptedException {
        while (!due.isEmpty() && due.peek().delivery().deliverAt().isBefore(end)) {
            Delivery delivery = due.poll().delivery();
            waitUntil(started, Duration.between(from, delivery.deliverAt()));
            deliver(delivery, sink, truth);
        }
    }

    private static void deliver(Delivery delivery, ScenarioSink sink, GroundTruth truth) {
        if (delivery instanceof Delivery.Crossing crossing) {
            sink.crossing(crossing.crossing());
            if (crossing.resend()) {
                truth.resent();
            } else {
                truth.sent(crossing.crossing());
            }
        } else if (delivery instanceof Delivery.Heartbeat heartbeat) {
            sink.heartbeat(heartbeat.heartbeat());
            truth.heartbeat();
        } else if (delivery instanceof Delivery.Supply supply) {
            sink.supply(supply.supply());
            truth.supply();
        } else if (delivery instanceof Delivery.Movement movement) {
            sink.movement(movement.movement());
            truth.moved(movement.movement());
        }
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

    private record Queued(Delivery delivery, long order) {
    }

    /** Told after each hour of event time has been handed over, with the running total of people. */
    @FunctionalInterface
    public interface HourListener {
        void hourSent(Instant hour, long peopleSoFar);
    }
}
