package org.flowwatch.consumers.console;

import org.flowwatch.schemas.avro.Alert;

/** An alert change as one terminal line. */
public final class AlertLine {

    private AlertLine() {
    }

    /** e.g. "ALERT OPEN         WARNING  SHORTAGE    Goris: water covers 2.9 days ...". */
    public static String of(Alert alert) {
        return String.format("ALERT %-12s %-8s %-11s %s", alert.getState(), alert.getSeverity(), alert.getKind(), alert.getSummary());
    }
}
