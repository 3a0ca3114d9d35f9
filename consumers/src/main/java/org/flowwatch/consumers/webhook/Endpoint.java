package org.flowwatch.consumers.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.i18n.AlertSentences;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.avro.Alert;

/**
 * One place alerts are delivered to, as read from the endpoints file.
 *
 * @param secret      Standard Webhooks secret ({@code whsec_} + base64); requests are signed when present
 * @param ratePerSecond at most this many requests a second to this endpoint
 * @param template    body template of the {@code template} format, with {@code {{placeholders}}}
 * @param firingHold  Alertmanager only: how long a firing alert stays firing without a further push
 * @param language    the language of the human sentence (hy, ru, en); {@code zone} writes its times
 */
public record Endpoint(String name, URI url, PayloadFormat format, Optional<String> secret, double ratePerSecond,
                       AlertFilter filter, Map<String, String> headers, Optional<String> template, String contentType,
                       Duration firingHold, Locale language, ZoneId zone) {

    /** An endpoint in English. */
    public Endpoint(String name, URI url, PayloadFormat format, Optional<String> secret, double ratePerSecond,
                    AlertFilter filter, Map<String, String> headers, Optional<String> template, String contentType,
                    Duration firingHold) {
        this(name, url, format, secret, ratePerSecond, filter, headers, template, contentType, firingHold,
                Languages.ENGLISH, OpsSettings.DEFAULT_TIME_ZONE);
    }

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(zone, "zone");
    }

    /** This endpoint writing times in the operation's {@code zone}. */
    public Endpoint inZone(ZoneId zone) {
        return new Endpoint(name, url, format, secret, ratePerSecond, filter, headers, template, contentType, firingHold,
                language, zone);
    }

    /** The alert's human sentence for this endpoint: the streams app's own summary in English, else {@link AlertSentences}. */
    String sentence(Alert alert) {
        return language.equals(Languages.ENGLISH) ? alert.getSummary() : AlertSentences.sentence(alert, language, zone);
    }

    @Override
    public String toString() {
        // The URL path of a Slack or Teams webhook is itself a credential: never print it, nor the secret.
        return "Endpoint[" + name + " " + format.name().toLowerCase() + " " + url.getScheme() + "://" + url.getHost() + "]";
    }
}
