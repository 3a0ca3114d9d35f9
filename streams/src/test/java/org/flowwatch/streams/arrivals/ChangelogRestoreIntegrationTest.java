package org.flowwatch.streams.arrivals;

import static org.awaitility.Awaitility.await;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.assertj.core.api.SoftAssertions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * What an instance that starts on an empty state directory (a crash under exactly-once wipes it too) restores from
 * the changelogs, when the crossings carry event time from 2023: the remembered eventIds and the counts of the first
 * crossings must still be there after the broker has had time to apply its retention (its log cleaner looks every
 * 15 s). Before the changelogs had no time retention, the broker deleted their first segment against its wall clock:
 * the restored app let a resend through (counted twice) and lost the first crossings from the daily count.
 */
@Tag("integration")
@Timeout(180)
class ChangelogRestoreIntegrationTest {

    private static final String POST = "BP-RESTORE";
    private static final Instant START = Instant.parse("2023-09-26T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldRememberEveryIdAndCountOfReplayedCrossingsAfterARestoreOnAnEmptyStateDirectory() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            String applicationId = "flowwatch-restore-it-" + UUID.randomUUID();
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(StreamsSettings.from(settings(stack, applicationId, "a")).registry());
            List<CrossingEvent> first = crossings(0, 5);
            List<CrossingEvent> second = crossings(5, 5);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    serdes.key(Topics.CROSSINGS).serializer(), serdes.value(Topics.CROSSINGS).serializer());
                 var valid = new Committed<>(stack, serdes, Topics.CROSSINGS_VALID);
                 var daily = new Committed<>(stack, serdes, Topics.ARRIVALS_DAILY)) {
                publishSite(stack, serdes);

                // given an instance that counted the first crossings, and the broker's cleaner given time to look
                try (StreamsRunner runner = ArrivalsApp.start(StreamsSettings.from(settings(stack, applicationId, "a")))) {
                    first.forEach(crossing -> send(producer, crossing));
                    producer.flush();
                    await().alias("the first crossings counted").atMost(Duration.ofSeconds(60))
                            .until(() -> counted(daily.values()) == people(first));
                    await().alias("a pass of the broker's log cleaner").pollDelay(Duration.ofSeconds(20))
                            .atMost(Duration.ofSeconds(21)).until(() -> runner.failure().isEmpty());
                }

                // when another instance takes over on an empty state directory, and a post resends its first crossing
                try (StreamsRunner runner = ArrivalsApp.start(StreamsSettings.from(settings(stack, applicationId, "b")))) {
                    send(producer, first.get(0));
                    second.forEach(crossing -> send(producer, crossing));
                    producer.flush();
                    await().alias("the second crossings counted").atMost(Duration.ofSeconds(60))
                            .until(() -> valid.values().size() >= first.size() + second.size()
                                    && counted(daily.values()) >= people(second));
                    // the resend sits before the second crossings in the same partition: read a moment longer anyway
                    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> runner.failure().isEmpty());

                    // then the resend was dropped and the day counts every person once
                    SoftAssertions.assertSoftly(softly -> {
                        softly.assertThat(valid.values()).extracting(CrossingEvent::getEventId).as("valid crossings")
                                .doesNotHaveDuplicates().hasSize(first.size() + second.size());
                        softly.assertThat(counted(daily.values())).as("people in the day").isEqualTo(people(first) + people(second));
                    });
                }
            }
        }
    }

    private static List<CrossingEvent> crossings(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> aCrossing().atPost(POST).people(i + 1)
                .at(START.plus(Duration.ofMinutes(10L * i))).build()).toList();
    }

    private static void send(KafkaProducer<String, CrossingEvent> producer, CrossingEvent crossing) {
        producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), null, crossing.getOccurredAt().toEpochMilli(), POST, crossing));
    }

    private static long people(List<CrossingEvent> crossings) {
        return crossings.stream().mapToLong(CrossingEvent::getPeople).sum();
    }

    /** The operation's arrivals in the daily counts: the latest revision of each day, summed. */
    private static long counted(List<ArrivalCount> revisions) {
        Map<String, ArrivalCount> days = new HashMap<>();
        revisions.forEach(count -> days.put(ArrivalKeys.of(count), count));
        return days.values().stream().filter(count -> count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)
                .mapToLong(ArrivalCount::getPeople).sum();
    }

    private static void publishSite(EmbeddedStack stack, FlowwatchSerdes serdes) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer())) {
            producer.send(new ProducerRecord<>(Topics.SITES.name(), POST, Site.newBuilder().setSiteId(POST).setName(POST)
                    .setKind(SiteKind.BORDER_POST).setAdm1Code("AM-SU").setAdm1Name("Syunik").build())).get();
        }
    }

    private Settings settings(EmbeddedStack stack, String applicationId, String stateDir) {
        return StreamsSettings.loader().flags(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(),
                "streams.application.id", applicationId,
                "streams.state.dir", dir.resolve("state-" + stateDir).toString(),
                "query.http.port", "0")).load();
    }

    /** Every committed value of a topic so far, read from its start. */
    private static final class Committed<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final List<V> values = new ArrayList<>();

        Committed(EmbeddedStack stack, FlowwatchSerdes serdes, TopicSpec<String, V> topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(partition -> new TopicPartition(topic.name(), partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<V> values() {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            return values;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
