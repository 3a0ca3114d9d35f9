package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.replay.ArrivalsCurve;
import org.flowwatch.producers.replay.GroundTruth;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.DeadLetterHeaders;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's acceptance test with the real parts: two days of the 2023 curve replayed at full speed through
 * Kornidzor to Goris and Vayk, people moving on from both as they did (the replay's departures), and the sites app
 * on a real broker and registry. A day in, water is counted at Goris; the test works out from the replay's own
 * ground truth (people routed in and moved on per hour) when that water runs out, by a minute-by-minute sum written
 * apart from the app's projection, and checks the app's projected run-out, its population at that moment and its
 * RUN_OUT alert against it; six hours later a large convoy arrives and nothing runs out any more. Goris' population
 * rises and falls, and ends equal to the people routed there less the people who moved on.
 */
@Tag("integration")
@Timeout(300)
// At full speed a departure often reaches the ledger's one partition hours (of event time) before the crossings of its people
// (they come through other partitions of other topics): it waits for them instead of being refused.
class SitesReplayIntegrationTest {

    private static final String GORIS = "goris";
    private static final Instant COUNTED = ArrivalsCurve.OPENING.plus(Duration.ofHours(24));
    private static final Instant CONVOY = COUNTED.plus(Duration.ofHours(6));
    private static final double LITRES_PER_PERSON_PER_DAY = 15; // the Sphere minimum the defaults publish
    private static final double TARGET_HOURS = 30;

    @TempDir
    Path dir;

    @Test
    void shouldProjectWhenGorisRunsOutOfWaterAsTheGroundTruthSaysAndRaiseThenResolveRunOut() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0)) {
            Settings settings = settings(stack);
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            ReferenceCommand.publishDefaults(settings);
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(SitesSettings.from(settings).registry());
            List<SiteStatus> statuses = new ArrayList<>();
            double[] counted = new double[1];
            try (StreamsRunner sites = SitesApp.start(SitesSettings.from(settings));
                 KafkaProducer<byte[], byte[]> producer = producer(stack);
                 KafkaConsumer<byte[], byte[]> statusReader = consumer(stack, Topics.SITE_STATUS)) {
                assertThat(sites.awaitRunning(Duration.ofSeconds(60))).isTrue();

                // when two days are replayed; after the first day, with the app caught up, water is counted at Goris
                // (what its population then would use in 30 h with no one coming or going), and six hours later a
                // convoy brings 10,000,000 L
                ScenarioReplay.Sent sent = ReplayCommand.replay(replaySettings(settings), (hour, people) -> {
                    // the hour [hour, hour + 1 h) has been handed to the producer: the replay waits while we act
                    Instant next = hour.plus(Duration.ofHours(1));
                    if (next.equals(COUNTED)) {
                        awaitPopulationSettled(statusReader, serdes, statuses);
                        counted[0] = latest(statuses).getPopulation() * LITRES_PER_PERSON_PER_DAY / 24 * TARGET_HOURS;
                        send(producer, serdes, Topics.SUPPLIES, GORIS, supply(SupplyKind.STOCK_COUNT, counted[0], COUNTED), COUNTED);
                    } else if (next.equals(CONVOY)) {
                        send(producer, serdes, Topics.SUPPLIES, GORIS, supply(SupplyKind.DELIVERY, 10_000_000, CONVOY), CONVOY);
                    }
                });
                GroundTruth truth = sent.truth();

                // then Goris ends with the people routed there less those who moved on, after rising and falling
                long expected = sumUntil(truth::routedInHour, Instant.MAX) - sumUntil(truth::departuresInHour, Instant.MAX);
                await().alias("Goris' final population").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    read(statusReader, serdes, statuses);
                    assertThat(latest(statuses).getPopulation()).as(() -> "Goris' population (inputs refused: " + refused(stack) + ")")
                            .isEqualTo(expected);
                });
                // (the replay is consistent: every departure takes people who came, so the ledger refuses nothing)
                assertThat(refused(stack)).as("inputs the sites app refused").isEmpty();
                // (two days in, arrivals still outrun departures: the population rises overall and falls each time a
                // group moves on; thousands have left instead of piling up)
                List<Long> populations = statuses.stream().map(SiteStatus::getPopulation).toList();
                assertThat(falls(populations)).as("statuses where Goris' population fell").isGreaterThan(10);
                assertThat(sumUntil(truth::departuresInHour, Instant.MAX)).as("people who moved on from Goris").isGreaterThan(1_000);

                // and right after the count: the population the ground truth gives, to the person, the stock as
                // counted, and the run-out the ground truth gives (people keep arriving: sooner than 30 h)
                SiteStatus atCount = statuses.stream().filter(s -> water(s) != null && COUNTED.equals(water(s).getCountedAt()))
                        .findFirst().orElseThrow();
                long population = sumUntil(truth::routedInHour, COUNTED) - sumUntil(truth::departuresInHour, COUNTED);
                assertThat(atCount.getUpdatedAt()).isEqualTo(COUNTED);
                assertThat(atCount.getPopulation()).isEqualTo(population);
                assertThat(water(atCount).getStock()).isCloseTo(counted[0], within(0.5));
                double expectedHours = hoursUntilEmpty(counted[0], population, truth);
                assertThat(expectedHours).as("the ground truth's run-out").isLessThan(TARGET_HOURS);
                assertThat(water(atCount).getHoursToRunOut()).isCloseTo(expectedHours, within(0.25));

                // and RUN_OUT opened at the count (inside the 48 h lead time; CRITICAL under 24 h)
                List<Alert> runOut = alerts(stack, serdes);
                assertThat(runOut).isNotEmpty();
                assertThat(runOut.get(0).getState()).isEqualTo(AlertState.OPEN);
                assertThat(runOut.get(0).getSeverity()).as(() -> "the first of " + runOut)
                        .isEqualTo(expectedHours < 24 ? Severity.CRITICAL : Severity.WARNING);
                assertThat(runOut.get(0).getStartsAt()).isEqualTo(COUNTED);
                // and nothing runs out once the convoy came (10,000,000 L is more than 40,000 people use in 72 h,
                // 1,800,000 L): the projection is beyond the horizon and the last change is RESOLVED, at the convoy at
                // the latest (it may resolve sooner: at night departures outrun arrivals and the run-out moves out)
                // (the convoy applies at the operation clock's time: CONVOY, or later if inputs of later hours were read first)
                SiteStatus afterConvoy = statuses.stream().filter(s -> water(s) != null && water(s).getStock() > 1_000_000)
                        .findFirst().orElseThrow();
                assertThat(afterConvoy.getUpdatedAt()).isAfterOrEqualTo(CONVOY);
                assertThat(water(afterConvoy).getHoursToRunOut()).isNull();
                Alert last = runOut.get(runOut.size() - 1);
                assertThat(last.getState()).isEqualTo(AlertState.RESOLVED);
                assertThat(last.getEndsAt()).isBeforeOrEqualTo(afterConvoy.getUpdatedAt());
            }
        }
    }

    /**
     * When {@code litres} run out at Goris from the count, summed minute by minute from the replay's ground truth and
     * written apart from the app's projection: arrivals expected from a least-squares line through the people routed
     * to Goris in each of the six complete hours before the count (its slope damped by 0.8 an hour ahead), departures
     * at the level of the same kind of line through those hours' departures, 15 L a person a day.
     */
    private static double hoursUntilEmpty(double litres, long population, GroundTruth truth) {
        double[] line = LeastSquares.line(lastSixHours(truth::routedInHour));
        double departuresPerHour = LeastSquares.line(lastSixHours(truth::departuresInHour))[0];
        double people = population;
        double left = litres;
        for (int minute = 0; minute < 72 * 60; minute++) {
            double hoursAhead = (minute + 0.5) / 60;
            double damped = 0.8 * (1 - Math.pow(0.8, hoursAhead)) / 0.2;
            double arriving = Math.max(0, line[0] + line[1] * damped);
            double peopleAfter = Math.max(0, people + (arriving - departuresPerHour) / 60);
            double used = (people + peopleAfter) / 2 * LITRES_PER_PERSON_PER_DAY / 1440;
            if (used >= left) {
                return (minute + left / used) / 60;
            }
            left -= used;
            people = peopleAfter;
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double[] lastSixHours(java.util.function.BiFunction<String, Instant, Long> perHour) {
        double[] six = new double[6];
        for (int i = 0; i < 6; i++) {
            six[i] = perHour.apply(GORIS, COUNTED.minus(Duration.ofHours(6 - i)));
        }
        return six;
    }

    private static long sumUntil(java.util.function.BiFunction<String, Instant, Long> perHour, Instant until) {
        long sum = 0;
        for (Instant hour = ArrivalsCurve.OPENING.minus(Duration.ofHours(1)); hour.isBefore(ArrivalsCurve.OPENING.plus(Duration.ofDays(10)))
                && hour.isBefore(until); hour = hour.plus(Duration.ofHours(1))) {
            sum += perHour.apply(GORIS, hour);
        }
        return sum;
    }

    private static int falls(List<Long> populations) {
        int falls = 0;
        for (int i = 1; i < populations.size(); i++) {
            falls += populations.get(i) < populations.get(i - 1) ? 1 : 0;
        }
        return falls;
    }

    /** Waits until Goris' status has not changed for three seconds (the app has read what the replay sent so far). */
    private static void awaitPopulationSettled(KafkaConsumer<byte[], byte[]> reader, FlowwatchSerdes serdes, List<SiteStatus> statuses) {
        int[] seen = {-1};
        int[] still = {0};
        await().alias("Goris caught up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(1000)).until(() -> {
            read(reader, serdes, statuses);
            still[0] = !statuses.isEmpty() && statuses.size() == seen[0] ? still[0] + 1 : 0;
            seen[0] = statuses.size();
            return still[0] >= 3;
        });
    }

    private static void read(KafkaConsumer<byte[], byte[]> reader, FlowwatchSerdes serdes, List<SiteStatus> statuses) {
        reader.poll(Duration.ofMillis(300)).forEach(record -> {
            SiteStatus status = serdes.value(Topics.SITE_STATUS).deserializer().deserialize(record.topic(), record.value());
            if (status != null && GORIS.equals(status.getSiteId())) {
                statuses.add(status);
            }
        });
    }

    private static SiteStatus latest(List<SiteStatus> statuses) {
        return statuses.get(statuses.size() - 1);
    }

    private static ItemStatus water(SiteStatus status) {
        return status.getItems().stream().filter(item -> item.getItemId().equals("water") && item.getReported()).findFirst().orElse(null);
    }

    /**
     * Goris' RUN_OUT alerts for water in the order they changed, read to the end of the topic each time (not until the
     * first RESOLVED: a run-out resolved in the night and opened again the next morning would stop a shorter read).
     */
    private static List<Alert> alerts(EmbeddedStack stack, FlowwatchSerdes serdes) {
        List<Alert> runOut = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = consumer(stack, Topics.ALERT_EVENTS)) {
            await().alias("RUN_OUT of water at Goris resolved").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                readToEnd(reader, record -> {
                    Alert alert = serdes.value(Topics.ALERT_EVENTS).deserializer().deserialize(record.topic(), record.value());
                    if (alert.getKind() == AlertKind.RUN_OUT && GORIS.equals(alert.getLabels().get("site"))
                            && "water".equals(alert.getLabels().get("item"))) {
                        runOut.add(alert);
                    }
                });
                assertThat(runOut).isNotEmpty();
                // keyed by alertId, episodes lie on different partitions: their order is the time of each change
                runOut.sort(java.util.Comparator.comparing(Alert::getUpdatedAt).thenComparing(Alert::getVersion));
                assertThat(runOut.get(runOut.size() - 1).getState()).isEqualTo(AlertState.RESOLVED);
            });
        }
        return runOut;
    }

    /** Polls until the reader stands at the end of every partition of its topic as it was when called. */
    private static void readToEnd(KafkaConsumer<byte[], byte[]> reader,
                                  java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> each) {
        Instant giveUp = Instant.now().plusSeconds(30);
        do {
            reader.poll(Duration.ofMillis(300)).forEach(each);
        } while (Instant.now().isBefore(giveUp) && (reader.assignment().isEmpty() || reader.endOffsets(reader.assignment())
                .entrySet().stream().anyMatch(end -> reader.position(end.getKey()) < end.getValue())));
    }

    /** Why each input on the sites app's rejected topic was refused, read to its end. */
    private static List<String> refused(EmbeddedStack stack) {
        List<String> refused = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = consumer(stack, Topics.SITES_REJECTED)) {
            readToEnd(reader, record -> refused.add(new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        return refused;
    }

    private static SupplyEvent supply(SupplyKind kind, double litres, Instant at) {
        return SupplyEvent.newBuilder().setEventId(UUID.randomUUID()).setSiteId(GORIS).setItem("water").setKind(kind)
                .setQuantity(litres).setUnit("litre").setSource("SitesReplayIntegrationTest").setOccurredAt(at).setRecordedAt(at).build();
    }

    private static Settings replaySettings(Settings base) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", base.string("kafka.bootstrap.servers"),
                "registry.url", base.string("registry.url"), "replay.hours", "48", "replay.speed", "max",
                "replay.supplies", "false", "replay.resend.share", "0"));
        return config.load();
    }

    private static Settings settings(EmbeddedStack stack) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(), "sites.crossings.source", "raw",
                "sites.application.id", "flowwatch-sites-replay-" + UUID.randomUUID(),
                "streams.commit.interval", "100ms", "kafka.statestore.cache.max.bytes", "0"));
        config.overrides.put("streams.state.dir", System.getProperty("java.io.tmpdir") + "/flowwatch-sites-replay-" + UUID.randomUUID());
        return config.load();
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedStack stack, TopicSpec<?, ?> topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                 String key, V value, Instant at) {
        producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), serdes.key(topic).serializer().serialize(topic.name(), key),
                serdes.value(topic).serializer().serialize(topic.name(), value)));
        producer.flush();
    }
}
