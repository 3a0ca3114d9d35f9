package org.flowwatch.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;

/**
 * The life of alert episodes as the oracles (SURGE, CAPACITY) work it out, apart from the topology: an episode opens
 * (its id {@code <kind>/<scope>/<instant>}) when a reading first leaves NORMAL, escalates or de-escalates when its
 * level changes, resolves when it is back to NORMAL; a level rises at once and comes down only as far as the reading
 * is clearly back (moved worse by the rule's margin, still better). Each change is written as
 * {@code version state severity evidence}, per episode, in version order.
 */
final class OracleEpisodes {

    enum Level { NORMAL, WARNING, CRITICAL }

    private record Episode(String alertId, int version, Level level) {
    }

    private final String kind;
    private final Map<String, Episode> open = new TreeMap<>();
    private final Map<String, List<String>> changes = new TreeMap<>();

    OracleEpisodes(AlertKind kind) {
        this.kind = kind.name();
    }

    /**
     * Judges the episode of {@code scope} at {@code now}: {@code raw} is the reading's level, {@code clearlyBack} the
     * level of the reading moved worse by the margin, {@code evidence} the figure the alert reports.
     */
    void judge(String scope, Level raw, Level clearlyBack, long now, long evidence) {
        Episode episode = open.get(scope);
        Level was = episode == null ? Level.NORMAL : episode.level();
        Level next = raw.compareTo(was) >= 0 ? raw : max(raw, min(was, clearlyBack));
        if (next == was) {
            return;
        }
        String alertId = episode == null ? kind + "/" + scope + "/" + Instant.ofEpochMilli(now) : episode.alertId();
        int version = episode == null ? 1 : episode.version() + 1;
        String state = episode == null ? "OPEN" : next == Level.NORMAL ? "RESOLVED" : next.compareTo(was) > 0 ? "ESCALATED" : "DE_ESCALATED";
        Level severity = next == Level.NORMAL ? was : next;
        changes.computeIfAbsent(alertId, id -> new ArrayList<>()).add(version + " " + state + " " + severity + " " + evidence);
        if (next == Level.NORMAL) {
            open.remove(scope);
        } else {
            open.put(scope, new Episode(alertId, version, next));
        }
    }

    Set<String> openScopes() {
        return Set.copyOf(open.keySet());
    }

    Map<String, List<String>> changes() {
        return changes;
    }

    /** The same from the alerts an app raised: every change of every episode of {@code kind}, with {@code evidence}. */
    static Map<String, List<String>> raised(List<Alert> alerts, AlertKind kind, String evidence) {
        Map<String, List<String>> raised = new TreeMap<>();
        alerts.stream().filter(alert -> alert.getKind() == kind)
                .sorted(Comparator.comparing(Alert::getAlertId).thenComparing(Alert::getVersion))
                .forEach(alert -> raised.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>()).add(alert.getVersion() + " "
                        + alert.getState() + " " + alert.getSeverity() + " " + Math.round(alert.getEvidence().get(evidence))));
        return raised;
    }

    private static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Level min(Level a, Level b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
