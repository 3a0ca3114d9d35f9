package org.flowwatch.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.topics.Topics;

/** How far an app's committed offsets are from the end of the crossings topic: "caught up" in every section. */
final class InputLag {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Admin admin;
    private final Map<TopicPartition, Long> ends;

    /** Remembers the end of the input now: later records are not waited for. */
    InputLag(Admin admin) throws InterruptedException, ExecutionException {
        this.admin = admin;
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.CROSSINGS.name()))
                .allTopicNames().get().get(Topics.CROSSINGS.name()).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.CROSSINGS.name(), p.partition()), p -> OffsetSpec.latest()));
        this.ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
    }

    /** Share of the input (0..1) the group has committed. */
    double progress(String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long done = ends.keySet().stream().mapToLong(p -> committed.get(p) == null ? 0 : Math.min(committed.get(p).offset(), ends.get(p))).sum();
        return total == 0 ? 1 : done / (double) total;
    }

    boolean caughtUp(String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        // Under exactly-once the committed offset sits one past the last transaction marker, so >= the end.
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
    }

    /** Polls the committed offsets (the only way lag is observed from outside) until caught up, or fails. */
    void awaitCaughtUp(String group, Duration limit, BooleanSupplier failed) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!caughtUp(group)) {
            if (System.nanoTime() > deadline || failed.getAsBoolean()) {
                throw new IllegalStateException("app " + group + " did not catch up within " + limit.toSeconds() + " s");
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
    }
}
