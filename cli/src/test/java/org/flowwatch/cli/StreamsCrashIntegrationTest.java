package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.config.CommonSettings;
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

/**
 * Exactly-once through crashes: the arrivals app runs as a real child process (`flowwatch streams run`), is killed
 * with SIGKILL at points drawn from a seed while it works through a replay, and restarted on the same state
 * directory. At the end every valid crossing is on the valid topic exactly once and the operation's daily totals
 * equal the replay's ground truth: nobody lost, nobody counted twice.
 */
@Tag("integration")
@Timeout(300)
class StreamsCrashIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldCountEveryPersonOnceWhenTheStreamsProcessIsKilledMidRun(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            // given the topics, the 2023 sites, and the six busiest hours of 26 September (about 7,000 people in
            // 1,600 groups, 2 % resent) arriving over about 20 s
            Settings settings = new ConfigOptions().load(Map.of(
                    "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl(),
                    "replay.start", "2023-09-26T08:00:00+04:00", "replay.hours", "6", "replay.speed", "1080",
                    "replay.resend.share", "0.02"));
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            ReferenceCommand.publishDefaults(settings);
            CompletableFuture<ScenarioReplay.Sent> replay = CompletableFuture.supplyAsync(() -> replay(settings));
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));

            // when the app is killed twice while the replay still flows in, after a number of valid crossings drawn
            // from a seed
            Random seed = new Random(7);
            List<Integer> validAtKill = new ArrayList<>();
            try (var valid = new CommittedReader<>(serdes, settings, Topics.CROSSINGS_VALID);
                 var daily = new CommittedReader<>(serdes, settings, Topics.ARRIVALS_DAILY)) {
                for (int reached : List.of(200 + seed.nextInt(300), 700 + seed.nextInt(300))) {
                    try (StreamsChildProcess app = StreamsChildProcess.start(stack.bootstrapServers(), stack.registryUrl(), dir.resolve("state"), List.of())) {
                        await().alias("valid crossings past " + reached).atMost(WAIT)
                                .until(() -> distinct(valid.values()).size() >= reached);
                        app.kill();
                        validAtKill.add(distinct(valid.values()).size());
                    }
                }
                ScenarioReplay.Sent sent = replay.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(sent.resends()).as("the replay resent some crossings").isPositive();
                assertThat(validAtKill).as("killed mid-run, before all %d groups were through", sent.groups())
                        .allSatisfy(count -> assertThat(count).isLessThan(Math.toIntExact(sent.groups())));

                // and runs to the end once more
                try (StreamsChildProcess app = StreamsChildProcess.start(stack.bootstrapServers(), stack.registryUrl(), dir.resolve("state"), List.of())) {
                    await().alias("every person counted").atMost(WAIT.multipliedBy(2)).untilAsserted(() -> {
                        assertThat(valid.values()).as("valid crossings").hasSizeGreaterThanOrEqualTo(Math.toIntExact(sent.groups()));
                        assertThat(allScopeArrivals(daily.values())).as("people in the daily counts").isGreaterThanOrEqualTo(sent.people());
                    });

                    // then: exactly the ground truth, and every valid crossing once on the valid topic
                    assertThat(allScopeArrivals(daily.values())).isEqualTo(sent.people());
                    assertThat(valid.values()).hasSize(Math.toIntExact(sent.groups()));
                    assertThat(distinct(valid.values())).hasSize(valid.values().size());
                }
            }
        }
    }

    private static ScenarioReplay.Sent replay(Settings settings) {
        try {
            return ReplayCommand.replay(settings, (hour, people) -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    /** Follows a topic from its start with read_committed (as any reader of ours) and keeps every value read. */
    private static final class CommittedReader<V> implements AutoCloseable {

        private final KafkaConsumer<String, V> consumer;
        private final List<V> values = new ArrayList<>();

        CommittedReader(FlowwatchSerdes serdes, Settings settings, TopicSpec<String, V> topic) {
            Map<String, Object> config = new HashMap<>(CommonSettings.kafkaClient(settings));
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(config, serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
            var partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Everything committed so far (polls what arrived since the last call). */
        List<V> values() {
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            return values;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private static Set<UUID> distinct(List<CrossingEvent> crossings) {
        Set<UUID> ids = new HashSet<>();
        crossings.forEach(crossing -> ids.add(crossing.getEventId()));
        return ids;
    }

    /** People arriving in the operation's daily counts: the latest revision of each day, summed. */
    private static long allScopeArrivals(List<ArrivalCount> revisions) {
        Map<String, ArrivalCount> days = new HashMap<>();
        revisions.forEach(count -> days.put(ArrivalKeys.of(count), count));
        return days.values().stream()
                .filter(count -> count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)
                .mapToLong(ArrivalCount::getPeople).sum();
    }
}
