package org.flowwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;

/** Follows a topic from its start with read_committed (as any reader of ours) and keeps every record read. */
final class CommittedReader<K, V> implements AutoCloseable {

    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> records = new ArrayList<>();

    CommittedReader(Settings settings, String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(CommonSettings.kafkaClient(settings));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        consumer = new KafkaConsumer<>(config, keys, values);
        var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    static <V> CommittedReader<String, V> of(FlowwatchSerdes serdes, Settings settings, TopicSpec<String, V> topic) {
        return new CommittedReader<>(settings, topic.name(), serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
    }

    /** Every value committed so far (polls what arrived since the last call). */
    List<V> values() {
        return records().stream().map(ConsumerRecord::value).toList();
    }

    /** Every record committed so far, in the order of each partition (polls what arrived since the last call). */
    List<ConsumerRecord<K, V>> records() {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }

    /** Reads until a poll brings nothing new: the whole committed topic, for a topic nobody writes any more. */
    List<ConsumerRecord<K, V>> drain() {
        int before;
        do {
            before = records.size();
            records();
        } while (records.size() > before);
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
