package org.flowwatch.streams.sites;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.sites.query.StoreSitesView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sites ledger partitioned by site, on a real broker: two instances of the app share four sites (one on each
 * ledger partition), each holding the statuses of its own; transfers between sites of different partitions, and a
 * crossing corrected to another destination, move exactly the people computed by hand.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EmbeddedStackExtension.class)
class SitesTwoInstancesIntegrationTest {

    // Before the times of the other tests on this broker: the sites topics are shared, and an operation clock moved on
    // by this test's events would make theirs late (applied at the clock's time, which changes their stock figures).
    private static final Instant T0 = Instant.parse("2023-09-01T00:00:00Z");
    private static final Duration WAIT = ofSeconds(45);

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldShareTheSitesBetweenTwoInstancesAndMoveExactlyThePeopleOfTransfersAndCorrections(EmbeddedStack stack,
            @TempDir Path state) throws InterruptedException {
        // given four shelters, one on each ledger partition, each the reception site of its own post
        List<String> sites = onePerPartition();
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(settings(stack, state.resolve("a")).registry());
        try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(stack);
             StreamsRunner a = SitesApp.start(settings(stack, state.resolve("a")));
             StreamsRunner b = SitesApp.start(settings(stack, state.resolve("b")))) {
            for (String site : sites) {
                send(producer, serdes, Topics.SITES, site, Site.newBuilder().setSiteId(site).setName(site).setKind(SiteKind.SHELTER)
                        .setAdm1Code("AM-SU").setAdm1Name("Syunik").setCapacityPeople(100_000).build(), T0);
                send(producer, serdes, Topics.SITES, postOf(site), Site.newBuilder().setSiteId(postOf(site)).setName(postOf(site))
                        .setKind(SiteKind.BORDER_POST).setAdm1Code("AM-SU").setAdm1Name("Syunik").setReceptionSiteId(site).build(), T0);
            }
            assertThat(a.awaitRunning(WAIT)).isTrue();
            assertThat(b.awaitRunning(WAIT)).isTrue();

            // when 100 people cross to each site (10 groups of 10), one group of site 0 is corrected to go to site 2,
            UUID corrected = UUID.randomUUID();
            for (String site : sites) {
                for (int group = 0; group < 10; group++) {
                    UUID id = site.equals(sites.get(0)) && group == 0 ? corrected : UUID.randomUUID();
                    crossing(producer, serdes, CrossingBuilder.aCrossing().eventId(id).atPost(postOf(site)).people(10)
                            .at(T0.plus(Duration.ofMinutes(group))).build());
                }
            }
            crossing(producer, serdes, CrossingBuilder.aCrossing().eventId(corrected).atPost(postOf(sites.get(0))).people(10)
                    .at(T0).destination(sites.get(2)).revision(1).build());
            awaitPopulations(stack, serdes, Map.of(sites.get(0), 90L, sites.get(1), 100L, sites.get(2), 110L, sites.get(3), 100L));

            // and people are transferred round the four sites: 0→1 10, 1→2 20, 2→3 30, 3→0 40
            for (int i = 0; i < 4; i++) {
                Instant at = T0.plus(Duration.ofMinutes(30 + i));
                send(producer, serdes, Topics.SITE_MOVEMENTS, sites.get(i), SiteMovement.newBuilder().setEventId(UUID.randomUUID())
                        .setKind(MovementKind.TRANSFER).setFromSiteId(sites.get(i)).setToSiteId(sites.get((i + 1) % 4))
                        .setPeople(10 * (i + 1)).setOccurredAt(at).setRecordedAt(at).build(), at);
            }

            // then, by hand: 0: 90 - 10 + 40 = 120; 1: 100 + 10 - 20 = 90; 2: 110 + 20 - 30 = 100; 3: 100 + 30 - 40 = 90
            awaitPopulations(stack, serdes, Map.of(sites.get(0), 120L, sites.get(1), 90L, sites.get(2), 100L, sites.get(3), 90L));

            // and each instance holds the statuses of its own sites, none of the other's, all four between them
            Set<String> onA = localSites(a);
            Set<String> onB = localSites(b);
            assertThat(onA).isNotEmpty().doesNotContainAnyElementsOf(onB);
            assertThat(onB).isNotEmpty();
            Set<String> both = new HashSet<>(onA);
            both.addAll(onB);
            assertThat(both).containsAll(sites);
        }
    }

    // Site ids of this run, the first one found on each of the ledger's partitions.
    private List<String> onePerPartition() {
        String[] byPartition = new String[LedgerPartitions.COUNT];
        for (int i = 0; java.util.Arrays.asList(byPartition).contains(null); i++) {
            String candidate = "shelter-" + run + "-" + i;
            byPartition[LedgerPartitions.of(candidate)] = byPartition[LedgerPartitions.of(candidate)] == null
                    ? candidate : byPartition[LedgerPartitions.of(candidate)];
        }
        return List.of(byPartition);
    }

    private static String postOf(String site) {
        return "post-of-" + site;
    }

    private Set<String> localSites(StreamsRunner runner) {
        Set<String> local = new HashSet<>();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            local.clear();
            new StoreSitesView(runner.streams()).sites().forEach(status -> local.add(status.getSiteId()));
            assertThat(local).isNotEmpty();
        });
        local.removeIf(site -> !site.contains(run));
        return local;
    }

    private void awaitPopulations(EmbeddedStack stack, FlowwatchSerdes serdes, Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, SiteStatus> consumer = new KafkaConsumer<>(consumerConfig(stack),
                serdes.key(Topics.SITE_STATUS).deserializer(), serdes.value(Topics.SITE_STATUS).deserializer())) {
            consumer.subscribe(List.of(Topics.SITE_STATUS.name()));
            await().alias("populations " + expected).atMost(WAIT).pollDelay(Duration.ofMillis(300)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> latest.put(record.key(), (long) Math.round(record.value().getPopulation())));
                assertThat(latest).containsAllEntriesOf(expected);
            });
        }
    }

    private void crossing(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes, CrossingEvent crossing) {
        send(producer, serdes, Topics.CROSSINGS_VALID, crossing.getPostId(), crossing, crossing.getOccurredAt());
    }

    private static Map<String, Object> consumerConfig(EmbeddedStack stack) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private SitesSettings settings(EmbeddedStack stack, Path stateDir) {
        Settings settings = SitesSettings.loader().flags(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(),
                "sites.application.id", "flowwatch-sites-two-" + run,
                "streams.state.dir", stateDir.toString(),
                "streams.commit.interval", "100ms")).load();
        return SitesSettings.from(settings);
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                 String key, V value, Instant at) {
        producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(),
                serdes.key(topic).serializer().serialize(topic.name(), key),
                serdes.value(topic).serializer().serialize(topic.name(), value)));
        producer.flush();
    }
}
