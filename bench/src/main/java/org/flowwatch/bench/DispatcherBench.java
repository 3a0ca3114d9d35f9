package org.flowwatch.bench;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.consumers.webhook.AlertDispatcher;
import org.flowwatch.consumers.webhook.AlertFilter;
import org.flowwatch.consumers.webhook.DispatchMetrics;
import org.flowwatch.consumers.webhook.DispatchSettings;
import org.flowwatch.consumers.webhook.Endpoint;
import org.flowwatch.consumers.webhook.PayloadFormat;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Section 6: the alert dispatcher delivering a backlog of alerts to a local webhook sink (a JDK HTTP server on
 * 127.0.0.1 answering 200 at once), with the endpoint's own rate limit set out of the way: alerts per second from
 * the first delivery to the last.
 */
final class DispatcherBench {

    static final String NAME = "dispatcher: alerts delivered per second to a local webhook";
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private DispatcherBench() {
    }

    /** Delivers {@code alerts} alerts ({@code bench.dispatcher.alerts}) on a stack of its own. */
    static List<Figures> run(int alerts, Section section) throws Exception {
        try (BenchStack stack = section.startStack("broker"); Sink sink = Sink.start()) {
            Settings settings = stack.settings(Map.of("dispatch.allow.loopback", "true", "dispatch.group.prefix", "flowwatch-bench-dispatch"));
            DispatchSettings dispatch = DispatchSettings.from(settings);
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(dispatch.registry());
            publishAlerts(stack.kafka(), serdes, alerts);
            section.report(String.format("dispatcher: delivering %,d alerts to a local webhook", alerts));
            Endpoint endpoint = new Endpoint("bench-sink", sink.url(), PayloadFormat.JSON, Optional.empty(), 1_000_000,
                    AlertFilter.ANY, Map.of(), Optional.empty(), "application/json", Duration.ofDays(7));
            try (AlertDispatcher dispatcher = AlertDispatcher.start(dispatch, List.of(endpoint), serdes,
                    new DispatchMetrics(new SimpleMeterRegistry()))) {
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (sink.received() < alerts) {
                    if (System.nanoTime() > deadline || dispatcher.failure().isPresent()) {
                        throw new IllegalStateException("the dispatcher delivered " + sink.received() + " of " + alerts + " alerts");
                    }
                    TimeUnit.MILLISECONDS.sleep(50); // deliveries are counted on the sink's threads
                }
            }
            double perSecond = (alerts - 1) / sink.firstToLastSeconds();
            section.report(String.format("  %,.0f alerts/s", perSecond));
            return List.of(new Figures(NAME, "alerts/s", List.of(perSecond)));
        }
    }

    private static void publishAlerts(Map<String, Object> kafka, FlowwatchSerdes serdes, int alerts) {
        try (var producer = new KafkaProducer<>(kafka, serdes.key(Topics.ALERT_EVENTS).serializer(), serdes.value(Topics.ALERT_EVENTS).serializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < alerts; i++) {
                Alert alert = Alert.newBuilder().setAlertId("SURGE/post/bench-post-" + (i % 50) + "/" + i).setVersion(1)
                        .setKind(AlertKind.SURGE).setSeverity(Severity.WARNING).setState(AlertState.OPEN).setStartsAt(now)
                        .setUpdatedAt(now).setLabels(Map.of("post", "bench-post-" + (i % 50)))
                        .setEvidence(Map.of("arrivalsLastHour", 1200.0, "surgeLevel", 1000.0))
                        .setSummary("Bench post: 1,200 arrivals in the last hour, above the surge level of 1,000").build();
                producer.send(new ProducerRecord<>(Topics.ALERT_EVENTS.name(), alert.getAlertId(), alert));
            }
        }
    }

    /** The webhook receiver: answers 200 and counts, noting when the first and the last request came. */
    private static final class Sink implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong first = new AtomicLong();
        private final AtomicLong last = new AtomicLong();

        private Sink(HttpServer server) {
            this.server = server;
        }

        static Sink start() throws IOException {
            Sink sink = new Sink(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            sink.server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                long now = System.nanoTime();
                sink.first.compareAndSet(0, now);
                sink.last.set(now);
                sink.received.incrementAndGet();
            });
            sink.server.setExecutor(sink.threads);
            sink.server.start();
            return sink;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
        }

        long received() {
            return received.get();
        }

        double firstToLastSeconds() {
            return Math.max(1, last.get() - first.get()) / 1e9;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
