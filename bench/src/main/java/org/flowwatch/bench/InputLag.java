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

/**
 * How far an app is from having counted the whole input: "caught up" in every section. Caught up means the group's
 * committed offsets reached the end of the crossings topic <em>and</em> of every topic it reads after them (its
 * repartition topics). Only then have the counts on the output topics taken in every input crossing: a
 * sub-topology behind a repartition still has work left when the input offsets are committed. Under exactly-once
 * that commit is the transaction that also commits the outputs; at least once, offsets commit after the producer
 * flushed the outputs.
 */
final class InputLag {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Admin admin;
    private final Map<TopicPartition, Long> ends;

    /** Remembers the end of the input (the crossings topic) now: later records are not waited for. */
    InputLag(Admin admin) throws InterruptedException, ExecutionException {
        this(admin, Topics.CROSSINGS.name());
    }

    /** The same for an app whose input is another topic (the sites app reads the valid crossings). */
    InputLag(Admin admin, String input) throws InterruptedException, ExecutionException {
        this.admin = admin;
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(input)).allTopicNames().get().get(input)
                .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(input, p.partition()), p -> OffsetSpec.latest()));
        this.ends = endsOf(latest);
    }

    /** Share of the input (0..1) the group has committed. */
    double progress(String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long done = ends.keySet().stream().mapToLong(p -> committed.get(p) == null ? 0 : Math.min(committed.get(p).offset(), ends.get(p))).sum();
        return total == 0 ? 1 : done / (double) total;
    }

    /** The input committed, and every internal topic read up to its end as it stands now. */
    boolean caughtUp(String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        if (!reached(ends, committed)) {
            return false;
        }
        // The input is committed, so everything written to the internal topics because of it is committed too:
        // their ends as of now are final.
        Map<TopicPartition, OffsetSpec> internal = repartitionTopicsOf(group);
        return internal.isEmpty() || reached(endsOf(internal), committed(group));
    }

    // Kafka Streams names them <application.id>-<name>-repartition; the application id is the group id.
    private Map<TopicPartition, OffsetSpec> repartitionTopicsOf(String group) throws InterruptedException, ExecutionException {
        List<String> names = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition")).toList();
        return admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
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

    // Under exactly-once the committed offset sits one past the last transaction marker, so >= the end.
    private static boolean reached(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws InterruptedException, ExecutionException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    private Map<TopicPartition, Long> endsOf(Map<TopicPartition, OffsetSpec> latest) throws InterruptedException, ExecutionException {
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
    }
}
