package org.flowwatch.consumers.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;

/**
 * Sends one attempt of one alert state change to one endpoint: renders the payload, adds the idempotency key and
 * (with a secret) the Standard Webhooks signature, and classifies the answer. Redirects are never followed, so a
 * public URL cannot bounce the request into a private network.
 */
final class WebhookSender {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;
    private final UrlPolicy policy;

    WebhookSender(Duration timeout, UrlPolicy policy, Clock clock) {
        this.policy = policy;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    AttemptResult send(Endpoint endpoint, Alert alert) throws InterruptedException {
        Optional<String> refused = policy.refusal(endpoint.url());
        if (refused.isPresent()) {
            return AttemptResult.refused("url refused: " + refused.get());
        }
        Payload payload = endpoint.format().render(alert, endpoint, clock.instant());
        String key = PayloadFormat.idempotencyKey(alert);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url()).timeout(timeout)
                .header("Content-Type", payload.contentType())
                .header(IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(payload.body()));
        endpoint.headers().forEach(request::header);
        endpoint.secret().ifPresent(secret -> new StandardWebhookSigner(secret)
                .headers(key, clock.instant(), payload.body()).forEach(request::header));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return AttemptResult.ofStatus(response.statusCode(),
                    Backoff.retryAfter(response.headers().firstValue("Retry-After"), clock.instant()));
        } catch (HttpTimeoutException e) {
            return AttemptResult.noAnswer("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return AttemptResult.noAnswer(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
