package org.flowwatch.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.avro.specific.SpecificRecord;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.errors.RejectHeaders;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.flowwatch.streams.testing.HostileRecords;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.flowwatch.streams.arrivals.ArrivalsApp;

/**
 * {@code HostileInputTest} against the real thing: both apps (arrivals and sites) running on the embedded broker and
 * Apicurio, and 100,000 records ({@code -Dflowwatch.fuzz.records=N} for more) into their input topics: crossings,
 * heartbeats, supplies and movements. Random bytes, truncated Avro, flipped bits, schema ids the registry never
 * handed out, valid Avro with absurd values and 200,000-character strings, resends, between valid records. Both apps
 * stay RUNNING; every record is dead-lettered with a reason (ingest or sites rejects), dropped as a counted
 * duplicate, or valid; and the valid ones are counted exactly: people per direction in the daily counts, people
 * at the reception site, litres of water delivered.
 */
@Tag("integration")
@Timeout(300)
class HostileInputIntegrationTest {

    // 100,000 and more behind the flag: the README test command has a 20-minute budget.
    private static final int RECORDS = Integer.getInteger("flowwatch.fuzz.records", 50_000);
    private static final Instant T0 = Instant.parse("2023-09-25T04:00:00Z");
    private static final String[] POSTS = {"BP-07", "BP-09", "BP-20"};
    private static final String GORIS = "GORIS";
    private static final int HUGE = 200_000; // characters per string: two of them stay under the broker's 1 MB

    private final HostileRecords hostile = new HostileRecords(20231001);
    private final Map<String, Integer> sent = new HashMap<>();
    private final Map<String, Integer> mutated = new HashMap<>();
    // The generator's own ledger of the crossings it knows are valid (not bit-flipped, not absurd), by eventId.
    private final Set<UUID> surelyValid = new HashSet<>();
    private long waterDelivered;

    @Test
    void shouldStayRunningAndDeadLetterOrCountEveryRecordExactlyWhenFuzzedOnARealBroker(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            Settings settings = SitesSettings.loader().flags(Map.of(
                    "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl(),
                    "streams.state.dir", dir.resolve("state").toString(), "streams.commit.interval", "100ms")).load();
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()));
            try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers());
                 KafkaProducer<byte[], byte[]> producer = producer(stack)) {
                admin.createMissing(Topics.ALL, (short) 1);
                publishReferenceData(producer, serdes);

                // given both apps running
                try (StreamsRunner arrivals = ArrivalsApp.start(StreamsSettings.from(settings));
                     StreamsRunner sites = SitesApp.start(SitesSettings.from(settings))) {
                    assertThat(arrivals.awaitRunning(Duration.ofSeconds(60))).as("arrivals app running").isTrue();
                    assertThat(sites.awaitRunning(Duration.ofSeconds(60))).as("sites app running").isTrue();

                    // when the fuzz is produced into the four input topics
                    long started = System.nanoTime();
                    fuzz(producer, serdes);
                    producer.flush();
                    long produced = System.nanoTime();

                    // then every crossing is valid, dead-lettered or a dropped duplicate, with both apps RUNNING
                    try (var valid = new Reader(stack, Topics.CROSSINGS_VALID.name());
                         var deadLetters = new Reader(stack, Topics.DEAD_LETTERS.name());
                         var sitesRejected = new Reader(stack, Topics.SITES_REJECTED.name());
                         var statuses = new Reader(stack, Topics.SITE_STATUS.name());
                         var daily = new Reader(stack, Topics.ARRIVALS_DAILY.name());
                         var late = new Reader(stack, Topics.ARRIVALS_LATE.name())) {
                        await().alias("every record accounted for").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                                .untilAsserted(() -> {
                                    assertThat(arrivals.state()).as("arrivals app").isEqualTo(KafkaStreams.State.RUNNING);
                                    assertThat(sites.state()).as("sites app").isEqualTo(KafkaStreams.State.RUNNING);
                                    long crossingsAccounted = valid.records().size() + rejectedFrom(deadLetters, Topics.CROSSINGS)
                                            + (long) duplicates(arrivals);
                                    assertThat(crossingsAccounted).as("crossings valid + dead-lettered + duplicates")
                                            .isEqualTo(sent.get(Topics.CROSSINGS.name()).longValue());
                                    for (TopicSpec<?, ?> topic : List.of(Topics.HEARTBEATS, Topics.SUPPLIES, Topics.SITE_MOVEMENTS)) {
                                        assertThat(rejectedFrom(deadLetters, topic) + rejectedFrom(sitesRejected, topic))
                                                .as("%s dead-lettered or rejected", topic.name()).isEqualTo(mutated.get(topic.name()).longValue());
                                    }
                                    assertThat(water(serdes, statuses)).as("litres delivered to %s", GORIS).isEqualTo(waterDelivered);
                                });
                        System.out.printf("fuzzed %,d records (%s; of which surely invalid: %s): produced in %d s, all accounted for "
                                + "%d s later%n", RECORDS, sent, mutated, Duration.ofNanos(produced - started).toSeconds(),
                                Duration.ofNanos(System.nanoTime() - produced).toSeconds());

                        // and every dead letter and reject names its reason
                        assertThat(deadLetters.records()).allSatisfy(record ->
                                assertThat(RejectHeaders.value(record.headers(), RejectHeaders.REASON)).as("reason").isNotBlank());
                        assertThat(sitesRejected.records()).allSatisfy(record ->
                                assertThat(RejectHeaders.value(record.headers(), RejectHeaders.REASON)).as("reason").isNotBlank());

                        // and the valid crossings are counted exactly, per direction and at the reception site
                        List<CrossingEvent> validCrossings = decode(serdes, Topics.CROSSINGS_VALID, valid.records());
                        Map<Direction, Long> validPeople = new EnumMap<>(Direction.class);
                        HostileRecords.latestRevisions(validCrossings).forEach(c -> validPeople.merge(c.getDirection(), (long) c.getPeople(), Long::sum));
                        await().alias("daily counts settled").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                                assertThat(dailyAndLate(serdes, daily, late)).isEqualTo(validPeople));
                        await().alias("reception site population settled").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                                assertThat(population(serdes, statuses)).isEqualTo(validPeople.get(Direction.ARRIVAL)));
                        assertThat(validCrossings.size()).as("valid").isGreaterThan(sent.get(Topics.CROSSINGS.name()) / 5);

                        // and, from the generator's own ledger rather than the app's metrics: every crossing it knows
                        // is valid came out (none wrongly dropped as a duplicate or rejected), and no revision of any
                        // crossing came out twice (every resend dropped)
                        assertThat(validCrossings).extracting(CrossingEvent::getEventId).containsAll(surelyValid);
                        assertThat(validCrossings).extracting(crossing -> crossing.getEventId() + "/" + crossing.getRevision())
                                .doesNotHaveDuplicates();
                        assertThat(arrivals.failure()).isEmpty();
                        assertThat(sites.failure()).isEmpty();
                    }
                }
            }
        }
    }

    /** The records, cycling through ten kinds; undecodable ones rotate over the four topics. */
    private void fuzz(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes) {
        Map<String, byte[]> lastValid = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            Instant now = T0.plusSeconds(i);
            String post = POSTS[i % POSTS.length];
            TopicSpec<String, ?> rotating = List.of(Topics.CROSSINGS, Topics.HEARTBEATS, Topics.SUPPLIES, Topics.SITE_MOVEMENTS)
                    .get((i / 10) % 4);
            switch (i % 10) {
                case 0, 1 -> {
                    CrossingEvent valid = hostile.crossing(post, now);
                    surelyValid.add(valid.getEventId());
                    send(producer, Topics.CROSSINGS, post, now, remember(lastValid, Topics.CROSSINGS, avro(serdes, Topics.CROSSINGS, valid)), false);
                }
                case 2 -> send(producer, rotating, post, now, hostile.randomBytes(), true);
                case 3 -> send(producer, rotating, post, now, hostile.truncated(lastValid(lastValid, serdes, rotating, now)), true);
                case 4 -> send(producer, Topics.CROSSINGS, post, now, hostile.bitFlipped(lastValid.get(Topics.CROSSINGS.name())), false);
                case 5 -> send(producer, rotating, post, now, hostile.unknownSchemaId(lastValid(lastValid, serdes, rotating, now)), true);
                case 6 -> send(producer, Topics.CROSSINGS, post, now, avro(serdes, Topics.CROSSINGS, i % 1000 == 6
                        ? hostile.huge(hostile.crossing(post, now), HUGE) : hostile.absurd(hostile.crossing(post, now))), false);
                case 7 -> send(producer, Topics.CROSSINGS, post, now, lastValid.get(Topics.CROSSINGS.name()), false); // a resend
                case 8 -> send(producer, Topics.HEARTBEATS, post, now, avro(serdes, Topics.HEARTBEATS, heartbeat(i % 20 == 8 ? post : "nowhere-" + i, now)),
                        i % 20 != 8);
                default -> {
                    switch (i % 40) {
                        case 9 -> send(producer, Topics.SUPPLIES, GORIS, now, avro(serdes, Topics.SUPPLIES, delivery(now)), false);
                        case 19 -> send(producer, Topics.SUPPLIES, GORIS, now, avro(serdes, Topics.SUPPLIES, absurdSupply(now)), true);
                        default -> send(producer, Topics.SITE_MOVEMENTS, GORIS, now, avro(serdes, Topics.SITE_MOVEMENTS, absurdMovement(now)), true);
                    }
                }
            }
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, TopicSpec<String, ?> topic, String key, Instant at, byte[] value,
                      boolean hostileRecord) {
        producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), key.getBytes(StandardCharsets.UTF_8), value));
        sent.merge(topic.name(), 1, Integer::sum);
        if (hostileRecord) {
            mutated.merge(topic.name(), 1, Integer::sum);
        }
    }

    private static byte[] remember(Map<String, byte[]> lastValid, TopicSpec<String, ?> topic, byte[] value) {
        lastValid.put(topic.name(), value);
        return value;
    }

    /** The last valid record of the topic, or a fresh valid one to cut or rename (not sent itself). */
    private byte[] lastValid(Map<String, byte[]> lastValid, FlowwatchSerdes serdes, TopicSpec<String, ?> topic, Instant at) {
        return lastValid.computeIfAbsent(topic.name(), name -> switch (name) {
            case "flowwatch.heartbeats.v1" -> avro(serdes, Topics.HEARTBEATS, heartbeat(POSTS[0], at));
            case "flowwatch.supplies.v1" -> avro(serdes, Topics.SUPPLIES, supply(at, GORIS, 1, "litre")); // not sent whole
            default -> avro(serdes, Topics.SITE_MOVEMENTS, absurdMovement(at));
        });
    }

    private static PostHeartbeat heartbeat(String post, Instant at) {
        return PostHeartbeat.newBuilder().setPostId(post).setSentAt(at).build();
    }

    private SupplyEvent delivery(Instant at) {
        int litres = 1 + hostile.random().nextInt(1000);
        waterDelivered += litres;
        return supply(at, GORIS, litres, "litre");
    }

    private SupplyEvent absurdSupply(Instant at) {
        return switch (hostile.random().nextInt(3)) {
            case 0 -> supply(at, GORIS, -1 - hostile.random().nextInt(1000), "litre");
            case 1 -> supply(at, "nowhere-" + hostile.random().nextInt(), 10, "litre");
            default -> supply(at, GORIS, 10, "barrel");
        };
    }

    private static SupplyEvent supply(Instant at, String site, double quantity, String unit) {
        return SupplyEvent.newBuilder().setEventId(UUID.randomUUID()).setSiteId(site).setItem("water").setKind(SupplyKind.DELIVERY)
                .setQuantity(quantity).setUnit(unit).setOccurredAt(at).setRecordedAt(at).build();
    }

    private SiteMovement absurdMovement(Instant at) {
        boolean unknownSite = hostile.random().nextBoolean();
        return SiteMovement.newBuilder().setEventId(UUID.randomUUID()).setKind(MovementKind.TRANSFER)
                .setFromSiteId(unknownSite ? "nowhere-" + hostile.random().nextInt() : GORIS).setToSiteId(GORIS)
                .setPeople(unknownSite ? 5 : -hostile.random().nextInt(100)).setOccurredAt(at).setRecordedAt(at).build();
    }

    private static <V extends SpecificRecord> byte[] avro(FlowwatchSerdes serdes, TopicSpec<String, V> topic, Object value) {
        @SuppressWarnings("unchecked") V typed = (V) value;
        return serdes.value(topic).serializer().serialize(topic.name(), typed);
    }

    /** Distinct source records of {@code topic} in a reject topic (both apps dead-letter what both read). */
    private static long rejectedFrom(Reader rejects, TopicSpec<?, ?> topic) {
        Set<String> sources = new HashSet<>();
        rejects.records().stream().filter(record -> topic.name().equals(RejectHeaders.value(record.headers(), RejectHeaders.SOURCE_TOPIC)))
                .forEach(record -> sources.add(RejectHeaders.value(record.headers(), RejectHeaders.SOURCE_PARTITION) + "@"
                        + RejectHeaders.value(record.headers(), RejectHeaders.SOURCE_OFFSET)));
        return sources.size();
    }

    private static double duplicates(StreamsRunner arrivals) {
        return arrivals.streams().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals(ArrivalMetrics.GROUP) && metric.getKey().name().equals("duplicate-total")
                        && "crossings".equals(metric.getKey().tags().get(ArrivalMetrics.SCOPE + "-id")))
                .mapToDouble(metric -> (Double) ((Metric) metric.getValue()).metricValue()).sum();
    }

    private static Map<Direction, Long> dailyAndLate(FlowwatchSerdes serdes, Reader daily, Reader late) {
        Map<String, ArrivalCount> days = new HashMap<>();
        decode(serdes, Topics.ARRIVALS_DAILY, daily.records()).forEach(count -> days.put(ArrivalKeys.of(count), count));
        Map<Direction, Long> counted = new EnumMap<>(Direction.class);
        days.values().stream().filter(count -> count.getScope() == CountScope.ALL)
                .forEach(count -> counted.merge(count.getDirection(), count.getPeople(), Long::sum));
        decode(serdes, Topics.ARRIVALS_LATE, late.records()).stream()
                .filter(crossing -> crossing.getScope() == CountScope.ALL && crossing.getGranularity() == Granularity.DAY)
                .map(LateCrossing::getCrossing)
                .forEach(crossing -> counted.merge(crossing.getDirection(), (long) crossing.getPeople(), Long::sum));
        return counted;
    }

    private static SiteStatus latestGoris(FlowwatchSerdes serdes, Reader statuses) {
        List<SiteStatus> all = decode(serdes, Topics.SITE_STATUS, statuses.records());
        return all.stream().filter(status -> status.getSiteId().equals(GORIS)).reduce((first, second) -> second).orElse(null);
    }

    private static long water(FlowwatchSerdes serdes, Reader statuses) {
        SiteStatus goris = latestGoris(serdes, statuses);
        return goris == null ? 0 : goris.getItems().stream().filter(item -> item.getItemId().equals("water"))
                .mapToLong(item -> Math.round(item.getStock())).sum();
    }

    private static long population(FlowwatchSerdes serdes, Reader statuses) {
        SiteStatus goris = latestGoris(serdes, statuses);
        return goris == null ? 0 : goris.getPopulation();
    }

    private static <V> List<V> decode(FlowwatchSerdes serdes, TopicSpec<String, V> topic, List<ConsumerRecord<byte[], byte[]>> records) {
        var deserializer = serdes.value(topic).deserializer();
        return records.stream().map(record -> deserializer.deserialize(topic.name(), record.value())).toList();
    }

    private static void publishReferenceData(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes) throws Exception {
        for (String post : POSTS) {
            send(producer, serdes, Topics.SITES, post, Site.newBuilder().setSiteId(post).setName(post).setKind(SiteKind.BORDER_POST)
                    .setAdm1Code("AM-SU").setAdm1Name("Syunik").setReceptionSiteId(GORIS).build());
        }
        send(producer, serdes, Topics.SITES, GORIS, Site.newBuilder().setSiteId(GORIS).setName("Goris").setKind(SiteKind.RECEPTION_CENTRE)
                .setAdm1Code("AM-SU").setAdm1Name("Syunik").setCapacityPeople(1_000_000).build());
        // No use per person or per site: the stock is then exactly the litres delivered, whatever time the clock says
        // (the fuzz is about every valid delivery applied once, not about consumption).
        send(producer, serdes, Topics.ITEMS, "water", Item.newBuilder().setItemId("water").setUnit("litre")
                .setBasis(NeedBasis.DAILY_CONSUMPTION).setPerPersonPerDay(0).build());
        producer.flush();
    }

    private static <V extends SpecificRecord> void send(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes,
                                                       TopicSpec<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), null, T0.toEpochMilli(), key.getBytes(StandardCharsets.UTF_8),
                serdes.value(topic).serializer().serialize(topic.name(), value))).get();
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A topic read from its start with read_committed; records() polls what arrived since the last call. */
    private static final class Reader implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

        Reader(EmbeddedStack stack, String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<ConsumerRecord<byte[], byte[]>> records() {
            int before;
            do {
                before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            } while (records.size() > before);
            return records;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
