package org.flowwatch.producers.replay;

import java.time.Instant;
import java.util.Map;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/** Replays the 2023 scenario into Kafka (or any {@link ScenarioSink}), and tells exactly what it sent. */
public final class ScenarioReplay {

    private final ReplaySettings settings;

    public ScenarioReplay(ReplaySettings settings) {
        this.settings = settings;
    }

    /** Plays the scenario into {@code sink}; the ground truth is written to the truth file when one is set. */
    public Sent run(ScenarioSink sink, CurveReplay.HourListener progress) throws InterruptedException {
        Sent sent = play(sink, progress);
        settings.truthFile().ifPresent(sent.truth()::write);
        return sent;
    }

    /** Plays the scenario into Kafka; blocks until every record is acknowledged, then writes the ground truth. */
    public Sent runInto(Publishers publishers, CurveReplay.HourListener progress) throws InterruptedException {
        Sent sent = play(publishers, progress);
        publishers.flush();
        settings.truthFile().ifPresent(sent.truth()::write);
        return sent;
    }

    private Sent play(ScenarioSink sink, CurveReplay.HourListener progress) throws InterruptedException {
        GroundTruth truth = new GroundTruth(settings);
        new CurveReplay(new ScenarioPlan(settings, ArrivalsCurve.reported2023()), settings.speed())
                .run(settings.start(), settings.end(), sink, truth, progress);
        return new Sent(truth.people(), truth.groups(), truth.resends(), settings.start(), settings.end(), truth);
    }

    /**
     * What a replay sent: {@code people} and {@code groups} count each eventId once (the resends are extra
     * records with an eventId already sent), so {@code people} is what the pipeline must count.
     */
    public record Sent(long people, long groups, long resends, Instant from, Instant to, GroundTruth truth) {
    }

    /** The Kafka side of a replay: crossings, heartbeats, supplies and movements of people, each to its topic. */
    public record Publishers(CrossingPublisher crossings, TopicPublisher<PostHeartbeat> heartbeats,
                             TopicPublisher<SupplyEvent> supplies, MovementPublisher movements) implements ScenarioSink, AutoCloseable {

        /** One publisher per topic a replay writes, on the given Kafka. */
        public static Publishers open(Map<String, Object> kafka, FlowwatchSerdes serdes) {
            return new Publishers(new CrossingPublisher(kafka, serdes), new TopicPublisher<>(Topics.HEARTBEATS, kafka, serdes),
                    new TopicPublisher<>(Topics.SUPPLIES, kafka, serdes), new MovementPublisher(kafka, serdes));
        }

        @Override
        public void crossing(CrossingEvent crossing) {
            crossings.publish(crossing);
        }

        @Override
        public void heartbeat(PostHeartbeat heartbeat) {
            heartbeats.publish(heartbeat.getPostId(), heartbeat.getSentAt(), heartbeat);
        }

        @Override
        public void supply(SupplyEvent supply) {
            supplies.publish(supply.getSiteId(), supply.getOccurredAt(), supply);
        }

        @Override
        public void movement(SiteMovement movement) {
            movements.publish(movement);
        }

        void flush() {
            crossings.flush();
            heartbeats.flush();
            supplies.flush();
            movements.flush();
        }

        @Override
        public void close() {
            crossings.close();
            heartbeats.close();
            supplies.close();
            movements.close();
        }
    }
}
