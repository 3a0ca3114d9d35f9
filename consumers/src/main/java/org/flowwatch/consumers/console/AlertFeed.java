package org.flowwatch.consumers.console;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Follows the alert events topic (every OPEN, ESCALATED, DE_ESCALATED, RESOLVED) and hands each change to a
 * listener, as committed by the exactly-once sites app. A viewer: no committed offsets, any number can run.
 */
public final class AlertFeed implements Runnable, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, Alert> consumer;
    private final Consumer<Alert> listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    public AlertFeed(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, Consumer<Alert> listener) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "flowwatch-alert-viewer-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, serdes.key(Topics.ALERT_EVENTS).deserializer(),
                serdes.value(Topics.ALERT_EVENTS).deserializer());
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ALERT_EVENTS.name()));
            while (!closed.get()) {
                consumer.poll(POLL).forEach(record -> listener.accept(record.value()));
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        closed.set(true);
        consumer.wakeup();
    }

    /** One readable line: e.g. "ALERT OPEN         WARNING  SHORTAGE    Goris: water covers 2.9 days ...". */
    public static String line(Alert alert) {
        return String.format("ALERT %-12s %-8s %-11s %s", alert.getState(), alert.getSeverity(), alert.getKind(), alert.getSummary());
    }
}
