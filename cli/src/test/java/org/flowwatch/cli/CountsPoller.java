package org.flowwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user of the count queries: asks one instance over HTTP for daily counts, over and over while instances or
 * brokers come and go, and keeps every status it got. Also reads the counts once for the final comparison.
 */
final class CountsPoller implements AutoCloseable {

    private static final ZoneId ARMENIA = ZoneId.of("Asia/Yerevan");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger stale = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();

    /** Polls {@code port} every {@code every}, taking the queries in turn. */
    void pollThroughout(int port, List<String> queries, Duration every) {
        schedule.scheduleWithFixedDelay(() -> pollOnce(port, queries.get(next.getAndIncrement() % queries.size())),
                0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollOnce(int port, String query) {
        try {
            HttpResponse<String> response = get(port, query);
            statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
            response.headers().firstValue("X-Flowwatch-Copy").ifPresent(copy -> stale.incrementAndGet());
            if (response.statusCode() != 200) {
                failures.add(response.statusCode() + " " + query + " " + response.body());
            }
        } catch (IOException e) {
            statuses.computeIfAbsent(-1, status -> new AtomicInteger()).incrementAndGet();
            failures.add("no answer " + query + " " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers per HTTP status (-1: no answer at all). */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Answers that came from a copy that may lag (a standby or restoring store). */
    int staleAnswers() {
        return stale.get();
    }

    /** People per local day in Armenia as one instance answers {@code query} (day granularity) from an up-to-date store. */
    Map<LocalDate, Long> peopleByDay(int port, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, query);
        if (response.statusCode() != 200 || response.headers().firstValue("X-Flowwatch-Copy").isPresent()) {
            throw new AssertionError(response.statusCode() + " from " + query + " " + response.headers().map() + ": " + response.body());
        }
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (JsonNode window : json.readTree(response.body()).get("windows")) {
            byDay.put(LocalDate.ofInstant(Instant.parse(window.get("windowStart").asText()), ARMENIA), window.get("people").asLong());
        }
        return byDay;
    }

    private HttpResponse<String> get(int port, String query) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + query);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        schedule.shutdown();
        schedule.awaitTermination(30, TimeUnit.SECONDS);
    }
}
