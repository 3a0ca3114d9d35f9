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
import org.flowwatch.streams.runtime.StreamsRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goris on a real broker and registry: a water stock used up hour by hour, arrivals every hour, one convoy; the
 * SHORTAGE and RUN_OUT alerts open, escalate and step down at the times computed by hand, and an app restarted in the
 * middle (on an empty state directory) does not raise them again.
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

            // By hand, 15 L a person a day = 0.625 L an hour; 500 people arrive at T0 + h for h = 0..12, so after the
            // arrival at hour h there are P = 500 (h + 1) people, and the hours before used 312.5 (k + 1) L each (k < h):
            //   stock(h) = 90,000 - 156.25 h (h + 1);   days of cover = stock(h) / (7,500 (h + 1))
            // SHORTAGE: h = 2: 89,062.5 / 22,500 = 3.96 days; h = 3: 88,125 / 30,000 = 2.94 < 3 → OPEN WARNING at T0 + 3 h.
            //           h = 9: 75,937.5 / 75,000 = 1.01; h = 10: 72,812.5 / 82,500 = 0.88 < 1 → ESCALATED at T0 + 10 h.
            //           convoy of 360,000 L at T0 + 12:30: 65,625 - 6,500 x 0.3125 + 360,000 = 423,593.75 L
            //           / 97,500 L a day = 4.34 days > 3 x 1.1 → RESOLVED at T0 + 12:30.
            // RUN_OUT: from h = 1 the trend of arrivals is 500 an hour (the complete hours before), so at h = 1
            //           (P = 1,000, 89,687.5 L): 0.625 (1,000 t + 250 t^2) = 89,687.5 => t^2 + 4 t - 574 = 0
            //           => t = 22.04 h < 24 → OPEN CRITICAL at T0 + 1 h, while days of cover read 5.98.
            //           After the convoy: 0.625 (6,500 t + 250 t^2) = 423,593.75 => t^2 + 26 t - 2,711 = 0
            //           => t = 40.67 h: over 24 x 1.1, under 48 → DE_ESCALATED to WARNING at T0 + 12:30.
            try (StreamsRunner first = SitesApp.start(settings(stack, state.resolve("first")))) {
                assertThat(first.awaitRunning(WAIT)).isTrue();
                send(producer, serdes, Topics.SUPPLIES, goris, supply(SupplyKind.STOCK_COUNT, 90_000, T0), T0);
                awaitStockCounted(stack, serdes); // the stock count is in the ledger before any arrival
                arrivals(producer, serdes, 0, 4);
                awaitAlerts(stack, serdes, AlertKind.SHORTAGE, 1);
            }

            // when the app restarts on a new machine (empty state directory: everything restored from the changelogs)
            try (StreamsRunner second = SitesApp.start(settings(stack, state.resolve("second")))) {
                assertThat(second.awaitRunning(WAIT)).isTrue();
                arrivals(producer, serdes, 5, 12);
                awaitAlerts(stack, serdes, AlertKind.SHORTAGE, 2);
                Instant convoy = T0.plus(Duration.ofMinutes(12 * 60 + 30));
                send(producer, serdes, Topics.SUPPLIES, goris, supply(SupplyKind.DELIVERY, 360_000, convoy), convoy);

                // then one episode each, no second OPEN after the restart
                List<Alert> alerts = awaitAlerts(stack, serdes, AlertKind.SHORTAGE, 3);
                assertThat(alerts).extracting(Alert::getState, Alert::getSeverity, Alert::getUpdatedAt).containsExactly(
                        tuple(AlertState.OPEN, Severity.WARNING, T0.plus(Duration.ofHours(3))),
                        tuple(AlertState.ESCALATED, Severity.CRITICAL, T0.plus(Duration.ofHours(10))),
                        tuple(AlertState.RESOLVED, Severity.CRITICAL, convoy));
                assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
                assertThat(alerts.get(0).getSummary())
                        .isEqualTo("Goris: water covers 2.9 days for 2,000 people; need 30,000 L/day, stock 88,125 L");
                List<Alert> runOut = awaitAlerts(stack, serdes, AlertKind.RUN_OUT, 2);
                assertThat(runOut).extracting(Alert::getState, Alert::getSeverity, Alert::getUpdatedAt).containsExactly(
                        tuple(AlertState.OPEN, Severity.CRITICAL, T0.plus(Duration.ofHours(1))),
                        tuple(AlertState.DE_ESCALATED, Severity.WARNING, convoy));
                assertThat(runOut.get(0).getEvidence().get("hoursToRunOut")).isEqualTo(22.0);
                assertThat(runOut.get(0).getSummary()).startsWith("Goris: water runs out in ~22 h (Tue 03:02"); // 01:00Z + 22.04 h = 23:02Z, Yerevan +4
                assertThat(runOut.get(1).getEvidence().get("hoursToRunOut")).isEqualTo(40.7);
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

    /** Waits until exactly {@code count} changes of alerts of {@code kind} for this test's Goris are on the events topic. */
    private List<Alert> awaitAlerts(EmbeddedStack stack, FlowwatchSerdes serdes, AlertKind kind, int count) {
        List<Alert> seen = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(consumerConfig(stack), serdes.key(Topics.ALERT_EVENTS).deserializer(),
                serdes.value(Topics.ALERT_EVENTS).deserializer())) {
            consumer.subscribe(List.of(Topics.ALERT_EVENTS.name()));
            await().alias(count + " " + kind + " changes at " + goris).atMost(WAIT).pollDelay(Duration.ofMillis(500)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (record.value().getKind() == kind && goris.equals(record.value().getLabels().get("site"))) {
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
