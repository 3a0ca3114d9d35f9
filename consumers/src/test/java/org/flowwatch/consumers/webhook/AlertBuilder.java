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

    AlertBuilder kind(AlertKind kind) {
        this.kind = kind;
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

    Alert build() {
        return Alert.newBuilder().setAlertId(id).setVersion(version).setKind(kind).setSeverity(severity).setState(state)
                .setStartsAt(T0).setEndsAt(endsAt).setUpdatedAt(T0.plusSeconds(60L * version))
                .setLabels(new HashMap<>(labels)).setEvidence(Map.of("daysOfCover", 0.8, "population", 12400.0))
                .setSummary("Goris: water covers 0.8 days for 12,400 people").build();
    }
}
