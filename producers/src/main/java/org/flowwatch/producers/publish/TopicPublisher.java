package org.flowwatch.producers.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * Publishes records of one catalogue topic, keyed as the topic says and stamped with their event time. Idempotent
 * with acks=all: a retried send after a lost acknowledgement is not written twice, and an acknowledged record
 * survives the loss of a broker. {@link #flush()} tells whether everything handed over was acknowledged.
 */
public final class TopicPublisher<V> implements AutoCloseable {

    private final TopicSpec<String, V> topic;
    private final KafkaProducer<String, V> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> loginRefused = new AtomicReference<>();

    public TopicPublisher(TopicSpec<String, V> topic, Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(reliable(kafkaConfig), serdes.key(topic).serializer(), serdes.value(topic).serializer());
    }

    /**
     * Hands a record over; throws at once if Kafka has refused this producer's login since the last call (every
     * later send would fail too: a replay or load run stops instead of sending into the void).
     */
    public Future<RecordMetadata> publish(String key, Instant eventTime, V value) {
        Exception refused = loginRefused.getAndSet(null);
        if (refused != null) {
            throw new PublishException("Kafka refused the login of the producer for " + topic.name() + ": "
                    + refused.getMessage(), refused);
        }
        return producer.send(new ProducerRecord<>(topic.name(), null, eventTime.toEpochMilli(), key, value), this::onAcknowledged);
    }

    /** Blocks until every record handed over so far is acknowledged; throws if any was not. */
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new PublishException(failed.get() + " record(s) for " + topic.name() + " were not acknowledged by Kafka: "
                    + failure.getMessage(), failure);
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

    private void onAcknowledged(RecordMetadata metadata, Exception failure) {
        if (failure != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
            if (failure instanceof AuthenticationException) {
                loginRefused.set(failure);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Closes, abandoning after {@code timeout} what Kafka has not acknowledged (e.g. heartbeats while offline). */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    /** The producer settings every flowwatch publisher uses: acks=all and idempotence cannot be turned off. */
    static Map<String, Object> reliable(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = CommonSettings.reliableProducer(kafkaConfig);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }
}
