package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.avro.Alert;

/** How an alert state change is written for an endpoint. */
public enum PayloadFormat {

    /** Our own JSON: the alert's fields as they are, plus the idempotency key. */
    JSON {
        @Override
        Payload render(Alert alert, Endpoint endpoint, Instant now) {
            ObjectNode json = AlertJson.of(alert);
            if (!endpoint.language().equals(Languages.ENGLISH)) {
                json.put("localizedSummary", endpoint.sentence(alert)).put("language", endpoint.language().getLanguage());
            }
            return AlertJson.payload(json);
        }
    },
    /** CloudEvents 1.0, structured mode: the envelope with our JSON as {@code data}. */
    CLOUDEVENTS {
        @Override
        Payload render(Alert alert, Endpoint endpoint, Instant now) {
            return CloudEvent.of(alert);
        }
    },
    /** A Slack incoming webhook message. */
    SLACK {
        @Override
        Payload render(Alert alert, Endpoint endpoint, Instant now) {
            return SlackMessage.of(alert, endpoint.sentence(alert));
        }
    },
    /** The endpoint's own body with {@code {{placeholders}}}: Microsoft Teams workflows, Mattermost, anything else. */
    TEMPLATE {
        @Override
        Payload render(Alert alert, Endpoint endpoint, Instant now) {
            return new Payload(endpoint.contentType(), BodyTemplate.parse(endpoint.template().orElseThrow())
                    .render(alert, endpoint.sentence(alert)));
        }
    },
    /** Prometheus Alertmanager's {@code POST /api/v2/alerts}: firing with startsAt, resolved with endsAt. */
    ALERTMANAGER {
        @Override
        Payload render(Alert alert, Endpoint endpoint, Instant now) {
            return AlertmanagerAlerts.of(alert, endpoint.firingHold());
        }
    };

    abstract Payload render(Alert alert, Endpoint endpoint, Instant now);

    /** The idempotency key of an alert state change: the same on every attempt and for every endpoint. */
    public static String idempotencyKey(Alert alert) {
        return AlertVersion.of(alert).key();
    }

    static PayloadFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", ""));
    }
}
