package org.flowwatch.consumers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.flowwatch.schemas.serde.UnknownSchemaException;
import org.flowwatch.schemas.serde.WireFormatException;
import org.flowwatch.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one endpoint, in its own consumer group over the alert events and the retry topic, so a slow
 * or dead endpoint holds back nobody else. One record at a time: its offset is committed only once it was delivered,
 * parked in the retry topic or dead-lettered. A parked delivery that is not due yet pauses its retry partition
 * until it is, and deliveries parked after it wait behind it (one record per poll): an endpoint's parked deliveries
 * are retried in the order they were parked, and none is committed past one still waiting. A version of an alert
 * is never sent while an earlier version of it is parked: it is parked (again) behind it (see {@link ParkedAlerts}),
 * so each alert's versions reach the endpoint in order, also after an outage. What follows an attempt (try again
 * here, park, dead-letter) is decided by {@link DeliveryRules}; this class polls, pauses, waits and commits.
 */
final class EndpointWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REGISTRY_PAUSE = Duration.ofSeconds(5);

    private final AlertChannel endpoint;
    private final Consumer<String, byte[]> consumer;
    private final Supplier<Consumer<String, byte[]>> retryReaders;
    private final Deserializer<Alert> alerts;
    private final Deserializer<WebhookDelivery> deliveries;
    private final DeliveryParking parking;
    private final DispatchMetrics metrics;
    private final DeliveryRules rules;
    private final Clock clock;
    private final PacedRequests pace;
    private final EndpointHealth health;
    private final ParkedAlerts parkedAlerts = new ParkedAlerts();
    private final AtomicBoolean enabled;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();

    EndpointWorker(AlertChannel endpoint, Consumer<String, byte[]> consumer, DispatchParts parts) {
        this.endpoint = endpoint;
        this.consumer = consumer;
        this.retryReaders = parts.retryReaders();
        this.alerts = parts.serdes().value(Topics.ALERT_EVENTS).deserializer();
        this.deliveries = parts.serdes().value(Topics.WEBHOOK_RETRIES).deserializer();
        this.parking = parts.parking();
        this.metrics = parts.metrics();
        this.rules = new DeliveryRules(parts.retry());
        this.clock = parts.clock();
        this.pace = new PacedRequests(endpoint.ratePerSecond(), clock);
        this.health = new EndpointHealth(endpoint.name(), clock);
        this.enabled = metrics.enabledFlag(endpoint.name());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ALERT_EVENTS.name(), Topics.WEBHOOK_RETRIES.name()), new Rebalance());
            while (running()) {
                resumeDue();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    boolean done = handleOrRewind(record, new TopicPartition(record.topic(), record.partition()));
                    if (done) {
                        commit(record);
                    }
                }
            }
        } catch (Stopped stopped) {
            LOG.debug("endpoint {}: stopped during a delivery; it is attempted again after a restart", endpoint.name());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops after the record in hand: it is finished and committed. */
    void stop() {
        stopping.countDown();
    }

    boolean enabled() {
        return enabled.get();
    }

    private boolean running() {
        return stopping.getCount() > 0 && enabled.get();
    }

    /**
     * False when the record must be read again later: a parked delivery not due yet (its partition is paused until
     * then), or a record that cannot be decoded while the registry cannot answer (not the record's fault: it is read
     * again after a pause, the registry client having already retried).
     */
    private boolean handleOrRewind(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
        try {
            return handle(record, partition);
        } catch (RegistryUnavailableException e) {
            LOG.warn("endpoint {}: cannot read {}-{}@{} now ({}); reading it again in {} s", endpoint.name(), record.topic(),
                    record.partition(), record.offset(), e.getMessage(), REGISTRY_PAUSE.toSeconds());
            consumer.seek(partition, record.offset());
            waitFor(REGISTRY_PAUSE);
            return false;
        }
    }

    private boolean handle(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
        if (record.topic().equals(Topics.ALERT_EVENTS.name())) {
            Alert alert = decode(alerts, record);
            if (alert != null) {
                for (String addressee : endpoint.addressees(alert)) {
                    Instant now = clock.instant();
                    WebhookDelivery delivery = new WebhookDelivery(addressee, PayloadFormat.idempotencyKey(alert), 0, now, now, null, null, alert);
                    if (parkedAlerts.holdsBack(addressee, alert.getAlertId())) {
                        park(delivery); // behind its alert's earlier version, due at once: sent right after it
                    } else {
                        deliver(delivery);
                    }
                }
            }
            return true;
        }
        WebhookDelivery parked = decode(deliveries, record);
        if (parked == null || !endpoint.owns(parked.getEndpoint())) {
            parkedAlerts.taken(partition, record);
            return true;
        }
        if (parked.getNextAttemptAt().isAfter(clock.instant())) {
            consumer.seek(partition, record.offset());
            consumer.pause(Set.of(partition));
            pausedUntil.put(partition, parked.getNextAttemptAt());
            return false;
        }
        parkedAlerts.taken(partition, record);
        if (parkedAlerts.waitsBehind(partition, parked.getEndpoint(), parked.getIdempotencyKey())) {
            park(parked); // an earlier version of its alert is still parked: it goes first
        } else {
            deliver(parked);
        }
        return true;
    }

    private void deliver(WebhookDelivery delivery) {
        WebhookDelivery current = delivery;
        for (int inline = 1; ; inline++) {
            waitFor(pace.reserve());
            if (current.getAttempts() > 0) {
                metrics.retried(endpoint.name());
            }
            AttemptResult result = attempt(current);
            health.attempted(result);
            current = DeliveryRules.recorded(current, result);
            if (result.kind() == AttemptResult.Kind.RETRY || result.kind() == AttemptResult.Kind.REJECTED) {
                metrics.failedAttempt(endpoint.name(), result.reason());
            }
            DeliveryRules.Next next = rules.after(current, result, inline, clock.instant());
            switch (next.step()) {
                case DELIVERED -> metrics.delivered(endpoint.name());
                case RETRY_INLINE -> waitFor(next.pause());
                case PARK -> {
                    current.setNextAttemptAt(next.due());
                    park(current);
                }
                case DISABLE_ENDPOINT -> {
                    disable();
                    deadLetter(current, next.reason());
                }
                case DEAD_LETTER -> deadLetter(current, next.reason());
            }
            if (next.step() != DeliveryRules.Step.RETRY_INLINE) {
                return;
            }
        }
    }

    private void park(WebhookDelivery delivery) {
        TopicPartition partition = parking.park(delivery);
        parkedAlerts.parked(partition, delivery.getEndpoint(), delivery.getIdempotencyKey());
        metrics.parked(endpoint.name());
    }

    private AttemptResult attempt(WebhookDelivery delivery) {
        try {
            return endpoint.attempt(delivery.getEndpoint(), delivery.getAlert());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        } catch (RuntimeException e) { // one alert that cannot be put into words or bytes must not stop the endpoint
            return AttemptResult.unsendable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void deadLetter(WebhookDelivery delivery, String reason) {
        parking.deadLetter(delivery, reason);
        metrics.deadLettered(endpoint.name(), reason);
        LOG.warn("endpoint {}: alert {} given up ({}) after {} attempt(s), written to {}", endpoint.name(),
                delivery.getIdempotencyKey(), reason, delivery.getAttempts(), Topics.WEBHOOK_DLQ.name());
    }

    private void disable() {
        enabled.set(false);
        LOG.warn("endpoint {} answered 410 Gone: disabled; its later alerts stay in {} until the endpoints file is fixed "
                + "and the dispatcher restarted", endpoint.name(), Topics.ALERT_EVENTS.name());
    }

    private void waitFor(Duration wait) {
        try {
            if (!wait.isZero() && !wait.isNegative() && stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private void resumeDue() {
        Instant now = clock.instant();
        pausedUntil.entrySet().removeIf(paused -> {
            if (paused.getValue().isAfter(now)) {
                return false;
            }
            consumer.resume(Set.of(paused.getKey()));
            return true;
        });
    }

    private void commit(ConsumerRecord<String, byte[]> record) {
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)));
    }

    private <T> T decode(Deserializer<T> deserializer, ConsumerRecord<String, byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (WireFormatException | UnknownSchemaException e) {
            metrics.undecodable(endpoint.name());
            LOG.error("endpoint {}: skipped undecodable record {}-{}@{}: {}", endpoint.name(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    /**
     * A revoked partition starts from its committed offset when it comes back: forget that it was paused. What is
     * parked is counted afresh (see {@link ParkedAlerts}).
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            parkedAlerts.recount(consumer, partitions, retryReaders, endpoint::owns);
        }
    }

    /** The worker was asked to stop in the middle of a delivery. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
