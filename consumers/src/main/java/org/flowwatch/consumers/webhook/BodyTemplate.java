package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flowwatch.schemas.avro.Alert;

/**
 * A body with {@code {{placeholders}}}: {@code alertId version idempotencyKey kind severity state summary startsAt
 * endsAt updatedAt}, {@code labels.<name>} and {@code evidence.<name>}; for RUN_OUT {@code runsOutAt} (ISO-8601) and
 * {@code runOutBand} ("19-28 h"), and {@code facts}: RUN_OUT's and UNREPORTED's facts as one line ("Runs out: ...;
 * People: 1,840; ..."). Values are JSON-string escaped (without quotes), since templates are JSON in practice; a
 * missing label, evidence or fact renders empty.
 */
final class BodyTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    private static final Set<String> FIELDS = Set.of("alertId", "version", "idempotencyKey", "kind", "severity", "state",
            "summary", "startsAt", "endsAt", "updatedAt", "runsOutAt", "runOutBand", "facts");

    private final String text;

    private BodyTemplate(String text) {
        this.text = text;
    }

    /** Refuses a template naming an unknown placeholder, so a typo shows when the file is loaded, not in Teams. */
    static BodyTemplate parse(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!FIELDS.contains(name) && !name.startsWith("labels.") && !name.startsWith("evidence.")) {
                throw new IllegalArgumentException("unknown placeholder {{" + name + "}} (known: " + String.join(", ", FIELDS.stream().sorted().toList())
                        + ", labels.<name>, evidence.<name>)");
            }
        }
        return new BodyTemplate(text);
    }

    /** The body with {@code {{summary}}} = {@code sentence}, the alert's summary in the endpoint's language. */
    String render(Alert alert, String sentence) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(escaped(value(alert, match.group(1), sentence))));
    }

    private static String value(Alert alert, String name, String sentence) {
        if (name.startsWith("labels.")) {
            return alert.getLabels().getOrDefault(name.substring("labels.".length()), "");
        }
        if (name.startsWith("evidence.")) {
            Double value = alert.getEvidence().get(name.substring("evidence.".length()));
            return value == null ? "" : value.toString();
        }
        return switch (name) {
            case "alertId" -> alert.getAlertId();
            case "version" -> String.valueOf(alert.getVersion());
            case "idempotencyKey" -> PayloadFormat.idempotencyKey(alert);
            case "kind" -> alert.getKind().name();
            case "severity" -> alert.getSeverity().name();
            case "state" -> alert.getState().name();
            case "summary" -> sentence;
            case "startsAt" -> alert.getStartsAt().toString();
            case "endsAt" -> alert.getEndsAt() == null ? "" : alert.getEndsAt().toString();
            case "runsOutAt" -> Objects.requireNonNullElse(AlertFacts.runsOutAt(alert), "");
            case "runOutBand" -> Objects.requireNonNullElse(AlertFacts.band(alert), "");
            case "facts" -> AlertFacts.of(alert).entrySet().stream().map(fact -> fact.getKey() + ": " + fact.getValue())
                    .collect(Collectors.joining("; "));
            default -> alert.getUpdatedAt().toString();
        };
    }

    private static String escaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
