package org.flowwatch.producers.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Publishes crossings to the crossings topic, keyed by post (so one post's events stay in order) and stamped with
 * the time the group crossed. Idempotent with acks=all: a retried send after a lost acknowledgement is not
 * written twice, and an acknowledged crossing survives the loss of a broker.
 */
public final class CrossingPublisher implements AutoCloseable {

    private final KafkaProducer<String, CrossingEvent> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();

    public CrossingPublisher(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        this.producer = new KafkaProducer<>(reliable(kafkaConfig),
                serdes.key(Topics.CROSSINGS).serializer(), serdes.value(Topics.CROSSINGS).serializer());
    }

    public Future<RecordMetadata> publish(CrossingEvent crossing) {
        return producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), null,
                crossing.getOccurredAt().toEpochMilli(), crossing.getPostId(), crossing), this::onAcknowledged);
    }

    /** Blocks until every crossing handed over so far is acknowledged; throws if any was not. */
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new PublishException(failed.get() + " crossing(s) were not acknowledged by Kafka: " + failure.getMessage(), failure);
        }
    }

    private void onAcknowledged(RecordMetadata metadata, Exception failure) {
        if (failure != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
        }
    }

    /** Bytes sent to the brokers so far (compressed, with protocol overhead): what a load test reports as MB/s. */
    public double bytesSent() {
        return producer.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("producer-metrics")
                        && metric.getKey().name().equals("outgoing-byte-total"))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** The producer settings every flowwatch publisher uses: acks=all and idempotence cannot be turned off. */
    static Map<String, Object> reliable(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }
}
