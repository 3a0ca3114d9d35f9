package org.flowwatch.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How long ago each direction of the link last delivered, measured with MirrorMaker's own heartbeats: the link emits
 * one a second into each cluster, and each flow copies the other side's into {@code <source>.heartbeats}. The
 * newest heartbeat from the hub found at the centre was emitted (by this process's clock) when the hub's records
 * still reached the centre; so {@code now - its timestamp} is the replication lag up, and it grows on a quiet night
 * only if replication itself has stopped. Before any heartbeat has arrived, the lag counts from this link's start.
 */
public final class ReplicationLag implements AutoCloseable {

    private final Clock clock;
    private final Instant started;
    private final Follower up;
    private final Follower down;

    ReplicationLag(HubSettings settings) {
        this(settings, Clock.systemUTC());
    }

    ReplicationLag(HubSettings settings, Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        this.up = new Follower(settings.centreKafka(), settings.hubName() + ".heartbeats");
        this.down = new Follower(settings.hubKafka(), settings.centreName() + ".heartbeats");
    }

    /** Reads the heartbeats that arrived since the last call, in both clusters. */
    public synchronized void refresh() {
        up.poll();
        down.poll();
    }

    /** Since the hub's records last reached the centre. */
    public synchronized Duration up() {
        return since(up.newest);
    }

    /** Since the centre's reference data last reached the hub. */
    public synchronized Duration down() {
        return since(down.newest);
    }

    private Duration since(Instant newest) {
        return Duration.between(newest == null ? started : newest, clock.instant());
    }

    @Override
    public synchronized void close() {
        up.close();
        down.close();
    }

    /** The newest record of one topic in one cluster; assigns itself once the topic exists. */
    private static final class Follower implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private Instant newest;

        Follower(Map<String, Object> kafka, String topic) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
            config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.topic = topic;
        }

        void poll() {
            try {
                if (consumer.assignment().isEmpty() && !assign()) {
                    return;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Instant at = Instant.ofEpochMilli(record.timestamp());
                    if (newest == null || at.isAfter(newest)) {
                        newest = at;
                    }
                }
            } catch (TimeoutException unreachable) {
                // the cluster cannot be reached: the lag keeps growing from the newest heartbeat seen
            }
        }

        private boolean assign() {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            // Only the newest heartbeat matters: start one record before each partition's end.
            consumer.seekToEnd(assigned);
            assigned.forEach(tp -> consumer.seek(tp, Math.max(0, consumer.position(tp) - 1)));
            return true;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
