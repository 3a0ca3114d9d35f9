package org.flowwatch.consumers.webhook;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;

/**
 * Sends one attempt of one alert state change to one endpoint: renders the payload, adds the idempotency key and
 * (with a secret) the Standard Webhooks signature; {@link HttpAttempts} sends it and classifies the answer.
 */
final class WebhookSender {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpAttempts http;
    private final Clock clock;
    private final UrlPolicy policy;

    WebhookSender(Duration timeout, UrlPolicy policy, Clock clock) {
        this.policy = policy;
        this.http = new HttpAttempts(timeout, clock);
        this.clock = clock;
    }

    AttemptResult send(Endpoint endpoint, Alert alert) throws InterruptedException {
        Optional<String> refused = policy.refusal(endpoint.url());
        if (refused.isPresent()) {
            return AttemptResult.refused("url refused: " + refused.get());
        }
        Payload payload = endpoint.format().render(alert, endpoint, clock.instant());
        String key = PayloadFormat.idempotencyKey(alert);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
                .header("Content-Type", payload.contentType())
                .header(IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(payload.body()));
        endpoint.headers().forEach(request::header);
        endpoint.secret().ifPresent(secret -> new StandardWebhookSigner(secret)
                .headers(key, clock.instant(), payload.body()).forEach(request::header));
        return http.send(request).result();
    }
}
