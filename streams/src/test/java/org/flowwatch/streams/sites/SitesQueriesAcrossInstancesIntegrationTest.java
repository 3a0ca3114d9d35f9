package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.flowwatch.schemas.testing.StackTopics;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.sites.query.SitesQueryServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the sites app, as Kubernetes runs them: the site statuses live on the instance that runs their
 * ledger task, yet a responder asking either instance gets every site and every open alert, and an instance that cannot
 * reach the one holding part of the answer says so (503) rather than answer with part of it. With the ledger on two
 * partitions the instances share it, and people moved between sites on different partitions are counted once.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EmbeddedStackExtension.class)
class SitesQueriesAcrossInstancesIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-09-25T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> centres = List.of("goris-" + run, "vayk-" + run, "yeghegnadzor-" + run);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerEverySiteAndAlertFromEitherInstanceAndRefuseAPartAsTheWhole(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        // given three reception centres with water counted, and 20 people through a post into Vayk, which has places
        // for 10 and 600 L: by hand, 20 / 10 = 200 % full (CAPACITY, critical from 100 %), and 600 L / (20 x 15 L a
        // day) = 2.0 days of cover (SHORTAGE, warning under 3 days)
        FlowwatchSerdes serdes = StackTopics.serdesWithTopics(stack);
        String vayk = centres.get(1);
        String post = "jermuk-post-" + run;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             Instance first = Instance.start(stack, run, state.resolve("first"), 1);
             Instance second = Instance.start(stack, run, state.resolve("second"), 1)) {
            assertThat(first.runner.awaitRunning(WAIT) && second.runner.awaitRunning(WAIT)).as("both instances running").isTrue();
            send(producer, serdes, Topics.ITEMS, "water", Item.newBuilder().setItemId("water").setUnit("litre")
                    .setBasis(NeedBasis.DAILY_CONSUMPTION).setPerPersonPerDay(15).build());
            send(producer, serdes, Topics.SITES, post, Site.newBuilder().setSiteId(post).setName("Jermuk post")
                    .setKind(SiteKind.BORDER_POST).setAdm1Code("AM-VD").setAdm1Name("Vayots Dzor").setReceptionSiteId(vayk).build());
            for (String centre : centres) {
                send(producer, serdes, Topics.SITES, centre, Site.newBuilder().setSiteId(centre).setName(centre)
                        .setKind(SiteKind.RECEPTION_CENTRE).setAdm1Code("AM-VD").setAdm1Name("Vayots Dzor").setCapacityPeople(10).build());
                send(producer, serdes, Topics.SUPPLIES, centre, SupplyEvent.newBuilder().setEventId(UUID.randomUUID())
                        .setSiteId(centre).setItem("water").setKind(SupplyKind.STOCK_COUNT).setQuantity(600).setUnit("litre")
                        .setOccurredAt(T0).setRecordedAt(T0).build());
            }
            send(producer, serdes, Topics.CROSSINGS_VALID, post, CrossingBuilder.aCrossing().atPost(post).people(20).at(T0).build());

            // when a responder asks each instance
            await().alias("every centre's status and Vayk's alerts from the first instance").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                        assertThat(siteIds(get(first, "/sites"))).containsAll(centres);
                        assertThat(get(first, "/alerts?site=" + vayk)).extracting(alert -> alert.path("kind").asText())
                                .contains("CAPACITY", "SHORTAGE");
                    });

            // then both answer with every site, the same answer, though only one holds the statuses
            JsonNode fromFirst = get(first, "/sites");
            assertThat(get(second, "/sites")).isEqualTo(fromFirst);
            assertThat(siteIds(get(first, "/sites?local=true")).size() + siteIds(get(second, "/sites?local=true")).size())
                    .as("each status held by one instance").isEqualTo(siteIds(fromFirst).size());
            for (Instance instance : List.of(first, second)) {
                assertThat(get(instance, "/sites/" + vayk).path("population").asLong()).isEqualTo(20);
                assertThat(status(instance, "/sites/nowhere-" + run)).isEqualTo(404);
                assertThat(get(instance, "/sites?region=AM-VD")).as("filtered on every instance").isEqualTo(fromFirst);
                assertThat(get(instance, "/alerts")).isEqualTo(get(first, "/alerts"));
            }

            // and when the instance holding the statuses cannot answer queries, the other says so instead of "no sites"
            Instance holder = siteIds(get(first, "/sites?local=true")).isEmpty() ? second : first;
            Instance other = holder == first ? second : first;
            holder.queries.close();
            HttpResponse<String> refused = send(other, "/sites");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).path("error").asText())
                    .contains("holds part of the answer").contains(":" + holder.port);
        }
    }

    @Test
    void shouldShareTheLedgerAndMovePeopleBetweenItsPartitionsOnce(EmbeddedStack stack, @TempDir Path state) throws Exception {
        // given the ledger on two partitions, a reception centre on each, and a post sending people to the first
        FlowwatchSerdes serdes = StackTopics.serdesWithTopics(stack);
        String reception = siteOnPartition(0);
        String shelter = siteOnPartition(1);
        String post = "sisian-post-" + run;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             Instance first = Instance.start(stack, run, state.resolve("first"), 2);
             Instance second = Instance.start(stack, run, state.resolve("second"), 2)) {
            assertThat(first.runner.awaitRunning(WAIT) && second.runner.awaitRunning(WAIT)).as("both instances running").isTrue();
            send(producer, serdes, Topics.SITES, post, Site.newBuilder().setSiteId(post).setName("Sisian post")
                    .setKind(SiteKind.BORDER_POST).setAdm1Code("AM-SU").setAdm1Name("Syunik").setReceptionSiteId(reception).build());
            for (String centre : List.of(reception, shelter)) {
                send(producer, serdes, Topics.SITES, centre, Site.newBuilder().setSiteId(centre).setName(centre)
                        .setKind(SiteKind.RECEPTION_CENTRE).setAdm1Code("AM-SU").setAdm1Name("Syunik").setCapacityPeople(1_000).build());
            }

            // when 10 people cross to the reception centre; 6 more are sent there, then corrected at the post to the
            // shelter (the other partition)
            send(producer, serdes, Topics.CROSSINGS_VALID, post, CrossingBuilder.aCrossing().atPost(post).people(10).at(T0).build());
            UUID corrected = UUID.randomUUID();
            send(producer, serdes, Topics.CROSSINGS_VALID, post, CrossingBuilder.aCrossing().eventId(corrected).atPost(post)
                    .people(6).destination(reception).at(T0).build());
            send(producer, serdes, Topics.CROSSINGS_VALID, post, CrossingBuilder.aCrossing().eventId(corrected).atPost(post)
                    .people(6).destination(shelter).revision(2).at(T0).build());

            // then the reception centre holds 10 + 6 - 6 = 10 people, the shelter 6
            awaitPopulations(first, Map.of(reception, 10L, shelter, 6L));

            // and when 4 are transferred from the reception centre to the shelter (at T0 too: the other test's apps read
            // these topics, and a later time would move their operation clock on)
            send(producer, serdes, Topics.SITE_MOVEMENTS, reception, SiteMovement.newBuilder().setEventId(UUID.randomUUID())
                    .setKind(MovementKind.TRANSFER).setFromSiteId(reception).setToSiteId(shelter).setPeople(4)
                    .setOccurredAt(T0).setRecordedAt(T0).build());

            // then by hand: the reception centre holds 10 - 4 = 6 people, the shelter 6 + 4 = 10, on either instance,
            // and each instance keeps the ledger of one of them
            awaitPopulations(first, Map.of(reception, 6L, shelter, 10L));
            assertThat(get(second, "/sites")).isEqualTo(get(first, "/sites"));
            // (the topics are the other test's too: its sites are left out)
            List<List<String>> held = new ArrayList<>();
            for (Instance instance : List.of(first, second)) {
                held.add(siteIds(get(instance, "/sites?local=true")).stream().filter(List.of(reception, shelter)::contains).toList());
            }
            assertThat(held).as("each instance holds one site's ledger").containsExactlyInAnyOrder(List.of(reception), List.of(shelter));
        }
    }

    private void awaitPopulations(Instance instance, Map<String, Long> expected) {
        await().alias("populations " + expected).atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> expected.forEach((site, people) -> assertThat(uncheckedGet(instance, "/sites/" + site)
                        .path("population").asLong()).as(site).isEqualTo(people)));
    }

    private JsonNode uncheckedGet(Instance instance, String path) {
        try {
            return get(instance, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A site id of this run that the ledger keeps on {@code partition} of 2. */
    private String siteOnPartition(int partition) {
        return java.util.stream.IntStream.range(0, 100).mapToObj(i -> "centre-" + i + "-" + run)
                .filter(id -> SitePartitioner.partitionOf(id, 2) == partition).findFirst().orElseThrow();
    }

    /** One instance of the sites app with its query server on a fixed port, advertised to the others. */
    private record Instance(StreamsRunner runner, SitesQueryServer queries, int port) implements AutoCloseable {

        static Instance start(EmbeddedStack stack, String run, Path stateDir, int ledgerPartitions) {
            int port = LocalPorts.free("sites query server");
            SitesSettings settings = SitesSettings.from(SitesSettings.loader().flags(Map.of(
                    "kafka.bootstrap.servers", stack.bootstrapServers(),
                    "registry.url", stack.registryUrl(),
                    "sites.application.id", "flowwatch-sites-queries-it-" + run,
                    "streams.state.dir", stateDir.toString(),
                    "sites.query.host", "127.0.0.1",
                    "sites.query.port", String.valueOf(port),
                    "query.advertised.host", "127.0.0.1",
                    "sites.ledger.partitions", String.valueOf(ledgerPartitions))).load());
            StreamsRunner runner = SitesApp.start(settings);
            return new Instance(runner, SitesApp.serveQueries(runner, settings, ApiToken.none()), port);
        }

        @Override
        public void close() {
            queries.close();
            runner.close();
        }
    }

    private static List<String> siteIds(JsonNode sites) {
        List<String> ids = new ArrayList<>();
        sites.forEach(site -> ids.add(site.path("siteId").asText()));
        return ids;
    }

    private JsonNode get(Instance instance, String path) throws Exception {
        HttpResponse<String> response = send(instance, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(Instance instance, String path) throws Exception {
        return send(instance, path).statusCode();
    }

    private HttpResponse<String> send(Instance instance, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                 String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), null, T0.toEpochMilli(),
                serdes.key(topic).serializer().serialize(topic.name(), key),
                serdes.value(topic).serializer().serialize(topic.name(), value)));
        producer.flush();
    }
}
