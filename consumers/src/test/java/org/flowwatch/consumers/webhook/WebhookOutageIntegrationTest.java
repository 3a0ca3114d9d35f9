package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.consumers.webhook.AlertBuilder.anAlert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Endpoints that cannot be reached at all, with the production retry settings (the defaults: 1 s doubling to 10 min,
 * 3 quick attempts, parked after that): one refuses connections (nothing listens on its port), one does not answer a
 * connect (see {@link SilentPort}), and a third stays healthy, while alerts go through all their versions. The
 * spell lasts 6 s, 10 min with {@code -Dflowwatch.faults.long=true}, and in any case until the refusing endpoint's
 * parked deliveries have gone round the retry topic (about 5-15 s with the production backoff), where the order of
 * versions is at stake.
 *
 * <p>How long after the endpoint is back its deliveries may take follows from the backoff: an attempt {@code n}
 * waits at most {@code initial * 2^(n-1)} (capped at {@code max}) and, the jitter being at least half of each step,
 * comes at least {@code initial * (2^(n-1) - 1) / 2} after the delivery's first attempt. So the wait after any
 * attempt is at most twice the time failed so far plus {@code initial}: an endpoint down for a spell {@code S} is
 * tried again at most {@code min(2 S + initial, max)} after it is back (10 min in the long mode), and the parked
 * deliveries behind the first one are due by then too.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class WebhookOutageIntegrationTest {

    private static final String SECRET = "whsec_c2lsZW50LWhvc3QtdGVzdC1zZWNyZXQtMDE=";
    private static final boolean LONG_FAULTS = Boolean.getBoolean("flowwatch.faults.long");
    private static final Duration SPELL = LONG_FAULTS ? Duration.ofMinutes(10) : Duration.ofSeconds(6);
    private static final int ALERTS = LONG_FAULTS ? 6 : 3;
    private static final List<AlertState> VERSIONS = List.of(AlertState.OPEN, AlertState.ESCALATED, AlertState.DE_ESCALATED,
            AlertState.RESOLVED);
    /** Past what the schedule allows: the time to read, send and commit, on a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(30);
    /** A connect that is not answered is given up after this (the production 10 s would make the test minutes long). */
    private static final Duration SILENT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private EmbeddedStack stack;
    private FlowwatchSerdes serdes;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String site = "outage-" + run;

    @BeforeEach
    void useStack(EmbeddedStack stack) {
        this.stack = stack;
        this.serdes = DispatchStack.prepared(stack);
    }

    @Test
    @Timeout(1800)
    void shouldDeliverEveryVersionInOrderOnceWhenEndpointsRefuseOrDoNotAnswerConnectionsWhileAnotherStaysHealthy() throws Exception {
        // given three endpoints of one dispatcher with the production settings, one refusing connections and one
        // healthy, and a second dispatcher, also with them but a 1 s connect timeout, for one that does not answer
        Optional<SilentPort> silent = SilentPort.open();
        if (silent.isEmpty()) {
            System.out.println("webhook outage: no port that drops connects can be made here (every connect is answered);"
                    + " the endpoint whose connects go unanswered is left out");
        }
        int refusedPort = LocalPorts.free("a webhook that refuses connections"); // nothing listens: a connect is refused at once
        TestReceiver healthy = new TestReceiver(SECRET);
        DispatchSettings production = settings(Map.of());
        try (healthy; RetryTopicWatch retryTopic = new RetryTopicWatch(stack.bootstrapServers(), serdes, "refusing-" + run);
             AlertDispatcher dispatcher = start(production, List.of(entry("refusing-" + run, refusedPort), entry("healthy-" + run, healthy.url())));
             AlertDispatcher silentDispatcher = silent.map(port -> start(settings(Map.of("dispatch.request.timeout",
                     SILENT_CONNECT_TIMEOUT.toMillis() + "ms")), List.of(entry("silent-" + run, port.port())))).orElse(null)) {
            Instant outageStart = Instant.now();

            // when alerts go through OPEN, ESCALATED, DE_ESCALATED and RESOLVED during the spell
            List<String> keys = publishVersionsDuring(SPELL);

            // then the healthy endpoint gets each version in order while the others are down
            await().alias("healthy endpoint has every version").atMost(SPELL.plus(SLACK)).pollInterval(Duration.ofMillis(200))
                    .until(() -> healthy.acceptedKeys().keySet().containsAll(keys));
            Duration healthyDone = Duration.between(outageStart, Instant.now());
            assertInOrderOnce(healthy, keys);
            // and for the rest of the spell nothing is given up, and both dispatchers keep running
            Duration rest = SPELL.minus(Duration.between(outageStart, Instant.now()));
            if (!rest.isNegative() && !rest.isZero()) {
                await().alias("nothing given up while down").during(rest).atMost(rest.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> nothingGivenUp(dispatcher, silentDispatcher));
            }
            // and it lasts until each endpoint down had deliveries parked (the silent one takes 1 s per attempt), and
            // the refusing one's parked deliveries went round the retry topic, an earlier version behind a later one
            await().alias("deliveries parked").atMost(SLACK).pollInterval(Duration.ofMillis(200))
                    .until(() -> parked("refusing-" + run) > 0 && (silent.isEmpty() || parked("silent-" + run) > 0));
            await().alias("the retry topic gone round").atMost(SLACK).pollInterval(Duration.ofMillis(200)).until(retryTopic::wentRound);

            // when the endpoints come back on their ports
            silent.ifPresent(SilentPort::close);
            Instant back = Instant.now();
            try (TestReceiver refusingBack = new TestReceiver(SECRET, refusedPort);
                 TestReceiver silentBack = silent.map(port -> new TestReceiver(SECRET, port.port())).orElse(null)) {
                // then every version arrives within the production schedule's bound, in order, once
                Duration bound = scheduleBound(production.retry(), Duration.between(outageStart, back));
                List<TestReceiver> wereDown = silentBack == null ? List.of(refusingBack) : List.of(refusingBack, silentBack);
                await().alias("every version delivered after the outage").atMost(bound.plus(SLACK)).pollInterval(Duration.ofMillis(200))
                        .until(() -> wereDown.stream().allMatch(receiver -> receiver.acceptedKeys().keySet().containsAll(keys)));
                wereDown.forEach(receiver -> assertInOrderOnce(receiver, keys));
                assertThat(nothingGivenUp(dispatcher, silentDispatcher)).as("no dead letter, no dispatcher failure").isTrue();
                System.out.printf("webhook outage of %d s (production backoff, next try due at most %d s after the endpoint is back):"
                                + " %d alerts x %d versions; healthy endpoint had all %d s into the outage; refusing: %d attempts refused,"
                                + " %d parkings, delivered %s after it was back; silent: %s%n",
                        Duration.between(outageStart, back).toSeconds(), bound.toSeconds(), ALERTS, VERSIONS.size(), healthyDone.toSeconds(),
                        noAnswer("refusing-" + run), parked("refusing-" + run), deliveredAfter(refusingBack, back),
                        silentBack == null ? "left out" : noAnswer("silent-" + run) + " connects unanswered, " + parked("silent-" + run)
                                + " parkings, delivered " + deliveredAfter(silentBack, back) + " after it was back");
            }
        }
    }

    /** One round of versions every quarter of the spell, each alert's versions in order on its partition. */
    private List<String> publishVersionsDuring(Duration spell) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        ScheduledExecutorService raising = Executors.newSingleThreadScheduledExecutor();
        for (int round = 0; round < VERSIONS.size(); round++) {
            int version = round + 1;
            List<Alert> alerts = new ArrayList<>();
            for (int n = 1; n <= ALERTS; n++) {
                alerts.add(version(n, version));
                keys.add(PayloadFormat.idempotencyKey(alerts.get(alerts.size() - 1)));
            }
            raising.schedule(() -> alerts.forEach(alert -> DispatchStack.publish(stack, serdes, alert)),
                    spell.toMillis() * round / VERSIONS.size(), TimeUnit.MILLISECONDS);
        }
        raising.shutdown();
        assertThat(raising.awaitTermination(spell.toMillis() + SLACK.toMillis(), TimeUnit.MILLISECONDS)).as("all raised").isTrue();
        return keys;
    }

    private Alert version(int alert, int version) {
        AlertState state = VERSIONS.get(version - 1);
        AlertBuilder builder = anAlert().id("SHORTAGE/" + site + "/item-" + alert).site(site).version(version).state(state)
                .severity(state == AlertState.ESCALATED ? Severity.CRITICAL : Severity.WARNING);
        return (state == AlertState.RESOLVED ? builder.resolvedAt(AlertBuilder.T0.plusSeconds(3600)) : builder).build();
    }

    /** Each key accepted once, and each alert's versions accepted in the order 1, 2, 3, 4. */
    private static void assertInOrderOnce(TestReceiver receiver, List<String> keys) {
        assertThat(receiver.acceptedKeys()).containsOnlyKeys(keys).allSatisfy((key, times) -> assertThat(times).as(key).isOne());
        Map<String, List<Integer>> versions = receiver.received().stream().filter(request -> request.answered() / 100 == 2)
                .collect(Collectors.groupingBy(request -> alertId(request.idempotencyKey()), LinkedHashMap::new,
                        Collectors.mapping(request -> version(request.idempotencyKey()), Collectors.toList())));
        assertThat(versions).hasSize(ALERTS).allSatisfy((alert, arrived) -> assertThat(arrived).as(alert).containsExactly(1, 2, 3, 4));
    }

    private boolean nothingGivenUp(AlertDispatcher dispatcher, AlertDispatcher silentDispatcher) {
        boolean running = dispatcher.failure().isEmpty() && (silentDispatcher == null || silentDispatcher.failure().isEmpty());
        return running && metrics.find("flowwatch.webhook.dead.letters").counters().isEmpty();
    }

    /**
     * The latest an endpoint down for {@code spell} is tried again after it is back: the wait after an attempt is at
     * most twice the time failed so far plus the initial delay, and never above the cap (see the class comment).
     */
    static Duration scheduleBound(RetryPolicy retry, Duration spell) {
        Duration doubled = spell.multipliedBy(2).plus(retry.backoff().initial());
        return doubled.compareTo(retry.backoff().max()) < 0 ? doubled : retry.backoff().max();
    }

    private static String deliveredAfter(TestReceiver receiver, Instant back) {
        List<Instant> accepted = receiver.received().stream().filter(request -> request.answered() / 100 == 2)
                .map(TestReceiver.Received::at).sorted().toList();
        return String.format("%.1f-%.1f s", Duration.between(back, accepted.get(0)).toMillis() / 1000.0,
                Duration.between(back, accepted.get(accepted.size() - 1)).toMillis() / 1000.0);
    }

    private long parked(String endpoint) {
        return count("flowwatch.webhook.deliveries", endpoint, "outcome", "parked");
    }

    private long noAnswer(String endpoint) {
        return count("flowwatch.webhook.failures", endpoint, "reason", "no_answer");
    }

    private long count(String name, String endpoint, String tag, String value) {
        return (long) metrics.find(name).tags("endpoint", endpoint, tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private DispatchSettings settings(Map<String, String> overrides) {
        Map<String, String> flags = new HashMap<>(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(), "dispatch.allow.loopback", "true",
                "dispatch.group.prefix", "outage-" + run + "-" + UUID.randomUUID()));
        flags.putAll(overrides);
        return DispatchSettings.from(CommonSettings.loader().defaults(DispatchSettings.DEFAULTS).flags(flags).load());
    }

    private AlertDispatcher start(DispatchSettings settings, List<String> entries) {
        String yaml = "endpoints:\n" + String.join("", entries);
        return AlertDispatcher.start(settings, EndpointsFile.parse(yaml, settings.urlPolicy()), serdes, new DispatchMetrics(metrics));
    }

    private String entry(String name, int port) {
        return entry(name, URI.create("http://127.0.0.1:" + port + "/hook"));
    }

    private String entry(String name, URI url) {
        return """
                  - name: %s
                    url: %s
                    secret: %s
                    filter: {sites: [%s]}
                """.formatted(name, url, SECRET, site);
    }

    private static String alertId(String key) {
        return key.substring(0, key.lastIndexOf(':'));
    }

    private static int version(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
    }
}
