package org.flowwatch.consumers.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Reads every alert state change from the start of the topic into {@link OpenAlerts}. A viewer: all partitions,
 * no group, no commits, so every instance computes the same figures from the authoritative topic.
 */
public final class OpenAlertsFeed implements Runnable, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, Alert> consumer;
    private final OpenAlerts alerts;
    private final AtomicBoolean closed = new AtomicBoolean();

    public OpenAlertsFeed(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, OpenAlerts alerts) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, serdes.key(Topics.ALERT_EVENTS).deserializer(),
                serdes.value(Topics.ALERT_EVENTS).deserializer());
        this.alerts = alerts;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERT_EVENTS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed.get()) {
                consumer.poll(POLL).forEach(record -> {
                    if (record.value() != null) {
                        alerts.apply(record.value());
                    }
                });
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
}
