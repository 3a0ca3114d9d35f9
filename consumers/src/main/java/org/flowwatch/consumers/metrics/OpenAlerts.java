package org.flowwatch.consumers.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;

/**
 * The alerts open right now, from their state changes: the latest change of each alert wins, a resolved one is
 * forgotten. Gauges {@code flowwatch_alerts_open{kind,severity}} read it, one per kind and severity (zero included,
 * so a dashboard shows 0 rather than "no data").
 */
public final class OpenAlerts {

    private final Map<String, Alert> open = new HashMap<>();

    public synchronized void apply(Alert change) {
        Alert known = open.get(change.getAlertId());
        if (known != null && known.getVersion() > change.getVersion()) {
            return; // an older change read after a newer one: ignore it
        }
        if (change.getState() == AlertState.RESOLVED) {
            open.remove(change.getAlertId());
        } else {
            open.put(change.getAlertId(), change);
        }
    }

    /** An alert gone from the current-alerts topic (its tombstone: resolved). */
    public synchronized void forget(String alertId) {
        open.remove(alertId);
    }

    /** The open alerts, most severe first, then the oldest first. */
    public synchronized List<Alert> all() {
        return open.values().stream().sorted(Comparator.comparing(Alert::getSeverity).reversed()
                .thenComparing(Alert::getStartsAt)).toList();
    }

    public synchronized long count(AlertKind kind, Severity severity) {
        return open.values().stream().filter(alert -> alert.getKind() == kind && alert.getSeverity() == severity).count();
    }

    public void register(MeterRegistry registry) {
        for (AlertKind kind : AlertKind.values()) {
            for (Severity severity : Severity.values()) {
                Gauge.builder("flowwatch.alerts.open", this, alerts -> alerts.count(kind, severity))
                        .description("alerts not resolved, by kind and severity")
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                        .tag("severity", severity.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
    }
}
