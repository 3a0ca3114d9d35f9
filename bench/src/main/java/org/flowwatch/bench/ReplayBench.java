package org.flowwatch.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flowwatch.producers.reference.SiteReferenceData;
import org.flowwatch.producers.replay.ReplaySettings;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * Section 5: the whole 2023 curve replayed as fast as the producers go into a running arrivals app on a fresh
 * broker, timed from the first event sent until the operation-wide daily totals add up to the people the replay
 * sent (each eventId once): the moment the dashboard shows the final figure.
 */
final class ReplayBench {

    static final String NAME = "2023 replay: first event to final counts";
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Section section;

    ReplayBench(Section section) {
        this.section = section;
    }

    List<Figures> run() throws Exception {
        try (BenchStack stack = section.startStack("broker")) {
            Settings settings = stack.settings(Map.of("replay.hours", "all", "replay.speed", "0",
                    "streams.application.id", "flowwatch-bench-replay", "streams.state.dir", section.path("state").toString(),
                    "streams.processing.guarantee", BenchReport.EXACTLY_ONCE));
            StreamsSettings streams = StreamsSettings.from(settings);
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(streams.registry());
            publishPosts(stack.kafka(), serdes);
            try (StreamsRunner arrivals = ArrivalsApp.start(streams); DailyTotal total = new DailyTotal(stack.kafka(), serdes)) {
                if (!arrivals.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the arrivals app did not reach RUNNING: " + arrivals.state());
                }
                section.report("replaying the whole 2023 curve as fast as possible");
                long started = System.nanoTime();
                ScenarioReplay.Sent sent = replay(stack.kafka(), serdes, ReplaySettings.from(settings));
                double sending = (System.nanoTime() - started) / 1e9;
                total.awaitPeople(sent.people(), LIMIT, () -> arrivals.failure().isPresent());
                double wall = (System.nanoTime() - started) / 1e9;
                section.report(String.format("  %,d people sent in %.1f s, counted in full after %.1f s", sent.people(), sending, wall));
                return List.of(new Figures("2023 replay: people sent (each eventId once)", "people", List.of((double) sent.people())),
                        new Figures("2023 replay: producers sending every crossing", "s", List.of(sending)),
                        new Figures(NAME, "s", List.of(wall)));
            }
        }
    }

    private static void publishPosts(Map<String, Object> kafka, FlowwatchSerdes serdes) {
        try (var producer = new KafkaProducer<>(kafka, serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer())) {
            SiteReferenceData.scenario2023().forEach(site -> producer.send(new ProducerRecord<>(Topics.SITES.name(), site.getSiteId(), site)));
        }
    }

    private static ScenarioReplay.Sent replay(Map<String, Object> kafka, FlowwatchSerdes serdes, ReplaySettings settings)
            throws InterruptedException {
        try (ScenarioReplay.Publishers publishers = ScenarioReplay.Publishers.open(kafka, serdes)) {
            return new ScenarioReplay(settings).runInto(publishers, (hour, people) -> { });
        }
    }

    /** The operation-wide daily arrival totals as committed: the latest revision of each day, summed. */
    private static final class DailyTotal implements AutoCloseable {

        private final KafkaConsumer<String, ArrivalCount> consumer;
        private final Map<String, Long> perDay = new HashMap<>();

        DailyTotal(Map<String, Object> kafka, FlowwatchSerdes serdes) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "flowwatch-bench-replay-watch");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), serdes.value(Topics.ARRIVALS_DAILY).deserializer());
            consumer.subscribe(List.of(Topics.ARRIVALS_DAILY.name()));
        }

        void awaitPeople(long people, Duration limit, java.util.function.BooleanSupplier failed) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (perDay.values().stream().mapToLong(Long::longValue).sum() != people) {
                if (System.nanoTime() > deadline || failed.getAsBoolean()) {
                    throw new IllegalStateException("the daily totals did not reach the " + people + " people replayed within "
                            + limit.toMinutes() + " min");
                }
                consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                    ArrivalCount count = record.value();
                    if (count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL) {
                        perDay.put(count.getWindowStart().toString(), count.getPeople());
                    }
                });
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
