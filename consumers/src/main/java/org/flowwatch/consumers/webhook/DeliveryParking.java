package org.flowwatch.consumers.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * Writes deliveries that are not done yet to the retry topic, and given-up ones to the dead-letter topic, and
 * returns only once the broker has acknowledged them: a worker commits its input offset after that and not before.
 */
final class DeliveryParking implements AutoCloseable {

    static final String ERROR_REASON = "flowwatch.error.reason";
    static final String ERROR_MESSAGE = "flowwatch.error.message";
    static final String ERROR_STATUS = "flowwatch.error.status";
    static final String ERROR_ENDPOINT = "flowwatch.error.endpoint";
    static final String ERROR_ATTEMPTS = "flowwatch.error.attempts";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, WebhookDelivery> producer;

    DeliveryParking(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        this(new KafkaProducer<>(CommonSettings.reliableProducer(kafkaConfig), serdes.key(Topics.WEBHOOK_RETRIES).serializer(),
                serdes.value(Topics.WEBHOOK_RETRIES).serializer()));
    }

    /** Over a producer of the caller's (a test's). */
    DeliveryParking(Producer<String, WebhookDelivery> producer) {
        this.producer = producer;
    }

    /** Parks it, saying which alert it carries (see {@link ParkedAlerts}); returns the retry partition it went to. */
    TopicPartition park(WebhookDelivery delivery) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, ParkedAlerts.KEY_HEADER, delivery.getIdempotencyKey());
        RecordMetadata parked = send(Topics.WEBHOOK_RETRIES, delivery, headers);
        return new TopicPartition(parked.topic(), parked.partition());
    }

    void deadLetter(WebhookDelivery delivery, String reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, ERROR_REASON, reason);
        header(headers, ERROR_ENDPOINT, delivery.getEndpoint());
        header(headers, ERROR_ATTEMPTS, String.valueOf(delivery.getAttempts()));
        if (delivery.getLastStatus() != null) {
            header(headers, ERROR_STATUS, String.valueOf(delivery.getLastStatus()));
        }
        if (delivery.getLastError() != null) {
            header(headers, ERROR_MESSAGE, delivery.getLastError());
        }
        send(Topics.WEBHOOK_DLQ, delivery, headers);
    }

    private RecordMetadata send(TopicSpec<String, WebhookDelivery> topic, WebhookDelivery delivery, RecordHeaders headers) {
        try {
            return producer.send(new ProducerRecord<>(topic.name(), null, delivery.getEndpoint(), delivery, headers))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParkingFailedException(topic.name() + ": interrupted before the broker acknowledged", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ParkingFailedException(topic.name() + ": the broker did not acknowledge: " + e, e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A delivery could not be parked: its input offset stays uncommitted, so it is tried again after a restart. */
    static final class ParkingFailedException extends RuntimeException {
        ParkingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
