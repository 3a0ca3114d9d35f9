package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;

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
        if (alert.getKind() == AlertKind.RUN_OUT) {
            json.set("projection", projection(alert));
        } else if (alert.getKind() == AlertKind.UNREPORTED) {
            AlertFacts.unreportedItems(alert).forEach(json.putArray("unreportedItems")::add);
        }
        return json;
    }

    /** RUN_OUT: when (ISO-8601), in how many hours and the band; a bound beyond the horizon is null. */
    private static ObjectNode projection(Alert alert) {
        return MAPPER.createObjectNode()
                .put("runsOutAt", AlertFacts.runsOutAt(alert))
                .put("hoursToRunOut", alert.getEvidence().get(AlertFacts.HOURS))
                .put("earliestHours", alert.getEvidence().get(AlertFacts.EARLIEST))
                .put("latestHours", alert.getEvidence().get(AlertFacts.LATEST))
                .put("band", AlertFacts.band(alert));
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
