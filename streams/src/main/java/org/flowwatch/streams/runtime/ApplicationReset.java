package org.flowwatch.streams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.flowwatch.schemas.topics.AdminCalls;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * Makes a stopped streams app process its inputs again from the start, as Kafka's
 * {@code kafka-streams-application-reset} does, through the Admin API: the app's committed offsets on its inputs go
 * back to the earliest, its internal topics (changelogs, repartitions) are deleted with their offsets, and this
 * machine's local state of the app is wiped. Refuses while the app's consumer group has members.
 *
 * <p>Outputs are left alone unless asked: compacted outputs (the counts) are rewritten key by key with the same
 * values; append-only outputs would receive every record again, so {@code truncateAppendOnlyOutputs} deletes
 * what they hold first (their readers then see each record once after the rerun).
 */
public final class ApplicationReset {

    private final Admin admin;

    public ApplicationReset(Admin admin) {
        this.admin = admin;
    }

    /** What a reset did, for one line each. */
    public record Outcome(String applicationId, Map<String, Integer> rewound, List<String> deletedInternalTopics,
                          List<String> truncatedOutputs, List<String> appendOnlyOutputsKept, Optional<Path> wipedState) {
    }

    /** The app still runs somewhere: nothing was changed. */
    public static final class StillRunningException extends RuntimeException {
        StillRunningException(String message) {
            super(message);
        }
    }

    public Outcome reset(String applicationId, AppTopics topics, Path stateDir, boolean truncateAppendOnlyOutputs) {
        requireNoActiveMembers(applicationId);
        List<String> internal = internalTopics(applicationId);
        // A topic the app writes and reads back (the sites app's hand-overs) is written again by the rerun: emptied
        // first, so the rewind does not read each record twice.
        List<String> loops = topics.inputs().stream().filter(topics.outputs()::contains).map(TopicSpec::name).toList();
        truncate(loops);
        Map<String, Integer> rewound = rewindInputs(applicationId, topics.inputs());
        forgetInternalOffsets(applicationId, internal);
        if (!internal.isEmpty()) {
            get(admin.deleteTopics(internal).all(), "delete the internal topics of " + applicationId);
        }
        List<String> appendOnly = topics.outputs().stream().filter(spec -> !spec.isCompacted())
                .map(TopicSpec::name).filter(name -> !loops.contains(name)).toList();
        if (truncateAppendOnlyOutputs) {
            truncate(appendOnly);
        }
        List<String> truncated = new ArrayList<>(loops);
        if (truncateAppendOnlyOutputs) {
            truncated.addAll(appendOnly);
        }
        return new Outcome(applicationId, rewound, internal, truncated,
                truncateAppendOnlyOutputs ? List.of() : appendOnly, wipe(stateDir.resolve(applicationId)));
    }

    private void requireNoActiveMembers(String applicationId) {
        ConsumerGroupDescription group;
        try {
            group = get(admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId),
                    "describe consumer group " + applicationId);
        } catch (ResetFailedException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        if (!group.members().isEmpty()) {
            String hosts = group.members().stream().map(member -> member.host().replace("/", "")).distinct().sorted()
                    .collect(Collectors.joining(", "));
            throw new StillRunningException(group.members().size() + " member(s) of " + applicationId + " are still active (on "
                    + hosts + "): stop every instance of the app, wait for the group to empty (session.timeout.ms), then reset");
        }
    }

    private List<String> internalTopics(String applicationId) {
        Set<String> names = get(admin.listTopics().names(), "list topics");
        return names.stream().filter(name -> name.startsWith(applicationId + "-"))
                .filter(name -> name.endsWith("-changelog") || name.endsWith("-repartition")).sorted().toList();
    }

    private Map<String, Integer> rewindInputs(String applicationId, Set<TopicSpec<?, ?>> inputs) {
        Map<String, Integer> partitionsPerTopic = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        List<String> names = inputs.stream().map(TopicSpec::name).toList();
        var described = get(admin.describeTopics(names).allTopicNames(), "describe the inputs of " + applicationId);
        for (String name : names) {
            var partitions = described.get(name).partitions();
            partitionsPerTopic.put(name, partitions.size());
            partitions.forEach(p -> earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest()));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        get(admin.listOffsets(earliest).all(), "read the earliest offsets")
                .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
        get(admin.alterConsumerGroupOffsets(applicationId, offsets).all(), "rewind the offsets of " + applicationId);
        return partitionsPerTopic;
    }

    // Offsets of deleted repartition topics would otherwise point past the start of the recreated ones.
    private void forgetInternalOffsets(String applicationId, List<String> internal) {
        Set<TopicPartition> committed = get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(),
                "read the offsets of " + applicationId).keySet().stream()
                .filter(partition -> internal.contains(partition.topic())).collect(Collectors.toSet());
        if (!committed.isEmpty()) {
            get(admin.deleteConsumerGroupOffsets(applicationId, committed).all(), "forget internal offsets of " + applicationId);
        }
    }

    private void truncate(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        get(admin.describeTopics(topics).allTopicNames(), "describe outputs").forEach((name, topic) ->
                topic.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, RecordsToDelete> before = new LinkedHashMap<>();
        get(admin.listOffsets(latest).all(), "read the end offsets of outputs")
                .forEach((partition, info) -> before.put(partition, RecordsToDelete.beforeOffset(info.offset())));
        get(admin.deleteRecords(before).all(), "delete the records of outputs");
    }

    private static Optional<Path> wipe(Path appState) {
        if (!Files.isDirectory(appState)) {
            return Optional.empty();
        }
        try (Stream<Path> paths = Files.walk(appState)) {
            paths.sorted(Comparator.reverseOrder()).forEach(ApplicationReset::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("could not wipe the local state " + appState, e);
        }
        return Optional.of(appState);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        return AdminCalls.await(future, what, ResetFailedException::new);
    }

    /** Kafka refused or did not answer a step; the message names the step. */
    public static final class ResetFailedException extends RuntimeException {
        ResetFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
