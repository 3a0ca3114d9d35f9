package org.flowwatch.producers.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.publish.PublishException;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.Threshold;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * Publishes the sites app's inputs that people set by hand: reference data (sites, items, thresholds, on their
 * compacted topics, keyed as the app looks them up) and supplies and site movements. acks=all and idempotent; every
 * call waits for the acknowledgement, so a command that returns has really changed the data.
 */
public final class ReferenceDataPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final FlowwatchSerdes serdes;

    public ReferenceDataPublisher(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        Map<String, Object> config = CommonSettings.reliableProducer(kafkaConfig);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.serdes = serdes;
    }

    public void site(Site site) {
        send(Topics.SITES, site.getSiteId(), site, Instant.now());
    }

    /** Keyed {@code itemId} for every site, {@code siteId/itemId} for one site's own figure. */
    public void item(Item item) {
        send(Topics.ITEMS, item.getSiteId() == null ? item.getItemId() : item.getSiteId() + "/" + item.getItemId(), item, Instant.now());
    }

    /** Keyed {@code siteId/itemId}; site '*' for every site without its own. */
    public void threshold(Threshold threshold) {
        send(Topics.THRESHOLDS, threshold.getSiteId() + "/" + threshold.getItemId(), threshold, Instant.now());
    }

    public void supply(SupplyEvent supply) {
        send(Topics.SUPPLIES, supply.getSiteId(), supply, supply.getOccurredAt());
    }

    public void movement(SiteMovement movement) {
        send(Topics.SITE_MOVEMENTS, MovementPublisher.keyOf(movement), movement, movement.getOccurredAt());
    }

    private <V> void send(TopicSpec<String, V> topic, String key, V value, Instant timestamp) {
        byte[] keyBytes = serdes.key(topic).serializer().serialize(topic.name(), key);
        byte[] valueBytes = serdes.value(topic).serializer().serialize(topic.name(), value);
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), keyBytes, valueBytes));
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted before Kafka acknowledged the change to " + topic.name(), e);
        } catch (ExecutionException e) {
            throw new PublishException("Kafka did not acknowledge the change to " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
