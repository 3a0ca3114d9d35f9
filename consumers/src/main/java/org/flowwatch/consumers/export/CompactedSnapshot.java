package org.flowwatch.consumers.export;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * Reads a compacted topic from its start to its end as it is now and keeps the latest value per key (a tombstone
 * removes the key): the current state, e.g. the latest revision of every count. No group, no commits.
 */
public final class CompactedSnapshot {

    private static final Duration POLL = Duration.ofMillis(200);

    private CompactedSnapshot() {
    }

    public static <V> Map<String, V> read(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                          Duration timeout) {
        Map<String, V> latest = new LinkedHashMap<>();
        scan(kafkaConfig, serdes, topic, timeout, record -> {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        });
        return latest;
    }

    /** Hands every record of {@code topic}, from its start to its end as it is now, to {@code each} (topics that keep every record, too). */
    public static <V> void scan(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                Duration timeout, Consumer<ConsumerRecord<String, V>> each) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, serdes.key(topic).deserializer(),
                serdes.value(topic).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                failAfter(deadline, () -> topic.name() + " was not read to its end within " + timeout.toSeconds() + " s");
                consumer.poll(POLL).forEach(each);
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
    }

    private static void failAfter(long deadline, Supplier<String> message) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(message.get());
        }
    }
}
