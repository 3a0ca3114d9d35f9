package org.flowwatch.producers.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.schemas.topics.DeadLetterHeaders;
import org.flowwatch.schemas.topics.Topics;

/**
 * Writes what an input channel refused to {@link Topics#DEAD_LETTERS}, as received, with the same
 * {@code flowwatch.reject.*} headers the streams app writes there, and {@code flowwatch.source.*} headers naming the
 * channel instead of a topic. Idempotent with acks=all like every flowwatch publisher.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String FIELD = DeadLetterHeaders.FIELD;
    public static final String MESSAGE = DeadLetterHeaders.MESSAGE;
    public static final String SOURCE_CHANNEL = DeadLetterHeaders.SOURCE_CHANNEL;
    public static final String SOURCE_SENDER = DeadLetterHeaders.SOURCE_SENDER;

    private final KafkaProducer<byte[], byte[]> producer;

    public DeadLetterPublisher(Map<String, Object> kafkaConfig) {
        this.producer = new KafkaProducer<>(TopicPublisher.reliable(kafkaConfig), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Hands over {@code value} keyed by {@code key} (may be null), stamped {@code at}, with {@code headers} as UTF-8. */
    public Future<RecordMetadata> publish(String key, Instant at, byte[] value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, at.toEpochMilli(), keyBytes, value, recordHeaders));
    }

    @Override
    public void close() {
        producer.close();
    }
}
