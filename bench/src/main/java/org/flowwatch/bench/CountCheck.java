package org.flowwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * The people the operation-wide daily counts hold after a run, as the operations centre reads them (read_committed,
 * the latest figure of each day). A throughput run is only worth its figure if this equals the people sent: the check
 * behind "no count changes", whatever the broker logs while the run goes (e.g. retried OutOfOrderSequence appends).
 */
final class CountCheck {

    private CountCheck() {
    }

    static long operationWidePeople(Map<String, Object> kafka, FlowwatchSerdes serdes) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Deserializer<ArrivalCount> counts = serdes.value(Topics.ARRIVALS_DAILY).deserializer();
        Map<Instant, Long> latestPerDay = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARRIVALS_DAILY.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ArrivalCount count = counts.deserialize(record.topic(), record.headers(), record.value());
                    if (count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL) {
                        latestPerDay.put(count.getWindowStart(), count.getPeople()); // runs follow each other: the last is this run's
                    }
                }
            }
        }
        return latestPerDay.values().stream().mapToLong(Long::longValue).sum();
    }
}
