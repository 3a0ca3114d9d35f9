package org.flowwatch.producers.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;

/** Reads a whole topic as a downstream app would (read_committed), up to its current end. */
public final class TopicReader {

    private TopicReader() {
    }

    public static <V> List<V> readAll(String bootstrapServers, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                      Predicate<V> keep) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config(bootstrapServers), serdes.key(topic).deserializer(),
                serdes.value(topic).deserializer())) {
            readToEnd(consumer, topic.name(), record -> {
                if (keep.test(record.value())) {
                    values.add(record.value());
                }
            });
        }
        return values;
    }

    /** Every record of {@code topic} as stored: key, value and headers as bytes. */
    public static List<ConsumerRecord<byte[], byte[]>> readRaw(String bootstrapServers, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            readToEnd(consumer, topic, records::add);
        }
        return records;
    }

    private static Map<String, Object> config(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    private static <K, V> void readToEnd(KafkaConsumer<K, V> consumer, String topic, java.util.function.Consumer<ConsumerRecord<K, V>> sink) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            consumer.poll(Duration.ofMillis(200)).forEach(sink);
        }
    }
}
