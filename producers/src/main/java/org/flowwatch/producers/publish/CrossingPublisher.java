package org.flowwatch.producers.publish;

import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Publishes crossings to the crossings topic, keyed by post (so one post's events stay in order) and stamped with
 * the time the group crossed; idempotent with acks=all (see {@link TopicPublisher}).
 */
public final class CrossingPublisher implements AutoCloseable {

    private final TopicPublisher<CrossingEvent> publisher;

    public CrossingPublisher(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        this.publisher = new TopicPublisher<>(Topics.CROSSINGS, kafkaConfig, serdes);
    }

    public Future<RecordMetadata> publish(CrossingEvent crossing) {
        return publisher.publish(crossing.getPostId(), crossing.getOccurredAt(), crossing);
    }

    /** Blocks until every crossing handed over so far is acknowledged; throws {@link PublishException} if any was not. */
    public void flush() {
        publisher.flush();
    }

    public double bytesSent() {
        return publisher.bytesSent();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
