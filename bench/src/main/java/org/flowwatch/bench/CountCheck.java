package org.flowwatch.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * What a run's output holds, as the operations centre would read it (read_committed). A throughput run is only worth
 * its figure if that equals what was sent: the check behind "no count changes", whatever the broker logs while the
 * run goes (e.g. retried OutOfOrderSequence appends).
 */
final class CountCheck {

    private CountCheck() {
    }

    /** The people the operation-wide daily counts hold after a full-topology run (the latest figure of each day). */
    static long operationWidePeople(Map<String, Object> kafka, FlowwatchSerdes serdes) {
        Deserializer<ArrivalCount> counts = serdes.value(Topics.ARRIVALS_DAILY).deserializer();
        Map<Instant, Long> latestPerDay = new HashMap<>();
        readCommitted(kafka, Topics.ARRIVALS_DAILY.name(), Map.of(), record -> {
            ArrivalCount count = counts.deserialize(record.topic(), record.headers(), record.value());
            if (count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL) {
                latestPerDay.put(count.getWindowStart(), count.getPeople()); // runs follow each other: the last is this run's
            }
        });
        return latestPerDay.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The people of the crossings the full topology sent to the late topic as too late for their day's operation-wide
     * count, from {@code from} (the topic's ends before the run): what a run that counted too few left out.
     */
    static long lateOperationWidePeople(Map<String, Object> kafka, FlowwatchSerdes serdes, Map<TopicPartition, Long> from) {
        Deserializer<LateCrossing> late = serdes.value(Topics.ARRIVALS_LATE).deserializer();
        AtomicLong people = new AtomicLong();
        readCommitted(kafka, Topics.ARRIVALS_LATE.name(), from, record -> {
            LateCrossing crossing = late.deserialize(record.topic(), record.headers(), record.value());
            if (crossing.getScope() == CountScope.ALL && crossing.getGranularity() == Granularity.DAY) {
                people.addAndGet(crossing.getCrossing().getPeople());
            }
        });
        return people.get();
    }

    /** The people at the sites, by the latest status of each site written after {@code from} (the ends before a run). */
    static long sitesPopulation(Map<String, Object> kafka, FlowwatchSerdes serdes, Map<TopicPartition, Long> from) {
        Deserializer<SiteStatus> statuses = serdes.value(Topics.SITE_STATUS).deserializer();
        Map<String, Long> latestPerSite = new HashMap<>();
        readCommitted(kafka, Topics.SITE_STATUS.name(), from, record -> {
            SiteStatus status = statuses.deserialize(record.topic(), record.headers(), record.value());
            latestPerSite.put(status.getSiteId().toString(), status.getPopulation());
        });
        return latestPerSite.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A full-topology run whose operation-wide daily counts do not hold the people sent: its figure is not quoted. */
    static final class CountMismatch extends IllegalStateException {

        private final long counted;
        private final long sent;
        private final long late;

        CountMismatch(String guarantee, long counted, long sent, long late) {
            super(String.format("the full topology (%s) counted %,d people where %,d were sent (%,d more sent to %s as too "
                    + "late for their day)", guarantee, counted, sent, late, Topics.ARRIVALS_LATE.name()));
            this.counted = counted;
            this.sent = sent;
            this.late = late;
        }

        long counted() {
            return counted;
        }

        long sent() {
            return sent;
        }

        long late() {
            return late;
        }
    }

    /**
     * The crossings the Flink peer counted in one run: the sum of the window counts it committed after {@code from}
     * (the ends before the run). It emits each post's window once, when the window closes.
     */
    static long flinkCrossings(Map<String, Object> kafka, Map<TopicPartition, Long> from) {
        AtomicLong crossings = new AtomicLong();
        readCommitted(kafka, Topics.BENCH_FLINK_COUNTS.name(), from, record -> crossings.addAndGet(ByteBuffer.wrap(record.value()).getLong()));
        return crossings.get();
    }

    /** Where the committed records of a topic end now (the last stable offsets): a run's output starts there. */
    static Map<TopicPartition, Long> committedEnds(Map<String, Object> kafka, String topic) {
        try (var consumer = readCommittedConsumer(kafka)) {
            return consumer.endOffsets(partitions(consumer, topic));
        }
    }

    /** Hands every committed record of the topic, from the given offsets (the beginning where none) to its end now, to {@code each}. */
    private static void readCommitted(Map<String, Object> kafka, String topic, Map<TopicPartition, Long> from,
                                      Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (var consumer = readCommittedConsumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> readCommittedConsumer(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
