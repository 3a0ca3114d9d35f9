package org.flowwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.TopicSpec;

/** Follows a topic from its start with read_committed (as any reader of ours) and keeps every value read. */
final class CommittedReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<V> values = new ArrayList<>();

    CommittedReader(FlowwatchSerdes serdes, Settings settings, TopicSpec<String, V> topic) {
        Map<String, Object> config = new HashMap<>(CommonSettings.kafkaClient(settings));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
        var partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything committed so far (polls what arrived since the last call). */
    List<V> values() {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        return values;
    }

    /** People arriving in the operation's daily counts: the latest revision of each day, summed. */
    static long operationArrivals(List<ArrivalCount> revisions) {
        Map<String, ArrivalCount> days = new HashMap<>();
        revisions.forEach(count -> days.put(ArrivalKeys.of(count), count));
        return days.values().stream()
                .filter(count -> count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)
                .mapToLong(ArrivalCount::getPeople).sum();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
