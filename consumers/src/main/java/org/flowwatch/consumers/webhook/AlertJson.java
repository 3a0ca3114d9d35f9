package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.Alert;

/** Our JSON form of an alert state change: field names as in the Avro contract, times as ISO-8601 UTC. */
final class AlertJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json";

    private AlertJson() {
    }

    static ObjectNode of(Alert alert) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("alertId", alert.getAlertId())
                .put("version", alert.getVersion())
                .put("idempotencyKey", PayloadFormat.idempotencyKey(alert))
                .put("kind", alert.getKind().name())
                .put("severity", alert.getSeverity().name())
                .put("state", alert.getState().name())
                .put("startsAt", alert.getStartsAt().toString())
                .put("endsAt", alert.getEndsAt() == null ? null : alert.getEndsAt().toString())
                .put("updatedAt", alert.getUpdatedAt().toString())
                .put("summary", alert.getSummary());
        json.set("labels", MAPPER.valueToTree(new TreeMap<>(alert.getLabels())));
        json.set("evidence", MAPPER.valueToTree(new TreeMap<>(alert.getEvidence())));
        return json;
    }

    static Payload payload(Object json) {
        return new Payload(CONTENT_TYPE, write(json));
    }

    static String write(Object json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
