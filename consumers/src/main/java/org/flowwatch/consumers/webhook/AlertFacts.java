package org.flowwatch.consumers.webhook;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;

/**
 * What a RUN_OUT or UNREPORTED alert says beyond its summary, read from its evidence and labels: the projected
 * run-out (as an ISO-8601 time, hours from the alert's update and the band), the people concerned, the items never
 * reported. Every payload format shows these the same way; other kinds have none.
 */
final class AlertFacts {

    /** Evidence keys of a RUN_OUT alert (the sites app's contract). */
    static final String HOURS = "hoursToRunOut";
    static final String RUNS_OUT_AT = "runsOutAtEpochSeconds";
    static final String EARLIEST = "earliestHours";
    static final String LATEST = "latestHours";
    static final String ITEMS = "items";
    static final String HOURS_UNREPORTED = "hoursUnreported";
    /** Evidence keys of the people concerned, with their titles, in reading order. */
    private static final List<Map.Entry<String, String>> PEOPLE = List.of(Map.entry("unaccompaniedChildren", "Unaccompanied children"),
            Map.entry("disabled", "People with disabilities"), Map.entry("needsMedicalCare", "Needing medical care"),
            Map.entry("pregnant", "Pregnant women"), Map.entry("over60", "Over 60"));

    private AlertFacts() {
    }

    /** The projected run-out as ISO-8601 UTC, or null when the alert carries none. */
    static String runsOutAt(Alert alert) {
        Double seconds = finite(alert, RUNS_OUT_AT);
        return seconds == null ? null : Instant.ofEpochSecond(seconds.longValue()).toString();
    }

    /** e.g. "19-28 h", "19 h to beyond the horizon"; null without an earliest hour. */
    static String band(Alert alert) {
        Double earliest = finite(alert, EARLIEST);
        if (earliest == null) {
            return null;
        }
        Double latest = finite(alert, LATEST);
        return latest == null ? hours(earliest) + " h to beyond the horizon" : hours(earliest) + "-" + hours(latest) + " h";
    }

    /** UNREPORTED: the item ids never reported, from the comma-separated label. */
    static List<String> unreportedItems(Alert alert) {
        String items = alert.getLabels().get(ITEMS);
        return items == null || items.isBlank() ? List.of() : Arrays.stream(items.split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList();
    }

    /** Titled, human-readable facts in reading order; empty for kinds other than RUN_OUT and UNREPORTED. */
    static Map<String, String> of(Alert alert) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (alert.getKind() == AlertKind.RUN_OUT) {
            Double hours = finite(alert, HOURS);
            String at = runsOutAt(alert);
            if (at != null || hours != null) {
                facts.put("Runs out", (at == null ? "" : at + " ") + (hours == null ? "" : "(in ~" + hours(hours) + " h)"));
            }
            putIfPresent(facts, "Band", band(alert));
            putCount(facts, "Stock left", alert, "stock");
        } else if (alert.getKind() == AlertKind.UNREPORTED) {
            putIfPresent(facts, "Not reported", unreportedItems(alert).isEmpty() ? null : String.join(", ", unreportedItems(alert)));
            Double since = finite(alert, HOURS_UNREPORTED);
            putIfPresent(facts, "For", since == null ? null : hours(since) + " h");
        } else {
            return facts;
        }
        putCount(facts, "People", alert, "population");
        PEOPLE.forEach(people -> putCount(facts, people.getValue(), alert, people.getKey()));
        facts.replaceAll((title, value) -> value.strip());
        return facts;
    }

    private static void putCount(Map<String, String> facts, String title, Alert alert, String key) {
        Double value = finite(alert, key);
        if (value != null && value > 0) {
            facts.put(title, NumberFormat.getIntegerInstance(Locale.ROOT).format(Math.round(value)));
        }
    }

    private static void putIfPresent(Map<String, String> facts, String title, String value) {
        if (value != null) {
            facts.put(title, value);
        }
    }

    private static Double finite(Alert alert, String key) {
        Double value = alert.getEvidence().get(key);
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static String hours(double hours) {
        return String.valueOf(Math.round(hours));
    }
}
