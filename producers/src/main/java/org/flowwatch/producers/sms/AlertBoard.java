package org.flowwatch.producers.sms;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.flowwatch.schemas.alerts.AlertShortId;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts as they stand, read from {@link Topics#ALERTS_CURRENT} from the beginning and kept up to date, so that
 * {@code ACK <id>} acknowledges the version of the alert that is current. An alert is found by its id or by its short
 * id ({@link #shortId}), which fits an SMS.
 */
public final class AlertBoard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertBoard.class);

    private final Map<String, Alert> byId = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, Alert> consumer;
    private final Thread reader;
    private volatile boolean closed;

    public AlertBoard(Map<String, Object> kafkaClient, FlowwatchSerdes serdes) {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "flowwatch-gateway-alerts-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, serdes.key(Topics.ALERTS_CURRENT).deserializer(),
                serdes.value(Topics.ALERTS_CURRENT).deserializer());
        this.reader = new Thread(this::read, "sms-alert-board");
        reader.setDaemon(true);
        reader.start();
    }

    /** The short id of an alert ({@link AlertShortId}), as alert SMS show it: {@code ACK 7F2A0C}. */
    public static String shortId(String alertId) {
        return AlertShortId.of(alertId);
    }

    /** The current version of the alert {@code typed} names (its id, or its short id in any case), if known. */
    public Optional<Alert> find(String typed) {
        Alert exact = byId.get(typed);
        if (exact != null) {
            return Optional.of(exact);
        }
        String upper = typed.toUpperCase(Locale.ROOT);
        List<Alert> matching = byId.values().stream()
                .filter(alert -> alert.getAlertId().equalsIgnoreCase(typed) || shortId(alert.getAlertId()).equals(upper))
                .toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    private void read() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS_CURRENT.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.value() == null) {
                        byId.remove(record.key());
                    } else {
                        byId.merge(record.value().getAlertId(), record.value(),
                                (known, newer) -> newer.getVersion() >= known.getVersion() ? newer : known);
                    }
                });
            }
        } catch (WakeupException stopping) {
            // closed
        } catch (RuntimeException e) {
            LOG.warn("SMS: stopped reading {} ({}); ACK texts will be answered 'no such alert'",
                    Topics.ALERTS_CURRENT.name(), e.toString());
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
