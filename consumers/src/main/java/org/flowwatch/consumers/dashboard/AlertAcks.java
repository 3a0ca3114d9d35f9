package org.flowwatch.consumers.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Writes acknowledgements to the compacted acks topic, keyed by alert id. The dashboard shows an ack only once it
 * has read it back from the topic, so every instance shows the same acks.
 */
public final class AlertAcks implements AutoCloseable {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, AlertAck> producer;

    public AlertAcks(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        Map<String, Object> config = CommonSettings.reliableProducer(kafkaConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, STORE_TIMEOUT.toMillis());
        this.producer = new KafkaProducer<>(config, serdes.key(Topics.ALERT_ACKS).serializer(),
                serdes.value(Topics.ALERT_ACKS).serializer());
    }

    /** Stores the ack of {@code alert} as shown (its version) and returns it once the broker has it. */
    public AlertAck acknowledge(Alert alert, Instant now) throws AckNotStoredException {
        AlertAck ack = AlertAck.newBuilder().setAlertId(alert.getAlertId()).setAlertVersion(alert.getVersion())
                .setAcknowledgedAt(now).build();
        try {
            producer.send(new ProducerRecord<>(Topics.ALERT_ACKS.name(), ack.getAlertId(), ack))
                    .get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return ack;
        } catch (ExecutionException | TimeoutException e) {
            throw new AckNotStoredException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AckNotStoredException(e);
        }
    }

    @Override
    public void close() {
        producer.close(STORE_TIMEOUT);
    }

    /** The broker did not confirm the ack: the user is told to try again, nothing is shown as acknowledged. */
    public static final class AckNotStoredException extends Exception {
        AckNotStoredException(Throwable cause) {
            super("the acknowledgement was not stored (" + cause.getClass().getSimpleName() + "); try again", cause);
        }
    }
}
