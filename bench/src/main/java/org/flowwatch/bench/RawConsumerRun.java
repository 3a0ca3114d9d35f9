package org.flowwatch.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flowwatch.schemas.topics.Topics;

/** The physical limit of this broker: a plain consumer reading every input record as bytes, no processing. */
final class RawConsumerRun {

    private RawConsumerRun() {
    }

    static double recordsPerSecond(Map<String, Object> kafka, long expected) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CROSSINGS.name()).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(Topics.CROSSINGS.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long started = System.nanoTime();
            while (read < expected) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / ((System.nanoTime() - started) / 1e9);
        }
    }
}
