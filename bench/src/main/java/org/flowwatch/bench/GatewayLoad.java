package org.flowwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * Phones posting crossings to the gateway ({@code POST /v1/crossings}, JSON, the post's bearer token), each request
 * sent without waiting for the one before, as many phones would: the gateway answers 201 only once Kafka
 * acknowledged, so answers take a round trip to the broker and requests overlap.
 */
final class GatewayLoad implements MemoryPhase.CrossingSink {

    private static final int IN_FLIGHT = 256;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI crossings;
    private final Map<String, String> tokens;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Map<Integer, Long> answers = new ConcurrentHashMap<>();

    /** @param tokens bearer token by post id */
    GatewayLoad(int port, Map<String, String> tokens) {
        this.crossings = URI.create("http://127.0.0.1:" + port + "/v1/crossings");
        this.tokens = Map.copyOf(tokens);
    }

    @Override
    public void send(CrossingEvent crossing) throws InterruptedException {
        inFlight.acquire(); // past IN_FLIGHT unanswered requests the rate falls behind (reported), rather than piling up
        HttpRequest request = HttpRequest.newBuilder(crossings).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + tokens.get(crossing.getPostId()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EdgeCrossings.json(crossing))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            answers.merge(failure == null ? response.statusCode() : -1, 1L, Long::sum);
            inFlight.release();
        });
    }

    /** Waits for every answer; fails unless all were 201 (stored, acknowledged by Kafka). */
    @Override
    public void finish() throws InterruptedException {
        if (!inFlight.tryAcquire(IN_FLIGHT, ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway left " + (IN_FLIGHT - inFlight.availablePermits()) + " request(s) unanswered");
        }
        inFlight.release(IN_FLIGHT);
        Map<Integer, Long> byStatus = new TreeMap<>(answers);
        if (!byStatus.keySet().stream().allMatch(status -> status == 201)) {
            throw new IllegalStateException("the gateway did not store every crossing; answers by status (-1: no answer): " + byStatus);
        }
    }
}
