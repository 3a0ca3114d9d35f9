package org.flowwatch.consumers.sms;

import java.time.Instant;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;

/** Test data: alert state changes for SMS recipients. */
final class SmsAlerts {

    static final Instant T0 = Instant.parse("2023-09-25T10:00:00Z");

    private SmsAlerts() {
    }

    static Alert anAlert(String id, String site, AlertKind kind, Severity severity) {
        return anAlert(id, site, kind, severity, "Goris: water covers 0.8 days for 12,400 people");
    }

    static Alert anAlert(String id, String site, AlertKind kind, Severity severity, String summary) {
        return Alert.newBuilder().setAlertId(id).setVersion(1).setKind(kind).setSeverity(severity).setState(AlertState.OPEN)
                .setStartsAt(T0).setEndsAt(null).setUpdatedAt(T0)
                .setLabels(Map.of("site", site, "region", "AM-SU", "item", "water"))
                .setEvidence(Map.of("daysOfCover", 0.8)).setSummary(summary).build();
    }
}
