package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;

/**
 * A Slack incoming-webhook message: a one-line text (shown in notifications) and a section with the labels; for
 * RUN_OUT and UNREPORTED the section's fields carry the projection and the people concerned ({@link AlertFacts}).
 */
final class SlackMessage {

    private SlackMessage() {
    }

    /** The message with {@code sentence} (the alert's summary in the endpoint's language) as its human text. */
    static Payload of(Alert alert, String sentence) {
        String headline = icon(alert) + " *" + alert.getSeverity() + "* " + alert.getKind().name().toLowerCase(Locale.ROOT)
                + " " + verb(alert.getState()) + ": " + sentence;
        String labels = alert.getLabels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(", "));
        ObjectNode message = AlertJson.MAPPER.createObjectNode().put("text", headline);
        ObjectNode section = message.putArray("blocks").addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn")
                .put("text", headline + "\n" + labels + " (alert " + PayloadFormat.idempotencyKey(alert) + ")");
        Map<String, String> facts = AlertFacts.of(alert);
        if (!facts.isEmpty()) {
            ArrayNode fields = section.putArray("fields"); // Slack shows at most 10, two to a row
            facts.entrySet().stream().limit(10).forEach(fact -> fields.addObject().put("type", "mrkdwn")
                    .put("text", "*" + fact.getKey() + "*\n" + fact.getValue()));
        }
        return AlertJson.payload(message);
    }

    private static String icon(Alert alert) {
        if (alert.getState() == AlertState.RESOLVED) {
            return ":white_check_mark:";
        }
        return switch (alert.getSeverity()) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":large_orange_circle:";
            case INFO -> ":large_blue_circle:";
        };
    }

    private static String verb(AlertState state) {
        return switch (state) {
            case OPEN -> "opened";
            case ESCALATED -> "escalated";
            case DE_ESCALATED -> "de-escalated";
            case RESOLVED -> "resolved";
        };
    }
}
