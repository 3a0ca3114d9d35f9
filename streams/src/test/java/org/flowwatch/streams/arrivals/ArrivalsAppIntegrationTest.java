package org.flowwatch.streams.arrivals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.runtime.errors.RejectHeaders;
import org.flowwatch.streams.arrivals.topology.StoreNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the arrivals app on a real broker and registry: six hours of the 2023 curve's shape through two
 * posts, with resends, crossings later than the hourly grace, rule breakers and garbage bytes mixed in. Every valid
 * person is counted exactly once, every bad record is dead-lettered with its reason, both instances answer alike.
 */
@Tag("integration")
@Timeout(150)
class ArrivalsAppIntegrationTest {

    private static final Instant START = Instant.parse("2023-09-24T08:00:00Z"); // 12:00 in Yerevan
    private static final String DAY_RANGE = "from=2023-09-23T20:00:00Z&to=2023-09-25T20:00:00Z";
    private static final int GARBAGE = 5;
    private static final int UNKNOWN_POST = 3;
    private static final String TOKEN = "counts-token-0123456789";

    @TempDir
    static Path dir;
    private static EmbeddedStack stack;
    private static String applicationId;
    private static final List<AutoCloseable> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startStackAndTwoInstances() throws Exception {
        stack = EmbeddedStack.start(dir, 0, 0);
        try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
        publishSites();
        applicationId = "flowwatch-arrivals-it-" + UUID.randomUUID();
        for (int instance = 0; instance < 2; instance++) {
            ports.add(LocalPorts.free("an arrivals instance"));
            StreamsSettings settings = settings(applicationId, instance, ports.get(instance));
            StreamsRunner runner = ArrivalsApp.start(settings);
            instances.add(runner);
            // both ask for a token: a query forwarded to the instance holding the count must carry it on
            instances.add(ArrivalsApp.serveQueries(runner, settings, ApiToken.of(TOKEN)).orElseThrow());
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).close();
        }
        stack.close();
    }

    @Test
    void shouldCountEveryValidPersonOnceAndDeadLetterEveryBadRecordAndAnswerAlikeOnBothInstances() throws Exception {
        // given six hours of crossings with resends, late deliveries, rule breakers and garbage
        Sent sent = replay();

        // then the local-day totals of the whole operation are exactly the valid people sent, on both instances
        String dayQuery = "/counts?scope=all&granularity=day&" + DAY_RANGE;
        // (both awaited: while a rebalance moves a task, the instance that now holds it may still be catching up)
        await().alias("every valid person counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(totalPeople(0, dayQuery)).isEqualTo(sent.validPeople());
                    assertThat(totalPeople(1, dayQuery)).as("the other instance answers the same").isEqualTo(sent.validPeople());
                });
        // and the hourly counts of a region hold its post's people in time (the crossings 9 h late are past the
        // hourly grace); awaited too: the region's count is another task, perhaps on the other instance, perhaps behind
        String regionQuery = "/counts?scope=region&id=AM-SU&granularity=hour&" + DAY_RANGE;
        await().alias("the region's hours counted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(totalPeople(0, regionQuery)).isEqualTo(sent.onTimeAtSuPost());
                    assertThat(totalPeople(1, regionQuery)).isEqualTo(sent.onTimeAtSuPost());
                });
        // and each garbage record and rule breaker sits in the dead-letter topic with its reason
        List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(GARBAGE + UNKNOWN_POST);
        assertThat(dead).extracting(record -> RejectHeaders.value(record.headers(), RejectHeaders.REASON))
                .containsOnly("UNDECODABLE", "UNKNOWN_POST").filteredOn("UNDECODABLE"::equals).hasSize(GARBAGE);
        assertThat(dead).filteredOn(record -> "UNDECODABLE".equals(RejectHeaders.value(record.headers(), RejectHeaders.REASON)))
                .allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("garbage"));
    }

    @Test
    void shouldKeepEveryWindowStoreChangeOnTheBrokerWhateverTheEventTime() throws Exception {
        // The changelogs of the dedupe ids and of the hourly and daily counts carry event time (here 2023): a time
        // retention would let the broker delete them against its wall clock, and a restore would lose ids and counts.
        List<String> changelogs = List.of(StoreNames.SEEN, StoreNames.HOURLY, StoreNames.DAILY)
                .stream().map(store -> applicationId + "-" + store + "-changelog").toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            await().alias("the changelogs created").atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().containsAll(changelogs));
            var configs = admin.describeConfigs(changelogs.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get();
            assertThat(configs.values()).extracting(config -> config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .containsOnly(Long.toString(Long.MAX_VALUE));
            // and nothing of them was deleted (offsets start at 0)
            Map<TopicPartition, OffsetSpec> starts = new java.util.HashMap<>();
            admin.describeTopics(changelogs).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(partition -> starts.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.earliest())));
            assertThat(admin.listOffsets(starts).all().get().values()).extracting(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .containsOnly(0L);
        }
    }

    @Test
    void shouldAnswer400NamingTheParameterWhenAQueryIsMalformed() throws Exception {
        // when
        HttpResponse<String> response = get(1, "/counts?scope=planet&granularity=hour&" + DAY_RANGE);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'scope'");
    }

    /** What the replay sent: the valid people in it, and those on time at the post in region AM-SU. */
    private record Sent(long validPeople, long onTimeAtSuPost) {
    }

    private Sent replay() throws Exception {
        Random random = new Random(2023);
        List<CrossingEvent> valid = new ArrayList<>();
        for (int minute = 0; minute < 6 * 60; minute += 2) {
            String post = random.nextBoolean() ? "BP-IT-1" : "BP-IT-2";
            valid.add(aCrossing().atPost(post).people(1 + random.nextInt(8)).at(START.plus(Duration.ofMinutes(minute))).build());
        }
        // crossings delivered 9 h late: beyond the hourly grace (6 h), within the daily one (48 h)
        Instant last = START.plus(Duration.ofHours(6));
        List<CrossingEvent> late = List.of(aCrossing().atPost("BP-IT-1").people(4).at(last.minus(Duration.ofHours(9)).plusSeconds(5)).build(),
                aCrossing().atPost("BP-IT-2").people(6).at(last.minus(Duration.ofHours(9)).plusSeconds(9)).build());
        try (var crossings = producer(FlowwatchSerdes.forRegistry(StreamsSettings.from(baseSettings("x", 0, 0)).registry()));
             var raw = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < valid.size(); i++) {
                send(crossings, valid.get(i));
                if (i % 10 == 0) {
                    send(crossings, valid.get(i)); // a retrying post resends
                }
                if (i % 40 == 0 && i / 40 < GARBAGE) {
                    raw.send(new ProducerRecord<>(Topics.CROSSINGS.name(), "BP-IT-1".getBytes(StandardCharsets.UTF_8),
                            ("garbage " + i).getBytes(StandardCharsets.UTF_8))).get();
                }
                if (i % 50 == 0 && i / 50 < UNKNOWN_POST) {
                    send(crossings, aCrossing().atPost("BP-NOWHERE").people(3).at(valid.get(i).getOccurredAt()).build());
                }
            }
            late.forEach(crossing -> send(crossings, crossing));
            crossings.flush();
        }
        long people = valid.stream().mapToLong(CrossingEvent::getPeople).sum() + late.stream().mapToLong(CrossingEvent::getPeople).sum();
        long onTimeAtSuPost = valid.stream().filter(crossing -> crossing.getPostId().equals("BP-IT-1")).mapToLong(CrossingEvent::getPeople).sum();
        return new Sent(people, onTimeAtSuPost);
    }

    private static void send(KafkaProducer<String, CrossingEvent> producer, CrossingEvent crossing) {
        producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), null, crossing.getOccurredAt().toEpochMilli(),
                crossing.getPostId(), crossing));
    }

    private long totalPeople(int instance, String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(instance, pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        return body.get("totalPeople").asLong();
    }

    @Test
    void shouldAnswer401NamingTheProblemWhenTheTokenIsMissingOrWrong() throws Exception {
        for (int instance = 0; instance < 2; instance++) {
            // when
            HttpResponse<String> none = get(instance, "/rolling?scope=all&id=all&period=1h", null);
            HttpResponse<String> wrong = get(instance, "/counts?scope=all&granularity=day&" + DAY_RANGE, "Bearer guess-guess-guess-1");

            // then
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("needs a token");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("not the one").doesNotContain(TOKEN);
        }
    }

    private HttpResponse<String> get(int instance, String pathAndQuery) throws IOException, InterruptedException {
        return get(instance, pathAndQuery, "Bearer " + TOKEN);
    }

    private HttpResponse<String> get(int instance, String pathAndQuery, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            await().alias(count + " dead letters").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return received.size() >= count;
                    });
        }
        return received;
    }

    private static void publishSites() throws Exception {
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(StreamsSettings.from(baseSettings("x", 0, 0)).registry());
        try (var producer = new KafkaProducer<>(producerConfig(), serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer())) {
            producer.send(new ProducerRecord<>(Topics.SITES.name(), "BP-IT-1", site("BP-IT-1", "AM-SU"))).get();
            producer.send(new ProducerRecord<>(Topics.SITES.name(), "BP-IT-2", site("BP-IT-2", "AM-VD"))).get();
        }
    }

    private static Site site(String id, String adm1) {
        return Site.newBuilder().setSiteId(id).setName(id).setKind(SiteKind.BORDER_POST).setAdm1Code(adm1).setAdm1Name(adm1).build();
    }

    private static KafkaProducer<String, CrossingEvent> producer(FlowwatchSerdes serdes) {
        return new KafkaProducer<>(producerConfig(), serdes.key(Topics.CROSSINGS).serializer(), serdes.value(Topics.CROSSINGS).serializer());
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    private static StreamsSettings settings(String applicationId, int instance, int port) {
        return StreamsSettings.from(baseSettings(applicationId, instance, port));
    }

    private static org.flowwatch.schemas.config.Settings baseSettings(String applicationId, int instance, int port) {
        return StreamsSettings.loader().flags(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(),
                "streams.application.id", applicationId,
                "streams.state.dir", dir.resolve("state-" + instance).toString(),
                "query.http.port", Integer.toString(port),
                "kafka.statestore.cache.max.bytes", "0")).load();
    }
}
