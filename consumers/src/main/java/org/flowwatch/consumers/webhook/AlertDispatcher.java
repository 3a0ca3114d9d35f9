package org.flowwatch.consumers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link EndpointWorker} thread per endpoint. If a worker fails (the broker stopped acknowledging, the
 * registry is down), every worker stops and {@link #failure()} says why: nothing was committed past what was
 * delivered or parked, so a restart carries on.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final Duration JOIN = Duration.ofSeconds(30);

    private final Map<String, EndpointWorker> workers = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final DeliveryParking parking;
    private final List<AlertChannel> channels;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AlertDispatcher(DeliveryParking parking, List<AlertChannel> channels) {
        this.parking = parking;
        this.channels = List.copyOf(channels);
    }

    public static AlertDispatcher start(DispatchSettings settings, List<Endpoint> endpoints, FlowwatchSerdes serdes,
                                        DispatchMetrics metrics) {
        return start(settings, endpoints, List.of(), serdes, metrics);
    }

    /** The webhook endpoints and other channels (SMS), each with its own worker; closing the dispatcher closes them. */
    public static AlertDispatcher start(DispatchSettings settings, List<Endpoint> endpoints, List<? extends AlertChannel> others,
                                        FlowwatchSerdes serdes, DispatchMetrics metrics) {
        DeliveryParking parking = new DeliveryParking(settings.kafka(), serdes);
        DispatchParts parts = new DispatchParts(serdes, parking, metrics, settings.retry(), Clock.systemUTC(), () -> retryReader(settings));
        WebhookSender sender = new WebhookSender(settings.requestTimeout(), settings.urlPolicy(), Clock.systemUTC());
        List<AlertChannel> channels = new ArrayList<>();
        endpoints.forEach(endpoint -> channels.add(new WebhookChannel(endpoint, sender)));
        channels.addAll(others);
        AlertDispatcher dispatcher = new AlertDispatcher(parking, channels);
        channels.forEach(channel -> dispatcher.launch(channel, new EndpointWorker(channel, consumer(settings, channel.name()), parts)));
        LOG.info("dispatching alerts to {} endpoint(s): {}", channels.size(), channels);
        return dispatcher;
    }

    /** False once the endpoint answered 410 Gone. */
    public boolean enabled(String endpoint) {
        return workers.get(endpoint).enabled();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Blocks until a worker fails or the dispatcher is closed. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        workers.values().forEach(EndpointWorker::stop);
        joinAll();
        channels.forEach(AlertChannel::close);
        parking.close();
        stopped.countDown();
    }

    private void launch(AlertChannel endpoint, EndpointWorker worker) {
        workers.put(endpoint.name(), worker);
        Thread thread = new Thread(worker, "dispatch-" + endpoint.name());
        thread.setUncaughtExceptionHandler((t, error) -> failed(endpoint, error));
        threads.add(thread);
        thread.start();
    }

    private void failed(AlertChannel endpoint, Throwable error) {
        LOG.error("endpoint {}: worker failed, stopping the dispatcher: {}", endpoint.name(), error.toString());
        failure.compareAndSet(null, error);
        workers.values().forEach(EndpointWorker::stop);
        stopped.countDown();
    }

    private void joinAll() {
        for (Thread thread : threads) {
            try {
                thread.join(JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(DispatchSettings settings, String channel) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupPrefix() + "-" + channel);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.startFrom());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // One record at a time (from the fetched buffer): a delivery may take minutes of retries between polls.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads a retry partition by assignment, in no group, committing nothing. */
    private static KafkaConsumer<String, byte[]> retryReader(DispatchSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
