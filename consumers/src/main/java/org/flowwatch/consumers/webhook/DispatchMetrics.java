package org.flowwatch.consumers.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dispatcher's counters, tagged by endpoint: in Prometheus {@code flowwatch_webhook_deliveries_total{outcome}},
 * {@code flowwatch_webhook_retries_total}, {@code flowwatch_webhook_failures_total{reason}},
 * {@code flowwatch_webhook_dead_letters_total{reason}} and {@code flowwatch_webhook_endpoint_enabled}.
 */
public final class DispatchMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicBoolean> enabled = new ConcurrentHashMap<>();

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivered(String endpoint) {
        outcome(endpoint, "delivered");
    }

    void parked(String endpoint) {
        outcome(endpoint, "parked");
    }

    void deadLettered(String endpoint, String reason) {
        outcome(endpoint, "dead_lettered");
        Counter.builder("flowwatch.webhook.dead.letters").description("deliveries given up and written to the dead-letter topic")
                .tag("endpoint", endpoint).tag("reason", reason).register(registry).increment();
    }

    void failedAttempt(String endpoint, String reason) {
        Counter.builder("flowwatch.webhook.failures").description("attempts that did not deliver")
                .tag("endpoint", endpoint).tag("reason", reason).register(registry).increment();
    }

    void retried(String endpoint) {
        Counter.builder("flowwatch.webhook.retries").description("attempts after the first")
                .tag("endpoint", endpoint).register(registry).increment();
    }

    void undecodable(String endpoint) {
        Counter.builder("flowwatch.webhook.undecodable").description("input records that could not be decoded and were skipped")
                .tag("endpoint", endpoint).register(registry).increment();
    }

    /** The flag behind the endpoint's gauge, set again to true: a restarted worker starts enabled. */
    AtomicBoolean enabledFlag(String endpoint) {
        AtomicBoolean flag = enabled.computeIfAbsent(endpoint, name -> {
            AtomicBoolean created = new AtomicBoolean();
            Gauge.builder("flowwatch.webhook.endpoint.enabled", created, value -> value.get() ? 1 : 0)
                    .description("1 while the endpoint receives alerts, 0 once it answered 410 Gone")
                    .tag("endpoint", name).register(registry);
            return created;
        });
        flag.set(true);
        return flag;
    }

    private void outcome(String endpoint, String outcome) {
        Counter.builder("flowwatch.webhook.deliveries").description("alert state changes handled per endpoint, by outcome")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
    }
}
