package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}: an array of alerts identified by their label set.
 *
 * <p>Alertmanager resolves a firing alert by itself when its endsAt passes, and we push only on state changes, so
 * a firing alert carries endsAt = updatedAt + the endpoint's firing hold. Severity is a label (routes use it), so
 * a severity change would leave the old label set firing: an escalation also resolves the other severities. Values
 * that change within an episode are annotations, never labels: the evidence (with RUN_OUT's projection also as
 * {@code runs_out_at}, ISO-8601, and {@code run_out_band}) and UNREPORTED's {@code items}.
 */
final class AlertmanagerAlerts {

    /** Labels whose value changes within an episode (UNREPORTED's items): annotations, or the alert would split. */
    private static final Set<String> CHANGING_LABELS = Set.of(AlertFacts.ITEMS);

    private AlertmanagerAlerts() {
    }

    static Payload of(Alert alert, Duration firingHold) {
        ArrayNode alerts = AlertJson.MAPPER.createArrayNode();
        boolean resolved = alert.getState() == AlertState.RESOLVED;
        Instant endsAt = resolved ? resolvedAt(alert) : alert.getUpdatedAt().plus(firingHold);
        alerts.add(entry(alert, alert.getSeverity(), endsAt));
        if (alert.getState() == AlertState.ESCALATED || alert.getState() == AlertState.DE_ESCALATED) {
            for (Severity other : Severity.values()) {
                if (other != alert.getSeverity()) {
                    alerts.add(entry(alert, other, alert.getUpdatedAt()));
                }
            }
        }
        return AlertJson.payload(alerts);
    }

    private static ObjectNode entry(Alert alert, Severity severity, Instant endsAt) {
        ObjectNode entry = AlertJson.MAPPER.createObjectNode();
        ObjectNode labels = entry.putObject("labels");
        new TreeMap<>(alert.getLabels()).forEach((name, value) -> {
            if (!CHANGING_LABELS.contains(name)) {
                labels.put(labelName(name), value);
            }
        });
        labels.put("alertname", "flowwatch_" + alert.getKind().name().toLowerCase(Locale.ROOT))
                .put("alert_id", alert.getAlertId())
                .put("severity", severity.name().toLowerCase(Locale.ROOT));
        ObjectNode annotations = entry.putObject("annotations")
                .put("summary", alert.getSummary())
                .put("state", alert.getState().name())
                .put("version", String.valueOf(alert.getVersion()));
        new TreeMap<>(alert.getEvidence()).forEach((name, value) -> annotations.put(labelName(name), value.toString()));
        CHANGING_LABELS.stream().filter(alert.getLabels()::containsKey)
                .forEach(name -> annotations.put(labelName(name), alert.getLabels().get(name)));
        putIfPresent(annotations, "runs_out_at", AlertFacts.runsOutAt(alert));
        putIfPresent(annotations, "run_out_band", AlertFacts.band(alert));
        entry.put("startsAt", alert.getStartsAt().toString()).put("endsAt", endsAt.toString());
        return entry;
    }

    private static void putIfPresent(ObjectNode annotations, String name, String value) {
        if (value != null) {
            annotations.put(name, value);
        }
    }

    private static Instant resolvedAt(Alert alert) {
        return alert.getEndsAt() != null ? alert.getEndsAt() : alert.getUpdatedAt();
    }

    /** Alertmanager label names match {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static String labelName(String name) {
        String cleaned = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(cleaned.isEmpty() ? '0' : cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }
}
