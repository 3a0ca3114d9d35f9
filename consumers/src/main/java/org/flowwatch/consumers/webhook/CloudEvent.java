package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.flowwatch.schemas.avro.Alert;

/**
 * A CloudEvents 1.0 event in structured JSON mode. Written with Jackson rather than the CloudEvents SDK: the
 * envelope is six fixed attributes, and the SDK would pull its own JSON and HTTP layers in for them.
 */
final class CloudEvent {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    static final String SOURCE = "urn:flowwatch:alerts";

    private CloudEvent() {
    }

    static Payload of(Alert alert) {
        ObjectNode event = AlertJson.MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", PayloadFormat.idempotencyKey(alert))
                .put("source", SOURCE)
                .put("type", "org.flowwatch.alert." + alert.getState().name().toLowerCase(Locale.ROOT))
                .put("subject", alert.getAlertId())
                .put("time", alert.getUpdatedAt().toString())
                .put("datacontenttype", AlertJson.CONTENT_TYPE);
        event.set("data", AlertJson.of(alert));
        return new Payload(CONTENT_TYPE, AlertJson.write(event));
    }
}
