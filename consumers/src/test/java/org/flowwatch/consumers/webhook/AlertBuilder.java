package org.flowwatch.consumers.webhook;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;

/** Test data: an alert state change with sensible defaults. */
final class AlertBuilder {

    static final Instant T0 = Instant.parse("2023-09-25T10:00:00Z");

    private String id = "shortage/goris-1/water";
    private int version = 1;
    private AlertKind kind = AlertKind.SHORTAGE;
    private Severity severity = Severity.CRITICAL;
    private AlertState state = AlertState.OPEN;
    private Instant endsAt;
    private final Map<String, String> labels = new HashMap<>(Map.of("site", "goris-1", "region", "AM-SU", "item", "water"));
    private Map<String, Double> evidence = Map.of("daysOfCover", 0.8, "population", 12400.0);
    private String summary = "Goris: water covers 0.8 days for 12,400 people";

    static AlertBuilder anAlert() {
        return new AlertBuilder();
    }

    AlertBuilder id(String id) {
        this.id = id;
        return this;
    }

    AlertBuilder version(int version) {
        this.version = version;
        return this;
    }

    AlertBuilder severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    AlertBuilder state(AlertState state) {
        this.state = state;
        return this;
    }

    AlertBuilder resolvedAt(Instant endsAt) {
        this.state = AlertState.RESOLVED;
        this.endsAt = endsAt;
        return this;
    }

    AlertBuilder site(String site) {
        labels.put("site", site);
        return this;
    }

    AlertBuilder region(String region) {
        labels.put("region", region);
        return this;
    }

    /** A RUN_OUT of water at Goris in ~23 h (2023-09-26T09:00Z), band 19-28 h, as the sites app raises it. */
    AlertBuilder waterRunsOut() {
        kind = AlertKind.RUN_OUT;
        id = "RUN_OUT/goris-1/water";
        evidence = Map.of("hoursToRunOut", 23.0, "runsOutAtEpochSeconds", (double) T0.plusSeconds(23 * 3600).getEpochSecond(),
                "earliestHours", 19.0, "latestHours", 28.0, "stock", 4200.0, "population", 1840.0, "warningHours", 48.0,
                "criticalHours", 24.0, "unaccompaniedChildren", 37.0, "over60", 0.0);
        summary = "Goris reception centre: water runs out in ~23 h (Tue 14:00); 1,840 people there, 37 unaccompanied children";
        return this;
    }

    /** An UNREPORTED alert: Goris never reported fuel and hygiene kits. */
    AlertBuilder itemsUnreported(String items) {
        kind = AlertKind.UNREPORTED;
        id = "UNREPORTED/goris-1";
        labels.remove("item");
        labels.put("items", items);
        evidence = Map.of("population", 1840.0, "hoursUnreported", 30.0);
        summary = "Goris reception centre: " + items + " never reported; 1,840 people there";
        return this;
    }

    AlertBuilder evidence(Map<String, Double> evidence) {
        this.evidence = evidence;
        return this;
    }

    Alert build() {
        return Alert.newBuilder().setAlertId(id).setVersion(version).setKind(kind).setSeverity(severity).setState(state)
                .setStartsAt(T0).setEndsAt(endsAt).setUpdatedAt(T0.plusSeconds(60L * version))
                .setLabels(new HashMap<>(labels)).setEvidence(new HashMap<>(evidence))
                .setSummary(summary).build();
    }
}
