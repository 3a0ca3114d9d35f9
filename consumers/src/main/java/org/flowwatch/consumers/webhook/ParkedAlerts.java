package org.flowwatch.consumers.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.flowwatch.schemas.topics.Topics;

/**
 * Which versions of which alerts have a delivery parked in the retry topic, per retry partition and addressee, so each
 * alert's versions reach an addressee in order. A new version of an alert with a version parked is parked behind it,
 * not sent ahead; and a parked version taken off its partition while an earlier version of its alert is still parked
 * there is parked again, not sent: the retry partition is read round and round during an outage (each failed
 * delivery goes back to its end), so its order alone does not say which version goes first once the endpoint is back.
 *
 * <p>What is parked grows when this worker parks a delivery and shrinks when it takes one off a retry partition.
 * Whenever the worker is given partitions (at start, after a rebalance) every retry partition is read from the
 * group's offset to its end and counted afresh, so deliveries parked before a restart or by another instance are
 * known too. For the partitions it reads this is exact: whatever another instance parked there since stands before
 * the versions of the same alert parked after it, and is taken (and noted, if parked again) before them. With
 * several instances, what one noted for a partition another reads shrinks only at the next rebalance: until then
 * that alert's new versions take the retry topic as well, a little later but in order.
 */
final class ParkedAlerts {

    /** The idempotency key ({@code alertId:version}) of a parked delivery, so a partition is counted without the registry. */
    static final String KEY_HEADER = "flowwatch.delivery.key";
    private static final Duration SCAN_POLL = Duration.ofMillis(200);
    private static final Duration SCAN_LIMIT = Duration.ofSeconds(60);

    /** Per retry partition, per addressee and alert: how many deliveries of each version are parked. */
    private final Map<TopicPartition, Map<String, TreeMap<Integer, Integer>>> parked = new HashMap<>();

    /** A new version of this alert must be parked behind one parked earlier. */
    boolean holdsBack(String addressee, String alertId) {
        String alert = alert(addressee, alertId);
        return parked.values().stream().anyMatch(alerts -> alerts.containsKey(alert));
    }

    /** A version just taken off {@code partition} must go back behind an earlier version of its alert still there. */
    boolean waitsBehind(TopicPartition partition, String addressee, String idempotencyKey) {
        Optional<AlertVersion> version = AlertVersion.parse(idempotencyKey);
        TreeMap<Integer, Integer> versions = version.isEmpty() ? null
                : parked.getOrDefault(partition, Map.of()).get(alert(addressee, version.get().alertId()));
        return versions != null && versions.firstKey() < version.get().number();
    }

    void parked(TopicPartition partition, String addressee, String idempotencyKey) {
        AlertVersion.parse(idempotencyKey).ifPresent(version -> parked.computeIfAbsent(partition, p -> new HashMap<>())
                .computeIfAbsent(alert(addressee, version.alertId()), a -> new TreeMap<>()).merge(version.number(), 1, Integer::sum));
    }

    /** A parked delivery was read off its partition, for good: delivered, given up, skipped or parked again (noted anew). */
    void taken(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        Map<String, TreeMap<Integer, Integer>> alerts = parked.get(partition);
        Optional<AlertVersion> version = keyOf(record).flatMap(AlertVersion::parse);
        if (alerts == null || version.isEmpty()) {
            return;
        }
        alerts.computeIfPresent(alert(record.key(), version.get().alertId()), (alert, versions) -> {
            versions.computeIfPresent(version.get().number(), (number, count) -> count > 1 ? count - 1 : null);
            return versions.isEmpty() ? null : versions;
        });
    }

    /**
     * Counts every retry partition afresh once {@code worker} was given {@code assigned}: from its position on those
     * it reads, from its group's committed offset (or the start) on the others.
     */
    void recount(Consumer<String, byte[]> worker, Collection<TopicPartition> assigned, Supplier<Consumer<String, byte[]>> readers,
                 Predicate<String> owns) {
        if (assigned.isEmpty()) {
            return;
        }
        List<TopicPartition> retries = worker.partitionsFor(Topics.WEBHOOK_RETRIES.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = worker.committed(Set.copyOf(retries));
        try (Consumer<String, byte[]> reader = readers.get()) {
            for (TopicPartition partition : retries) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = assigned.contains(partition) ? worker.position(partition) : offset == null ? 0 : offset.offset();
                recount(partition, from, reader, owns);
            }
        }
    }

    /**
     * Counts afresh what is parked on {@code partition} from {@code from} to its end, for the addressees {@code owns}
     * accepts. {@code reader} belongs to no group and is not closed here. Records without the header (parked by a
     * dispatcher older than it) are not counted.
     */
    void recount(TopicPartition partition, long from, Consumer<String, byte[]> reader, Predicate<String> owns) {
        parked.remove(partition);
        reader.assign(List.of(partition));
        long end = reader.endOffsets(List.of(partition)).get(partition);
        reader.seek(partition, Math.max(from, reader.beginningOffsets(List.of(partition)).get(partition)));
        long deadline = System.nanoTime() + SCAN_LIMIT.toNanos();
        while (reader.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("could not read " + partition + " from " + from + " to " + end + " within "
                        + SCAN_LIMIT.toSeconds() + " s to learn which alerts are parked");
            }
            for (ConsumerRecord<String, byte[]> record : reader.poll(SCAN_POLL)) {
                if (record.offset() < end && owns.test(record.key())) {
                    keyOf(record).ifPresent(key -> parked(partition, record.key(), key));
                }
            }
        }
    }

    private static Optional<String> keyOf(ConsumerRecord<String, byte[]> record) {
        Header key = record.headers().lastHeader(KEY_HEADER);
        return key == null ? Optional.empty() : Optional.of(new String(key.value(), StandardCharsets.UTF_8));
    }

    private static String alert(String addressee, String alertId) {
        return addressee + '\n' + alertId;
    }
}
