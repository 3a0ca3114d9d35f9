package org.flowwatch.producers.publish;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Sends a post's heartbeats, keyed by post. Fire and forget: a heartbeat lost while offline is replaced by the
 * next one, and their absence is itself the signal that the post is offline.
 */
public final class HeartbeatPublisher implements AutoCloseable {

    private final KafkaProducer<String, PostHeartbeat> producer;

    public HeartbeatPublisher(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        this.producer = new KafkaProducer<>(CrossingPublisher.reliable(kafkaConfig),
                serdes.key(Topics.HEARTBEATS).serializer(), serdes.value(Topics.HEARTBEATS).serializer());
    }

    public void publish(PostHeartbeat heartbeat) {
        producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), null, heartbeat.getSentAt().toEpochMilli(),
                heartbeat.getPostId(), heartbeat));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
