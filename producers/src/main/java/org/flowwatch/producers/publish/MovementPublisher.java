package org.flowwatch.producers.publish;

import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Publishes movements of people between sites, keyed by the site people leave (the site they reach for an arrival),
 * as the sites app keeps each site's population in order; stamped with when they moved, idempotent with acks=all.
 */
public final class MovementPublisher implements AutoCloseable {

    private final TopicPublisher<SiteMovement> publisher;

    public MovementPublisher(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        this.publisher = new TopicPublisher<>(Topics.SITE_MOVEMENTS, kafkaConfig, serdes);
    }

    /** The key of {@code movement} on {@link Topics#SITE_MOVEMENTS}. */
    public static String keyOf(SiteMovement movement) {
        return movement.getFromSiteId() != null ? movement.getFromSiteId() : movement.getToSiteId();
    }

    public Future<RecordMetadata> publish(SiteMovement movement) {
        return publisher.publish(keyOf(movement), movement.getOccurredAt(), movement);
    }

    public void flush() {
        publisher.flush();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
