package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.producers.replay.ArrivalsCurve;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.runtime.errors.RejectHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's acceptance test, with the real parts: the 2023 sites published as the demo does, the replay of the
 * reported 2023 curve (a day from the corridor's opening, across the Yerevan midnight) with resends and a post that
 * goes silent for nine hours, garbage bytes on the crossings topic, and two instances of the arrivals app with
 * exactly-once. The replay's ground truth (each eventId once) is what both instances must answer over HTTP, day by
 * day; the silent post's backlog is counted whether it came within the hourly grace or beyond it.
 */
@Tag("integration")
@Timeout(240)
class ReplayedCurveIntegrationTest {

    private static final String SILENT_POST = "kornidzor";
    private static final Instant SILENCE_FROM = ArrivalsCurve.OPENING.plus(Duration.ofHours(6)); // 18:00 in Yerevan
    private static final Duration SILENCE = Duration.ofHours(9); // longer than the hourly grace (6 h)
    private static final String RANGE = "from=2023-09-23T20:00:00Z&to=2023-09-25T20:00:00Z"; // 24 and 25 Sep, Yerevan
    private static final int GARBAGE = 7;

    @TempDir
    static Path dir;
    private static EmbeddedStack stack;
    private static String secondPost;
    private static final List<StreamsRunner> runners = new ArrayList<>();
    private static final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private static final List<Integer> ports = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startStackSitesAndTwoInstances() throws Exception {
        stack = EmbeddedStack.start(dir, 0, 0);
        Settings settings = settings(Map.of());
        secondPost = topicsAndSitesWithASecondPost(settings);
        String applicationId = "flowwatch-arrivals-replayed-" + UUID.randomUUID();
        for (int instance = 0; instance < 2; instance++) {
            ports.add(LocalPorts.free("an arrivals instance"));
            StreamsSettings streams = StreamsSettings.from(settings(Map.of("streams.application.id", applicationId,
                    "streams.state.dir", dir.resolve("state-" + instance).toString(),
                    "query.http.port", Integer.toString(ports.get(instance)))));
            StreamsRunner runner = ArrivalsApp.start(streams);
            runners.add(runner);
            toClose.push(runner);
            toClose.push(ArrivalsApp.serveQueries(runner, streams).orElseThrow());
        }
    }

    @AfterAll
    static void stopInstancesThenStack() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
        stack.close();
    }

    @Test
    void shouldCountEveryValidPersonOfTheReplayedCurveOnceOnBothInstancesAndDeadLetterEveryGarbageRecord() throws Exception {
        // given both instances share the work
        await().alias("both instances RUNNING").atMost(Duration.ofSeconds(60))
                .until(() -> runners.stream().allMatch(runner -> runner.state() == KafkaStreams.State.RUNNING));

        // when a day of the 2023 curve is replayed with resends and a silent post, and garbage bytes arrive
        ScenarioReplay.Sent sent = ReplayCommand.replay(replaySettings(), (hour, people) -> { });
        sendGarbage();

        // then the replay really sent duplicates: the crossings topic holds more people than the ground truth
        assertThat(sent.resends()).as("resends sent").isPositive();
        List<CrossingEvent> raw = decodable(readAll(Topics.CROSSINGS));
        assertThat(raw).hasSize((int) (sent.groups() + sent.resends()));
        assertThat(raw.stream().mapToLong(CrossingEvent::getPeople).sum()).isGreaterThan(sent.people());
        // and the operation's local-day totals are exactly the people sent, each eventId once, on both instances
        String days = "/counts?scope=all&granularity=day&" + RANGE;
        await().alias("every valid person counted once").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(total(0, days)).isEqualTo(sent.people()));
        Map<LocalDate, Long> truthByDay = sent.truth().peopleByDay();
        assertThat(truthByDay).as("the replay crosses the Yerevan midnight").hasSize(2);
        for (int instance = 0; instance < 2; instance++) {
            assertThat(total(instance, days)).as("instance %d", instance).isEqualTo(sent.people());
            assertThat(peopleByLocalDay(instance, days)).as("instance %d", instance).isEqualTo(truthByDay);
        }
        // and the silent post's backlog: beyond the hourly grace in the late topic, within it in its hour
        List<LateCrossing> late = lateHourlyOfTheOperation();
        assertThat(late).as("crossings later than the hourly grace").isNotEmpty()
                .allSatisfy(crossing -> assertThat(crossing.getCrossing().getPostId()).isEqualTo(SILENT_POST));
        long latePeople = late.stream().mapToLong(crossing -> crossing.getCrossing().getPeople()).sum();
        String hours = "/counts?scope=all&granularity=hour&" + RANGE;
        await().alias("hourly counts").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(total(1, hours)).isEqualTo(sent.people() - latePeople));
        Instant lastSilentHour = SILENCE_FROM.plus(SILENCE).minus(Duration.ofHours(1));
        assertThat(peopleInHour(0, hours, lastSilentHour)).as("late within the grace, counted in its hour")
                .isEqualTo(sent.truth().peopleInHour(SILENT_POST, lastSilentHour) + sent.truth().peopleInHour(secondPost, lastSilentHour))
                .isGreaterThan(sent.truth().peopleInHour(secondPost, lastSilentHour));
        // and every garbage record sits in the dead-letter topic as UNDECODABLE, none lost, nothing else there
        await().alias(GARBAGE + " dead letters").atMost(Duration.ofSeconds(30)).until(() -> readAll(Topics.DEAD_LETTERS).size() >= GARBAGE);
        assertThat(readAll(Topics.DEAD_LETTERS)).hasSize(GARBAGE)
                .allSatisfy(record -> assertThat(RejectHeaders.value(record.headers(), RejectHeaders.REASON)).isEqualTo("UNDECODABLE"))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, GARBAGE).mapToObj(ReplayedCurveIntegrationTest::garbage).toList());
    }

    private static Settings replaySettings() {
        return settings(Map.of("replay.post", SILENT_POST + "," + secondPost, "replay.hours", "24", "replay.speed", "max",
                "replay.resend.share", "0.02", "replay.supplies", "false", "replay.silence.post", SILENT_POST,
                "replay.silence.after", Duration.between(ArrivalsCurve.OPENING, SILENCE_FROM).toHours() + "h",
                "replay.silence.length", SILENCE.toHours() + "h"));
    }

    private static void sendGarbage() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < GARBAGE; i++) {
                String post = i % 2 == 0 ? SILENT_POST : secondPost;
                producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), post.getBytes(StandardCharsets.UTF_8),
                        garbage(i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static String garbage(int i) {
        return "garbage " + i;
    }

    /** Creates every topic, publishes the 2023 sites and a second post of Syunik sharing the silent post's partition. */
    static String topicsAndSitesWithASecondPost(Settings settings) throws Exception {
        try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
        String second = postSharingPartitionWith(SILENT_POST);
        ReferenceCommand.publishDefaults(settings);
        ReferenceCommand.publish(settings, publisher -> publisher.site(Site.newBuilder().setSiteId(second)
                .setName("second crossing of the test").setKind(SiteKind.BORDER_POST).setAdm1Code("AM-SU").setAdm1Name("Syunik").build()));
        return second;
    }

    // Both posts on one partition of the crossings topic: one task reads them in the order sent, so the silent
    // post's backlog meets a stream time that the other post has moved on, and which crossings are beyond the hourly
    // grace does not depend on how two tasks happen to interleave.
    private static String postSharingPartitionWith(String post) {
        int partitions = Topics.CROSSINGS.partitions();
        return IntStream.iterate(2, n -> n + 1).mapToObj(n -> "hakari-" + n)
                .filter(candidate -> partition(candidate, partitions) == partition(post, partitions)).findFirst().orElseThrow();
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private List<CrossingEvent> decodable(List<ConsumerRecord<byte[], byte[]>> records) {
        var deserializer = serdes().value(Topics.CROSSINGS).deserializer();
        return records.stream().filter(record -> !new String(record.value(), StandardCharsets.UTF_8).startsWith("garbage"))
                .map(record -> deserializer.deserialize(record.topic(), record.value())).toList();
    }

    private List<LateCrossing> lateHourlyOfTheOperation() {
        var deserializer = serdes().value(Topics.ARRIVALS_LATE).deserializer();
        return readAll(Topics.ARRIVALS_LATE).stream().map(record -> deserializer.deserialize(record.topic(), record.value()))
                .filter(late -> late.getScope() == CountScope.ALL && late.getGranularity() == Granularity.HOUR).toList();
    }

    private static FlowwatchSerdes serdes() {
        return FlowwatchSerdes.forRegistry(CommonSettings.registry(settings(Map.of())));
    }

    /** Everything committed on {@code topic} so far, from every partition. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(TopicSpec<?, ?> topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return records;
    }

    private long total(int instance, String pathAndQuery) throws Exception {
        return counts(instance, pathAndQuery).get("totalPeople").asLong();
    }

    private Map<LocalDate, Long> peopleByLocalDay(int instance, String pathAndQuery) throws Exception {
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (JsonNode window : counts(instance, pathAndQuery).get("windows")) {
            byDay.put(LocalDate.ofInstant(Instant.parse(window.get("windowStart").asText()), ArrivalsCurve.ARMENIA), window.get("people").asLong());
        }
        return byDay;
    }

    private long peopleInHour(int instance, String pathAndQuery, Instant hour) throws Exception {
        for (JsonNode window : counts(instance, pathAndQuery).get("windows")) {
            if (Instant.parse(window.get("windowStart").asText()).equals(hour)) {
                return window.get("people").asLong();
            }
        }
        return 0;
    }

    private JsonNode counts(int instance, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + ports.get(instance) + pathAndQuery);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The layered settings as the cli loads them (every app's defaults), pointed at the private stack. */
    private static Settings settings(Map<String, String> overrides) {
        return settings(stack, overrides);
    }

    /** The layered settings as the cli loads them, pointed at {@code stack}, with no state store cache. */
    static Settings settings(EmbeddedStack stack, Map<String, String> overrides) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(), "kafka.statestore.cache.max.bytes", "0"));
        config.overrides.putAll(overrides);
        return config.load();
    }
}
