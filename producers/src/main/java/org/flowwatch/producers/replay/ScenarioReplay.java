package org.flowwatch.producers.replay;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.flowwatch.producers.publish.CrossingPublisher;

/** Replays the 2023 curve into Kafka through a {@link CrossingPublisher}, and tells what it sent. */
public final class ScenarioReplay {

    private final ReplaySettings settings;
    private final CrossingPublisher publisher;

    public ScenarioReplay(ReplaySettings settings, CrossingPublisher publisher) {
        this.settings = settings;
        this.publisher = publisher;
    }

    /** Blocks until every crossing is sent and acknowledged; returns people and groups sent. */
    public Sent run(CurveReplay.HourListener progress) throws InterruptedException {
        CrossingGenerator generator = new CrossingGenerator(settings.seed(), settings.postId(), settings.destinations());
        CurveReplay replay = new CurveReplay(ArrivalsCurve.reported2023(), generator, settings.speed());
        AtomicLong groups = new AtomicLong();
        long people = replay.run(settings.start(), settings.end(), crossing -> {
            publisher.publish(crossing);
            groups.incrementAndGet();
        }, progress);
        publisher.flush();
        return new Sent(people, groups.get(), settings.start(), settings.end());
    }

    /** What a replay handed to Kafka, all acknowledged. */
    public record Sent(long people, long groups, Instant from, Instant to) {
    }
}
