package org.flowwatch.streams.sites;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.streams.app.StreamsRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goris on a real broker and registry: a fixed water stock, arrivals every hour, one convoy; the SHORTAGE alert opens,
 * escalates and resolves at the times computed by hand, and an app restarted in the middle does not raise it again.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(EmbeddedStackExtension.class)
class SitesShortageIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-09-25T00:00:00Z");
    private static final Duration WAIT = ofSeconds(30);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String goris = "goris-" + run;
    private final String post = "kornidzor-" + run;

    @Test
    void shouldOpenEscalateAndResolveWaterShortageAtTheHandComputedTimes(EmbeddedStack stack, @TempDir Path state)
            throws InterruptedException {
        // given Goris (capacity 100,000: no capacity alert) receiving Kornidzor's arrivals, water 15 L a person a day
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(settings(stack, state.resolve("first")).registry());
        try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers());
             KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            admin.createMissing(Topics.ALL, (short) 1);
            send(producer, serdes, Topics.SITES, post, Site.newBuilder().setSiteId(post).setName("Kornidzor")
                    .setKind(SiteKind.BORDER_POST).setAdm1Code("AM-SU").setAdm1Name("Syunik").setReceptionSiteId(goris).build(), T0);
            send(producer, serdes, Topics.SITES, goris, Site.newBuilder().setSiteId(goris).setName("Goris")
                    .setKind(SiteKind.RECEPTION_CENTRE).setAdm1Code("AM-SU").setAdm1Name("Syunik").setCapacityPeople(100_000).build(), T0);
            send(producer, serdes, Topics.ITEMS, "water", Item.newBuilder().setItemId("water").setUnit("litre")
                    .setBasis(NeedBasis.DAILY_CONSUMPTION).setPerPersonPerDay(15).build(), T0);

            // Days of cover = 90,000 L / (15 L x P) = 6,000 / P. 500 people arrive at T0 + h hours, so P = 500 (h + 1).
            // Under 3 days (WARNING) once P > 2,000: P = 2,500 at h = 4  → OPEN at T0 + 4 h (P = 2,000 is exactly 3.0).
            // Under 1 day (CRITICAL) once P > 6,000: P = 6,500 at h = 12 → ESCALATED at T0 + 12 h.
            // Convoy of 360,000 L at T0 + 12:30: 450,000 / (15 x 6,500) = 4.6 days, over 3 x 1.1 → RESOLVED at T0 + 12:30.
            try (StreamsRunner first = SitesApp.start(settings(stack, state.resolve("first")))) {
                assertThat(first.awaitRunning(WAIT)).isTrue();
                send(producer, serdes, Topics.SUPPLIES, goris, supply(SupplyKind.STOCK_COUNT, 90_000, T0), T0);
                awaitStockCounted(stack, serdes); // the stock count is in the ledger before any arrival
                arrivals(producer, serdes, 0, 4);
                awaitAlerts(stack, serdes, 1);
            }

            // when the app restarts on a new machine (empty state directory: everything restored from the changelogs)
            try (StreamsRunner second = SitesApp.start(settings(stack, state.resolve("second")))) {
                assertThat(second.awaitRunning(WAIT)).isTrue();
                arrivals(producer, serdes, 5, 12);
                awaitAlerts(stack, serdes, 2);
                Instant convoy = T0.plus(Duration.ofMinutes(12 * 60 + 30));
                send(producer, serdes, Topics.SUPPLIES, goris, supply(SupplyKind.DELIVERY, 360_000, convoy), convoy);

                // then one episode, no second OPEN after the restart
                List<Alert> alerts = awaitAlerts(stack, serdes, 3);
                assertThat(alerts).extracting(Alert::getState, Alert::getSeverity, Alert::getUpdatedAt).containsExactly(
                        tuple(AlertState.OPEN, Severity.WARNING, T0.plus(Duration.ofHours(4))),
                        tuple(AlertState.ESCALATED, Severity.CRITICAL, T0.plus(Duration.ofHours(12))),
                        tuple(AlertState.RESOLVED, Severity.CRITICAL, convoy));
                assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
                assertThat(alerts.get(0).getSummary())
                        .isEqualTo("Goris: water covers 2.4 days for 2,500 people; need 37,500 L/day, stock 90,000 L");
            }
        }
    }

    private void arrivals(KafkaProducer<byte[], byte[]> producer, FlowwatchSerdes serdes, int fromHour, int toHour) {
        for (int h = fromHour; h <= toHour; h++) {
            Instant at = T0.plus(Duration.ofHours(h));
            send(producer, serdes, Topics.CROSSINGS_VALID, post, CrossingBuilder.aCrossing().atPost(post).people(500).at(at).build(), at);
        }
    }

    private SupplyEvent supply(SupplyKind kind, double litres, Instant at) {
        return SupplyEvent.newBuilder().setEventId(UUID.randomUUID()).setSiteId(goris).setItem("water").setKind(kind)
                .setQuantity(litres).setUnit("litre").setOccurredAt(at).setRecordedAt(at).build();
    }

    /** Waits until exactly {@code count} SHORTAGE changes for this test's Goris are on the events topic. */
    private List<Alert> awaitAlerts(EmbeddedStack stack, FlowwatchSerdes serdes, int count) {
        List<Alert> seen = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(consumerConfig(stack), serdes.key(Topics.ALERT_EVENTS).deserializer(),
                serdes.value(Topics.ALERT_EVENTS).deserializer())) {
            consumer.subscribe(List.of(Topics.ALERT_EVENTS.name()));
            await().alias(count + " shortage changes at " + goris).atMost(WAIT).pollDelay(Duration.ofMillis(500)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (record.value().getKind() == AlertKind.SHORTAGE && goris.equals(record.value().getLabels().get("site"))) {
                        seen.add(record.value());
                    }
                });
                assertThat(seen).hasSize(count);
            });
        }
        return seen;
    }

    private void awaitStockCounted(EmbeddedStack stack, FlowwatchSerdes serdes) {
        try (KafkaConsumer<String, SiteStatus> consumer = new KafkaConsumer<>(consumerConfig(stack),
                serdes.key(Topics.SITE_STATUS).deserializer(), serdes.value(Topics.SITE_STATUS).deserializer())) {
            consumer.subscribe(List.of(Topics.SITE_STATUS.name()));
            List<SiteStatus> statuses = new ArrayList<>();
            await().alias("water stock of " + goris).atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> statuses.add(record.value()));
                return statuses.stream().anyMatch(status -> status.getSiteId().equals(goris) && !status.getItems().isEmpty());
            });
        }
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
                "sites.application.id", "flowwatch-sites-it-" + run,
                "streams.state.dir", stateDir.toString(),
                "streams.commit.interval", "100ms",
                // Streams does not leave its group on close: the restarted instance waits out the old session.
                "kafka.session.timeout.ms", "6000", "kafka.heartbeat.interval.ms", "1000")).load();
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
