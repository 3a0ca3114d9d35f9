package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class ParkedAlertsTest {

    private static final TopicPartition RETRIES_0 = new TopicPartition(Topics.WEBHOOK_RETRIES.name(), 0);
    private static final TopicPartition RETRIES_1 = new TopicPartition(Topics.WEBHOOK_RETRIES.name(), 1);

    private final ParkedAlerts parked = new ParkedAlerts();

    @Test
    void shouldHoldBackAnAlertUntilEachOfItsParkedDeliveriesIsTaken() {
        // given versions 1 and 2 of one alert parked for one addressee
        parked.parked(RETRIES_0, "partner", "SHORTAGE/goris-1/water:1");
        parked.parked(RETRIES_0, "partner", "SHORTAGE/goris-1/water:2");

        // when version 1 is taken off the retry partition
        parked.taken(RETRIES_0, parkedRecord(RETRIES_0, 7, "partner", Optional.of("SHORTAGE/goris-1/water:1")));

        // then a new version is still held back, for that addressee only, until version 2 is taken too
        assertThat(parked.holdsBack("partner", "SHORTAGE/goris-1/water")).isTrue();
        assertThat(parked.holdsBack("duty-officer", "SHORTAGE/goris-1/water")).isFalse();
        assertThat(parked.holdsBack("partner", "SHORTAGE/goris-1/fuel")).isFalse();
        parked.taken(RETRIES_0, parkedRecord(RETRIES_0, 8, "partner", Optional.of("SHORTAGE/goris-1/water:2")));
        assertThat(parked.holdsBack("partner", "SHORTAGE/goris-1/water")).isFalse();
    }

    @Test
    void shouldLetAVersionGoOnlyOnceNoEarlierVersionOfItsAlertIsParked() {
        // given versions 1 and 3 of an alert parked, and version 2 just taken off the partition (the retry partition
        // goes round during an outage: 2 came up before 1)
        parked.parked(RETRIES_0, "partner", "SHORTAGE/goris-1/water:1");
        parked.parked(RETRIES_0, "partner", "SHORTAGE/goris-1/water:2");
        parked.parked(RETRIES_0, "partner", "SHORTAGE/goris-1/water:3");
        parked.taken(RETRIES_0, parkedRecord(RETRIES_0, 7, "partner", Optional.of("SHORTAGE/goris-1/water:2")));

        // then version 2 waits behind 1, not behind 3, and for this addressee and alert only
        assertThat(parked.waitsBehind(RETRIES_0, "partner", "SHORTAGE/goris-1/water:2")).isTrue();
        assertThat(parked.waitsBehind(RETRIES_0, "duty-officer", "SHORTAGE/goris-1/water:2")).isFalse();
        assertThat(parked.waitsBehind(RETRIES_0, "partner", "SHORTAGE/goris-1/fuel:2")).isFalse();
        parked.taken(RETRIES_0, parkedRecord(RETRIES_0, 8, "partner", Optional.of("SHORTAGE/goris-1/water:1")));
        assertThat(parked.waitsBehind(RETRIES_0, "partner", "SHORTAGE/goris-1/water:2")).isFalse();
    }

    @Test
    void shouldCountWhatIsParkedFromThePositionToTheEndWhenAPartitionIsAssigned() {
        // given a retry partition holding, from the worker's position 1 on, one delivery of each of two alerts for
        // this endpoint, one for another endpoint, and one parked before the header existed
        MockConsumer<String, byte[]> reader = new MockConsumer<>("earliest");
        reader.updateBeginningOffsets(Map.of(RETRIES_1, 0L));
        reader.updateEndOffsets(Map.of(RETRIES_1, 5L));
        reader.schedulePollTask(() -> {
            reader.addRecord(parkedRecord(0, "partner", Optional.of("delivered-long-ago:1")));
            reader.addRecord(parkedRecord(1, "partner", Optional.of("SURGE/post-bp-07:2")));
            reader.addRecord(parkedRecord(2, "other", Optional.of("SHORTAGE/goris-1/water:1")));
            reader.addRecord(parkedRecord(3, "partner", Optional.of("SHORTAGE/goris-1/water:1")));
            reader.addRecord(parkedRecord(4, "partner", Optional.empty()));
        });
        parked.parked(RETRIES_1, "partner", "counted-before-a-rebalance:1");

        // when the partition is counted afresh
        parked.recount(RETRIES_1, 1, reader, "partner"::equals);

        // then
        assertThat(parked.holdsBack("partner", "SURGE/post-bp-07")).isTrue();
        assertThat(parked.holdsBack("partner", "SHORTAGE/goris-1/water")).isTrue();
        assertThat(parked.holdsBack("other", "SHORTAGE/goris-1/water")).as("another endpoint's").isFalse();
        assertThat(parked.holdsBack("partner", "delivered-long-ago")).as("before the position").isFalse();
        assertThat(parked.holdsBack("partner", "counted-before-a-rebalance")).as("replaced by the count").isFalse();
    }

    @Test
    void shouldCountEveryRetryPartitionFromThePositionOfThoseAssignedAndTheCommittedOffsetOfTheOthers() {
        // given a worker given retry partition 0 (its position: 1), whose group committed offset 2 on partition 1,
        // which another instance reads
        MockConsumer<String, byte[]> worker = new MockConsumer<>("earliest") {
            @Override // MockConsumer 4.3 answers offset 0 for a partition committed but not assigned
            public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
                return Map.of(RETRIES_1, new OffsetAndMetadata(2));
            }
        };
        worker.updatePartitions(RETRIES_0.topic(), List.of(new PartitionInfo(RETRIES_0.topic(), 0, null, null, null),
                new PartitionInfo(RETRIES_1.topic(), 1, null, null, null)));
        worker.assign(List.of(RETRIES_0));
        worker.seek(RETRIES_0, 1);
        List<ConsumerRecord<String, byte[]>> retryTopic = List.of(
                parkedRecord(RETRIES_0, 0, "partner", Optional.of("done-on-0:1")), parkedRecord(RETRIES_0, 1, "partner", Optional.of("parked-on-0:1")),
                parkedRecord(RETRIES_1, 1, "partner", Optional.of("done-on-1:1")), parkedRecord(RETRIES_1, 2, "partner", Optional.of("parked-on-1:1")));

        // when it counts what is parked
        parked.recount(worker, List.of(RETRIES_0), () -> reading(retryTopic), "partner"::equals);

        // then
        assertThat(parked.holdsBack("partner", "parked-on-0")).isTrue();
        assertThat(parked.holdsBack("partner", "parked-on-1")).as("on the partition another instance reads").isTrue();
        assertThat(parked.holdsBack("partner", "done-on-0")).isFalse();
        assertThat(parked.holdsBack("partner", "done-on-1")).isFalse();
    }

    /** A reader of the retry topic: each poll finds the records of the partition it is assigned to. */
    private static MockConsumer<String, byte[]> reading(List<ConsumerRecord<String, byte[]>> retryTopic) {
        MockConsumer<String, byte[]> reader = new MockConsumer<>("earliest");
        reader.updateBeginningOffsets(Map.of(RETRIES_0, 0L, RETRIES_1, 0L));
        reader.updateEndOffsets(Map.of(RETRIES_0, 2L, RETRIES_1, 3L));
        retryTopic.forEach(record -> reader.schedulePollTask(() -> retryTopic.stream()
                .filter(mine -> reader.assignment().contains(new TopicPartition(mine.topic(), mine.partition())))
                .filter(mine -> mine.offset() >= reader.position(new TopicPartition(mine.topic(), mine.partition())))
                .forEach(reader::addRecord)));
        return reader;
    }

    static ConsumerRecord<String, byte[]> parkedRecord(long offset, String addressee, Optional<String> alertId) {
        return parkedRecord(RETRIES_1, offset, addressee, alertId);
    }

    static ConsumerRecord<String, byte[]> parkedRecord(TopicPartition partition, long offset, String addressee, Optional<String> alertId) {
        RecordHeaders headers = new RecordHeaders();
        alertId.ifPresent(id -> headers.add(ParkedAlerts.KEY_HEADER, id.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                addressee, new byte[0], headers, Optional.empty());
    }
}
