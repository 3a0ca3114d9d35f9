package org.flowwatch.consumers.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One place alerts are delivered to, as read from the endpoints file.
 *
 * @param secret      Standard Webhooks secret ({@code whsec_} + base64); requests are signed when present
 * @param ratePerSecond at most this many requests a second to this endpoint
 * @param template    body template of the {@code template} format, with {@code {{placeholders}}}
 * @param firingHold  Alertmanager only: how long a firing alert stays firing without a further push
 */
public record Endpoint(String name, URI url, PayloadFormat format, Optional<String> secret, double ratePerSecond,
                       AlertFilter filter, Map<String, String> headers, Optional<String> template, String contentType,
                       Duration firingHold) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // The URL path of a Slack or Teams webhook is itself a credential: never print it, nor the secret.
        return "Endpoint[" + name + " " + format.name().toLowerCase() + " " + url.getScheme() + "://" + url.getHost() + "]";
    }
}
