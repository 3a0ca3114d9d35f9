package org.flowwatch.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.app.StreamsRunner;

/**
 * Runs a topology over the preloaded input from the start and times it from RUNNING until its committed offsets
 * reach the end of the input: what the operations centre would wait for after a backlog arrives.
 */
final class StreamsRun {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private StreamsRun() {
    }

    static double recordsPerSecond(Topology topology, Properties props, Map<String, Object> kafka, long events)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(kafka); StreamsRunner runner = StreamsRunner.start(topology, props)) {
            Map<TopicPartition, Long> ends = endOffsets(admin);
            if (!runner.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("streams app did not reach RUNNING: " + runner.state());
            }
            long started = System.nanoTime();
            String group = props.getProperty("application.id");
            long deadline = started + LIMIT.toNanos();
            while (!caughtUp(admin, group, ends)) {
                if (System.nanoTime() > deadline || runner.failure().isPresent()) {
                    throw new IllegalStateException("streams app did not catch up within " + LIMIT.toMinutes()
                            + " min (state " + runner.state() + ")");
                }
                TimeUnit.NANOSECONDS.sleep(POLL.toNanos()); // polling committed offsets is how lag is observed
            }
            return events / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(Topics.CROSSINGS.name()))
                .allTopicNames().get().get(Topics.CROSSINGS.name()).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.CROSSINGS.name(), p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
    }

    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        // Under exactly-once the committed offset sits one past the last transaction marker, so >= the end.
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
    }
}
