package org.flowwatch.cli;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/** Reads a topic as any downstream reader of ours does (read_committed), from the start to its current end. */
final class CommittedTopic {

    private CommittedTopic() {
    }

    static <V> List<V> values(Settings settings, TopicSpec<String, V> topic) {
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
        Map<String, Object> config = new HashMap<>(CommonSettings.kafkaClient(settings));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, serdes.key(topic).deserializer(), serdes.value(topic).deserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                    .mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return values;
    }

    /** The operation's arrivals per local day as last published on the daily topic (to tell counting from serving). */
    static Map<LocalDate, Long> publishedDailyArrivals(Settings settings) {
        Map<String, ArrivalCount> latest = new HashMap<>();
        values(settings, Topics.ARRIVALS_DAILY).forEach(count -> latest.put(ArrivalKeys.of(count), count));
        Map<LocalDate, Long> byDay = new TreeMap<>();
        latest.values().stream().filter(count -> count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)
                .forEach(count -> byDay.put(LocalDate.ofInstant(count.getWindowStart(), ZoneId.of("Asia/Yerevan")), count.getPeople()));
        return byDay;
    }

    /** True when {@code group} has committed every partition of {@code topic} up to its current end. */
    static boolean caughtUp(Settings settings, String group, TopicSpec<?, ?> topic) throws Exception {
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int p = 0; p < topic.partitions(); p++) {
                ends.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(ends).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset()));
        }
    }
}
