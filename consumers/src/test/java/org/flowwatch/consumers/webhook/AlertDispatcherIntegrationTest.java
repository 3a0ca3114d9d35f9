package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.consumers.webhook.AlertBuilder.anAlert;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.consumers.webhook.TestReceiver.Answer;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on a real broker and registry against real HTTP receivers. Tests share the catalogue's topics:
 * each uses its own site label (the endpoint filters on it), endpoint name and consumer groups.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class AlertDispatcherIntegrationTest {

    private static final String SECRET = TestDispatchers.SECRET;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = TestDispatchers.REQUEST_TIMEOUT;
    /** {@code -Dflowwatch.faults.long=true}: the misbehaving endpoint's spell lasts minutes, not seconds. */
    private static final boolean LONG_FAULTS = Boolean.getBoolean("flowwatch.faults.long");

    private EmbeddedStack stack;
    private FlowwatchSerdes serdes;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String site = "site-" + UUID.randomUUID();
    private final String endpointName = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String groupPrefix = "it-dispatch-" + UUID.randomUUID();

    @BeforeEach
    void useStack(EmbeddedStack stack) {
        this.stack = stack;
        this.serdes = DispatchStack.prepared(stack);
    }

    @Test
    void shouldDeliverSignedAlertWithIdempotencyKeyWhenEndpointAnswers() {
        try (TestReceiver receiver = new TestReceiver(SECRET);
             AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert().id("a-" + site).version(2).site(site).build());

            // then
            await().alias("alert delivered").atMost(WAIT).until(() -> receiver.received().size() == 1);
            TestReceiver.Received request = receiver.received().get(0);
            assertThat(request.signatureValid()).as("signature checks out with the spec's algorithm").isTrue();
            assertThat(request.idempotencyKey()).isEqualTo("a-" + site + ":2");
            assertThat(request.body()).contains("\"alertId\":\"a-" + site + "\"").contains("\"state\":\"OPEN\"");
        }
    }

    @Test
    void shouldRetryWhenEndpointAnswers500ThenHonourRetryAfterOf429() {
        // given: a 500, then a 429 asking for 1 s, then a 200
        try (TestReceiver receiver = new TestReceiver(SECRET).answering(attempt -> switch (attempt) {
            case 1 -> Answer.status(500);
            case 2 -> new Answer(429, "1");
            default -> Answer.ok();
        }); AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert().id("r-" + site).site(site).build());

            // then
            await().alias("delivered on the third attempt").atMost(WAIT).until(() -> receiver.acceptedKeys().size() == 1);
            List<TestReceiver.Received> requests = receiver.received();
            assertThat(requests).extracting(TestReceiver.Received::answered).containsExactly(500, 429, 200);
            assertThat(Duration.between(requests.get(1).at(), requests.get(2).at()))
                    .as("waited as Retry-After asked").isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(metrics.scrape()).contains("flowwatch_webhook_retries_total{endpoint=\"" + endpointName + "\"} 2.0");
        }
    }

    @Test
    void shouldDisableEndpointAndDeadLetterWhenEndpointAnswers410() {
        try (TestReceiver receiver = new TestReceiver(SECRET).answering(attempt -> Answer.status(410));
             AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert().id("g1-" + site).site(site).build());
            publish(anAlert().id("g2-" + site).site(site).build());

            // then: the one tried first (the two may sit on different partitions, so either) went to the
            // dead-letter topic saying why, and the other waits in the alert topic
            List<ConsumerRecord<String, WebhookDelivery>> dead = deadLetters(1);
            assertThat(header(dead.get(0), DeliveryParking.ERROR_REASON)).isEqualTo("endpoint-gone");
            assertThat(header(dead.get(0), DeliveryParking.ERROR_STATUS)).isEqualTo("410");
            assertThat(dead.get(0).value().getIdempotencyKey()).isEqualTo(receiver.received().get(0).idempotencyKey())
                    .isIn("g1-" + site + ":1", "g2-" + site + ":1");
            await().alias("endpoint disabled").atMost(WAIT).until(() -> !dispatcher.enabled(endpointName));
            assertThat(metrics.scrape()).contains("flowwatch_webhook_endpoint_enabled{endpoint=\"" + endpointName + "\"} 0.0");
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void shouldDeliverEveryAlertOnceWhenEndpointIsDownForAWhile() {
        // given an endpoint that answers 503 until it comes back
        AtomicBoolean up = new AtomicBoolean(false);
        try (TestReceiver receiver = new TestReceiver(SECRET).answering(attempt -> up.get() ? Answer.ok() : Answer.status(503));
             AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
            // when five alerts are raised while it is down, and it comes back once deliveries were parked
            List<String> keys = publishAlerts("down", 5);
            await().alias("a delivery parked in the retry topic").atMost(WAIT)
                    .until(() -> metrics.scrape().contains("endpoint=\"" + endpointName + "\",outcome=\"parked\""));
            up.set(true);

            // then every alert arrives, and none twice
            await().alias("all delivered").atMost(WAIT).until(() -> receiver.acceptedKeys().keySet().containsAll(keys));
            assertThat(receiver.acceptedKeys()).containsOnlyKeys(keys).allSatisfy((key, times) -> assertThat(times).isOne());
        }
    }

    @Test
    @Timeout(600)
    void shouldDeliverEveryAlertWhenEndpointIsDownSlowAndRefusingForALongSpell() throws InterruptedException {
        // given an endpoint that, for a spell, cycles every few seconds through down (503), failing (500),
        // throttling (429, Retry-After 2 s) and slow (7 s and 3 s answers in turn: the 7 s ones past the 5 s request
        // timeout, so the dispatcher sends that alert again)
        Duration spell = LONG_FAULTS ? Duration.ofMinutes(4) : Duration.ofSeconds(20);
        long start = System.nanoTime();
        AtomicInteger slowAnswers = new AtomicInteger();
        try (TestReceiver receiver = new TestReceiver(SECRET).answering(attempt -> {
            Duration into = Duration.ofNanos(System.nanoTime() - start);
            if (into.compareTo(spell) >= 0) {
                return Answer.ok();
            }
            return switch ((int) (into.toSeconds() / 4 % 4)) {
                case 0 -> Answer.status(503);
                case 1 -> Answer.status(500);
                case 2 -> new Answer(429, "2");
                default -> Answer.slowly(Duration.ofSeconds(slowAnswers.incrementAndGet() % 2 == 1 ? 7 : 3));
            };
        }); AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
            // when alerts are raised all through the spell, about 40 of them
            List<String> keys = new CopyOnWriteArrayList<>();
            ScheduledExecutorService raising = Executors.newSingleThreadScheduledExecutor();
            raising.scheduleAtFixedRate(() -> keys.addAll(publishAlerts("spell" + keys.size() + "-", 1)), 0,
                    spell.toMillis() / 40, TimeUnit.MILLISECONDS);
            await().alias("the spell over").atMost(spell.plus(WAIT)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Duration.ofNanos(System.nanoTime() - start).compareTo(spell) >= 0);
            raising.shutdown(); // lets an alert being raised finish: its key must be in the list
            assertThat(raising.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            // then every alert arrives once it is over
            await().alias("all delivered after the spell").atMost(WAIT.plus(spell)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> receiver.acceptedKeys().keySet().containsAll(keys));
            // and twice only where the endpoint took an alert but answered after the dispatcher had stopped waiting
            // (a receiver drops the repeat by its Idempotency-Key)
            Map<String, Long> answeredTooLate = receiver.received().stream()
                    .filter(request -> request.answered() / 100 == 2 && request.delay().compareTo(REQUEST_TIMEOUT) > 0)
                    .collect(Collectors.groupingBy(TestReceiver.Received::idempotencyKey, Collectors.counting()));
            assertThat(receiver.acceptedKeys()).containsOnlyKeys(keys).allSatisfy((key, times) ->
                    assertThat(times).as(key).isLessThanOrEqualTo(1 + answeredTooLate.getOrDefault(key, 0L).intValue()));
            assertThat(slowAnswers.get()).as("slow answers given").isPositive();
            System.out.printf("webhook spell of %d s: %d alerts, %d requests (%d refused, %d slow), all delivered; %d twice"
                    + " after an answer past the timeout%n", spell.toSeconds(), keys.size(), receiver.received().size(),
                    receiver.received().stream().filter(request -> request.answered() >= 400).count(), slowAnswers.get(),
                    receiver.acceptedKeys().values().stream().filter(times -> times > 1).count());
        }
    }

    @Test
    void shouldNeverCommitPastAParkedDeliveryStillWaitingWhenOneParkedAfterItIsDue() throws Exception {
        // given two deliveries parked for this endpoint, in this order: one due in an hour, one due now
        // (an endpoint down for a while: an old alert's backoff has grown long, a new alert's is still short).
        // What keeps the promise: one record per poll, and the retry partition paused at the one not due.
        Instant now = Instant.now();
        RecordMetadata waiting = park(anAlert().id("waiting-" + site).site(site).build(), now.plus(Duration.ofHours(1)));
        Alert due = anAlert().id("due-" + site).site(site).build();
        park(due, now.minusSeconds(1));
        List<String> sentinel = publishAlerts("sentinel", 1);
        try (TestReceiver receiver = new TestReceiver(SECRET)) {
            // when the dispatcher runs a while (a new alert delivered, a few more polls), then stops
            try (AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
                await().alias("a new alert delivered").atMost(WAIT).until(() -> receiver.acceptedKeys().keySet().containsAll(sentinel));
                // the delivery parked after the waiting one waits behind it
                await().alias("the due delivery still behind the waiting one").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> !receiver.acceptedKeys().containsKey(PayloadFormat.idempotencyKey(due)));
            }

            // then the offset it committed on the retry topic does not pass the delivery still waiting, so a restart
            // reads it again
            TopicPartition retries = new TopicPartition(waiting.topic(), waiting.partition());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupPrefix + "-" + endpointName)
                        .partitionsToOffsetAndMetadata().get().get(retries);
                assertThat(committed == null ? 0 : committed.offset()).isLessThanOrEqualTo(waiting.offset());
            }
        }
    }

    @Test
    void shouldWaitForTheRegistryAndThenDeliverEveryAlertWhenItIsDownAsTheDispatcherStarts(@TempDir Path dir) throws Exception {
        try (EmbeddedStack own = EmbeddedStack.start(dir, 0, 0)) {
            useStack(own); // this test stops the registry: not on the stack the other tests share
            // given alerts raised while the registry was up
            List<String> keys = publishAlerts("outage", 3);
            // and a dispatcher started once it is down, knowing no schema
            own.registry().close();
            serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(own.registryUrl()));
            try (TestReceiver receiver = new TestReceiver(SECRET);
                 AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofHours(1)))) {
                // when it cannot read them for a while, it keeps running
                await().alias("dispatcher running without the registry").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                        .until(() -> dispatcher.failure().isEmpty());
                assertThat(receiver.received()).isEmpty();

                // then, once the registry is back on its storage and port, every alert is delivered once
                try (EmbeddedRegistry back = EmbeddedRegistry.start(dir.resolve("registry"), own.registry().port())) {
                    await().alias("all delivered").atMost(WAIT).until(() -> receiver.acceptedKeys().keySet().containsAll(keys));
                    assertThat(receiver.acceptedKeys()).containsOnlyKeys(keys).allSatisfy((key, times) -> assertThat(times).isOne());
                    assertThat(dispatcher.failure()).isEmpty();
                }
            }
        }
    }

    private RecordMetadata park(Alert alert, Instant nextAttemptAt) throws Exception {
        WebhookDelivery delivery = new WebhookDelivery(endpointName, PayloadFormat.idempotencyKey(alert), 3,
                nextAttemptAt.minus(Duration.ofHours(2)), nextAttemptAt, 503, "HTTP 503", alert);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, WebhookDelivery> producer = new KafkaProducer<>(config, serdes.key(Topics.WEBHOOK_RETRIES).serializer(),
                serdes.value(Topics.WEBHOOK_RETRIES).serializer())) {
            return producer.send(new ProducerRecord<>(Topics.WEBHOOK_RETRIES.name(), endpointName, delivery)).get();
        }
    }

    @Test
    void shouldDeliverEveryAlertAtLeastOnceWhenTheDispatcherIsKilledMidDelivery() throws Exception {
        // given a dispatcher in a child JVM, killed (SIGKILL) while the receiver takes the third alert: it never hears
        // the answer, so it cannot have committed that alert
        AtomicReference<Process> child = new AtomicReference<>();
        AtomicBoolean killed = new AtomicBoolean();
        try (TestReceiver receiver = new TestReceiver(SECRET)) {
            receiver.answering(attempt -> {
                if (attempt == 3 && killed.compareAndSet(false, true)) {
                    child.get().destroyForcibly();
                    waitForExit(child.get());
                }
                return Answer.ok();
            });
            List<String> keys = publishAlerts("crash", 5);
            child.set(TestDispatchers.startChild(target(receiver)));
            try {
                await().alias("killed mid-delivery").atMost(WAIT).until(killed::get);
            } finally {
                child.get().destroyForcibly();
            }

            // when it is restarted with the same consumer groups
            try (AlertDispatcher restarted = dispatcher(receiver, policy(Duration.ofHours(1)))) {
                // then every alert is delivered; the one in flight at the kill twice, with the same key
                await().alias("all delivered after restart").atMost(WAIT)
                        .until(() -> receiver.acceptedKeys().keySet().containsAll(keys));
                assertThat(receiver.acceptedKeys()).containsOnlyKeys(keys);
                // Alerts are spread over partitions by id, so which one was third is read from the receiver.
                String inFlight = receiver.received().get(2).idempotencyKey();
                assertThat(receiver.acceptedKeys().get(inFlight)).as("in flight at the kill: " + inFlight).isEqualTo(2);
                assertThat(receiver.received()).hasSize(6);
            }
        }
    }

    private static void waitForExit(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldDeadLetterWhenEndpointFailsPastGiveUpAge() {
        try (TestReceiver receiver = new TestReceiver(SECRET).answering(attempt -> Answer.status(500));
             AlertDispatcher dispatcher = dispatcher(receiver, policy(Duration.ofMillis(800)))) {
            // when
            publish(anAlert().id("old-" + site).site(site).build());

            // then
            List<ConsumerRecord<String, WebhookDelivery>> dead = deadLetters(1);
            assertThat(header(dead.get(0), DeliveryParking.ERROR_REASON)).isEqualTo("gave-up");
            assertThat(header(dead.get(0), DeliveryParking.ERROR_MESSAGE)).isEqualTo("HTTP 500");
            assertThat(dead.get(0).value().getAttempts()).isGreaterThan(1);
            assertThat(metrics.scrape()).contains("flowwatch_webhook_dead_letters_total{endpoint=\"" + endpointName + "\",reason=\"gave-up\"} 1.0");
        }
    }

    private AlertDispatcher dispatcher(TestReceiver receiver, RetryPolicy retry) {
        return TestDispatchers.start(target(receiver), retry, metrics);
    }

    private TestDispatchers.Target target(TestReceiver receiver) {
        return new TestDispatchers.Target(stack.bootstrapServers(), stack.registryUrl(), receiver.url().toString(), endpointName,
                site, groupPrefix);
    }

    private static RetryPolicy policy(Duration giveUpAfter) {
        return TestDispatchers.quickRetries(giveUpAfter);
    }

    private List<String> publishAlerts(String prefix, int count) {
        List<String> keys = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(n -> {
            Alert alert = anAlert().id(prefix + n + "-" + site).site(site).build();
            publish(alert);
            keys.add(PayloadFormat.idempotencyKey(alert));
        });
        return keys;
    }

    private void publish(Alert alert) {
        DispatchStack.publish(stack, serdes, alert);
    }

    private List<ConsumerRecord<String, WebhookDelivery>> deadLetters(int count) {
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<ConsumerRecord<String, WebhookDelivery>> mine = new ArrayList<>();
        try (KafkaConsumer<String, WebhookDelivery> consumer = new KafkaConsumer<>(config,
                serdes.key(Topics.WEBHOOK_DLQ).deserializer(), serdes.value(Topics.WEBHOOK_DLQ).deserializer())) {
            consumer.subscribe(List.of(Topics.WEBHOOK_DLQ.name()));
            await().alias(count + " dead letters of " + endpointName).atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (endpointName.equals(record.key())) {
                        mine.add(record);
                    }
                });
                return mine.size() >= count;
            });
        }
        return mine;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
