package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.consumers.webhook.AlertBuilder.anAlert;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.InMemorySchemaRegistryClient;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker over mock Kafka clients: the order of one alert's versions when an earlier one is parked. Before the
 * fix a new version was sent at once, ahead of the parked one (the outage test saw versions 2, 3, 4, then 1).
 */
class EndpointWorkerTest {

    private static final String ENDPOINT = "partner";
    private static final TopicPartition EVENTS = new TopicPartition(Topics.ALERT_EVENTS.name(), 0);
    private static final TopicPartition RETRIES = new TopicPartition(Topics.WEBHOOK_RETRIES.name(), 0);

    private final FlowwatchSerdes serdes = new FlowwatchSerdes(new InMemorySchemaRegistryClient());
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, WebhookDelivery> producer = new MockProducer<>(true, null,
            serdes.key(Topics.WEBHOOK_RETRIES).serializer(), serdes.value(Topics.WEBHOOK_RETRIES).serializer());
    private final List<String> attempted = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> parkedBefore = new CopyOnWriteArrayList<>();
    private EndpointWorker worker;
    private Thread running;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        running.join(Duration.ofSeconds(10).toMillis());
    }

    @Test
    void shouldParkANewVersionBehindItsEarlierVersionWhenThatWasParkedBeforeARestart() {
        // given version 1 of an alert parked before a restart, due in an hour, and then versions 2 of it and 1 of another
        Alert first = anAlert().id("SHORTAGE/goris-1/water").version(1).build();
        parkedBefore.add(parked(first, 0));
        start(answering(AttemptResult.delivered()), anAlert().id("SHORTAGE/goris-1/water").version(2).build(),
                anAlert().id("SURGE/post-bp-07").version(1).build());

        // then the other alert is sent, and version 2 is parked behind version 1, not sent ahead of it
        await().alias("the other alert sent").atMost(Duration.ofSeconds(10)).until(() -> attempted.contains("SURGE/post-bp-07:1"));
        await().alias("version 2 parked").atMost(Duration.ofSeconds(10)).until(() -> !producer.history().isEmpty());
        assertThat(attempted).containsExactly("SURGE/post-bp-07:1");
        assertThat(producer.history()).extracting(record -> record.value().getIdempotencyKey(), record -> record.value().getAttempts())
                .containsExactly(tuple("SHORTAGE/goris-1/water:2", 0));
        assertThat(keyHeader(producer.history().get(0))).isEqualTo("SHORTAGE/goris-1/water:2");
    }

    @Test
    void shouldParkAVersionAgainWhenItComesUpBeforeAnEarlierVersionStillParked() {
        // given version 2 of an alert due now on the retry partition ahead of version 1, due in an hour (the partition
        // went round during an outage: each failed delivery goes back to its end)
        Alert second = anAlert().id("SHORTAGE/goris-1/water").version(2).build();
        parkedBefore.add(parked(second, 0, Instant.now().minusSeconds(1)));
        parkedBefore.add(parked(anAlert().id("SHORTAGE/goris-1/water").version(1).build(), 1));
        start(answering(AttemptResult.delivered()), anAlert().id("SURGE/post-bp-07").version(1).build());

        // then version 2 is parked again, behind version 1, and not sent
        await().alias("the other alert sent").atMost(Duration.ofSeconds(10)).until(() -> attempted.contains("SURGE/post-bp-07:1"));
        await().alias("version 2 parked again").atMost(Duration.ofSeconds(10)).until(() -> !producer.history().isEmpty());
        assertThat(attempted).containsExactly("SURGE/post-bp-07:1");
        assertThat(producer.history()).extracting(record -> record.value().getIdempotencyKey()).containsExactly("SHORTAGE/goris-1/water:2");
    }

    @Test
    void shouldParkANewVersionBehindItsEarlierVersionWhenTheEndpointRefusedThatOne() {
        // given an endpoint refusing connections, and two versions of one alert
        start(answering(AttemptResult.noAnswer("ConnectException: could not connect")),
                anAlert().id("SHORTAGE/goris-1/water").version(1).build(), anAlert().id("SHORTAGE/goris-1/water").version(2).build());

        // then version 1 is tried, then parked, and version 2 parked behind it without being tried
        await().alias("both parked").atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        assertThat(attempted).containsOnly("SHORTAGE/goris-1/water:1").hasSize(3);
        assertThat(producer.history()).extracting(record -> record.value().getIdempotencyKey())
                .containsExactly("SHORTAGE/goris-1/water:1", "SHORTAGE/goris-1/water:2");
    }

    private void start(AlertChannel channel, Alert... events) {
        consumer.setMaxPollRecords(1); // as the dispatcher's consumers
        consumer.updateBeginningOffsets(Map.of(EVENTS, 0L, RETRIES, 0L));
        consumer.updatePartitions(RETRIES.topic(), List.of(new PartitionInfo(RETRIES.topic(), 0, null, null, null)));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(EVENTS, RETRIES));
            parkedBefore.forEach(consumer::addRecord);
            for (int offset = 0; offset < events.length; offset++) {
                consumer.addRecord(record(EVENTS, offset, events[offset].getAlertId(),
                        serdes.value(Topics.ALERT_EVENTS).serializer().serialize(EVENTS.topic(), events[offset]), new RecordHeaders()));
            }
        });
        // Quick retries (1 ms), so the three attempts before parking take no time.
        RetryPolicy retry = new RetryPolicy(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), RandomGenerator.getDefault()),
                3, Duration.ofSeconds(1), Duration.ofHours(24));
        DispatchParts parts = new DispatchParts(serdes, new DeliveryParking(producer), new DispatchMetrics(new SimpleMeterRegistry()),
                retry, Clock.systemUTC(), this::retryReader);
        worker = new EndpointWorker(channel, consumer, parts);
        running = new Thread(worker, "worker-under-test");
        running.start();
    }

    /** What a reader of the retry partition finds there: what was parked before the worker started. */
    private MockConsumer<String, byte[]> retryReader() {
        MockConsumer<String, byte[]> reader = new MockConsumer<>("earliest");
        reader.updateBeginningOffsets(Map.of(RETRIES, 0L));
        reader.updateEndOffsets(Map.of(RETRIES, (long) parkedBefore.size()));
        reader.schedulePollTask(() -> parkedBefore.forEach(reader::addRecord));
        return reader;
    }

    private ConsumerRecord<String, byte[]> parked(Alert alert, long offset) {
        return parked(alert, offset, Instant.now().plus(Duration.ofHours(1)));
    }

    private ConsumerRecord<String, byte[]> parked(Alert alert, long offset, Instant due) {
        WebhookDelivery delivery = new WebhookDelivery(ENDPOINT, PayloadFormat.idempotencyKey(alert), 3, due.minusSeconds(7200),
                due, null, "ConnectException: could not connect", alert);
        RecordHeaders headers = new RecordHeaders();
        headers.add(ParkedAlerts.KEY_HEADER, PayloadFormat.idempotencyKey(alert).getBytes(StandardCharsets.UTF_8));
        return record(RETRIES, offset, ENDPOINT, serdes.value(Topics.WEBHOOK_RETRIES).serializer().serialize(RETRIES.topic(), delivery), headers);
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, value.length,
                key, value, headers, Optional.empty());
    }

    private static String keyHeader(ProducerRecord<String, WebhookDelivery> record) {
        return new String(record.headers().lastHeader(ParkedAlerts.KEY_HEADER).value(), StandardCharsets.UTF_8);
    }

    /** A webhook channel to {@link #ENDPOINT} that gives every attempt the same result, noting each. */
    private AlertChannel answering(AttemptResult result) {
        return new AlertChannel() {
            @Override
            public String name() {
                return ENDPOINT;
            }

            @Override
            public double ratePerSecond() {
                return 1000;
            }

            @Override
            public List<String> addressees(Alert alert) {
                return List.of(ENDPOINT);
            }

            @Override
            public boolean owns(String addressee) {
                return ENDPOINT.equals(addressee);
            }

            @Override
            public AttemptResult attempt(String addressee, Alert alert) {
                attempted.add(PayloadFormat.idempotencyKey(alert));
                return result;
            }
        };
    }
}
