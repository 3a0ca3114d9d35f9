package org.flowwatch.consumers.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 as a real one would be written: it checks the Standard Webhooks signature with
 * its own code (not the dispatcher's), answers as the test scripts it, and dedupes by idempotency key.
 */
final class TestReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(Instant at, String idempotencyKey, String body, boolean signatureValid, int answered, Duration delay) {
    }

    /** What to answer: a status, an optional Retry-After, and how long to take over it (a slow endpoint). */
    record Answer(int status, String retryAfter, Duration delay) {
        Answer(int status, String retryAfter) {
            this(status, retryAfter, Duration.ZERO);
        }

        static Answer ok() {
            return new Answer(200, null);
        }

        static Answer status(int status) {
            return new Answer(status, null);
        }

        static Answer slowly(Duration delay) {
            return new Answer(200, null, delay);
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private volatile Function<Integer, Answer> script = attempt -> Answer.ok();

    TestReceiver(String secret) {
        this(secret, 0);
    }

    /** On this port of 127.0.0.1 (0: any free one), e.g. where an endpoint was down. */
    TestReceiver(String secret, int port) {
        this.secret = secret;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The answer to the n-th request (1-based). */
    TestReceiver answering(Function<Integer, Answer> script) {
        this.script = script;
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Idempotency keys answered 2xx, with how often each was: a receiver that dedupes keeps one of each. */
    Map<String, Integer> acceptedKeys() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        accepted.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int attempt;
        synchronized (this) {
            attempt = received.size() + 1;
        }
        Answer answer = script.apply(attempt);
        synchronized (this) {
            received.add(new Received(Instant.now(), key, body, signatureValid(exchange, body), answer.status(), answer.delay()));
        }
        pause(answer.delay());
        if (answer.status() / 100 == 2) {
            accepted.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    // The slowness under test, not a wait for a condition: a slow endpoint holds the request (and, like a small
    // server with one worker, the ones behind it) for this long before it answers.
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // The Standard Webhooks check, written from the specification: HMAC-SHA256 over "id.timestamp.body".
    private boolean signatureValid(HttpExchange exchange, String body) {
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300;
            return fresh && List.of(signatures.split(" ")).contains(expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
