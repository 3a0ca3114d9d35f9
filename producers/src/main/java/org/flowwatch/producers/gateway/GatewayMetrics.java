package org.flowwatch.producers.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway did, for Prometheus: {@code flowwatch_gateway_requests_total{outcome}} (stored, bad_request,
 * unauthorized, forbidden, too_large, unavailable, other), {@code flowwatch_gateway_crossings_total{result}}
 * (accepted: stored and acknowledged by Kafka; rejected: submissions refused for their content, one each, since a
 * refused body's crossings cannot be counted) and {@code flowwatch_gateway_post_last_seen_seconds{post}} (epoch
 * seconds of the post's last stored submission; posts are few, bound by the token file).
 */
public final class GatewayMetrics {

    private static final Map<Integer, String> OUTCOMES = Map.of(201, "stored", 400, "bad_request", 401, "unauthorized",
            403, "forbidden", 413, "too_large", 503, "unavailable");

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSeen = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics nobody reads (tests, tools that embed a gateway). */
    public static GatewayMetrics unread() {
        return new GatewayMetrics(new SimpleMeterRegistry());
    }

    void answered(int status) {
        String outcome = OUTCOMES.getOrDefault(status, "other");
        Counter.builder("flowwatch.gateway.requests").description("requests to the gateway by outcome")
                .tag("outcome", outcome).register(registry).increment();
        if (status == 400 || status == 403) {
            crossings("rejected", 1);
        }
    }

    void stored(String post, int crossings, Instant at) {
        crossings("accepted", crossings);
        lastSeen.computeIfAbsent(post, this::lastSeenGauge).set(at.getEpochSecond());
    }

    private void crossings(String result, int count) {
        Counter.builder("flowwatch.gateway.crossings").description("crossings stored (accepted) and submissions refused (rejected)")
                .tag("result", result).register(registry).increment(count);
    }

    private AtomicLong lastSeenGauge(String post) {
        AtomicLong seconds = new AtomicLong();
        Gauge.builder("flowwatch.gateway.post.last.seen.seconds", seconds, AtomicLong::get)
                .description("when the post's last submission was stored (epoch seconds)").tag("post", post).register(registry);
        return seconds;
    }
}
