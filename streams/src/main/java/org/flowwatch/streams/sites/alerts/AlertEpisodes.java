package org.flowwatch.streams.sites.alerts;

import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;

/**
 * The life of an alert episode: OPEN when a reading first leaves NORMAL, ESCALATED or DE_ESCALATED when its level
 * changes, RESOLVED when it is back to NORMAL. A reading at the episode's current level changes nothing, so each
 * state change is published once. Pure: tested without Kafka.
 */
public final class AlertEpisodes {

    private AlertEpisodes() {
    }

    /** Whether {@code episode} (a key's last, as the alert stores keep it; null for none) is still open. */
    public static boolean isOpen(Alert episode) {
        return episode != null && episode.getState() != AlertState.RESOLVED;
    }

    /** The episode's next version after {@code reading} at {@code level}, or empty when nothing changes. */
    public static Optional<Alert> next(Alert current, Level level, Reading reading) {
        Level now = Level.of(current);
        if (level == now) {
            return Optional.empty();
        }
        if (now == Level.NORMAL) {
            return Optional.of(open(level, reading, current));
        }
        AlertState state = level == Level.NORMAL ? AlertState.RESOLVED
                : level.isWorseThan(now) ? AlertState.ESCALATED : AlertState.DE_ESCALATED;
        return Optional.of(Alert.newBuilder(current)
                .setVersion(current.getVersion() + 1)
                .setState(state)
                .setSeverity(level == Level.NORMAL ? current.getSeverity() : level.severity())
                .setEndsAt(state == AlertState.RESOLVED ? reading.at() : null)
                .setUpdatedAt(reading.at())
                .setLabels(reading.labels()).setEvidence(reading.evidence()).setSummary(reading.summary().get())
                .build());
    }

    /**
     * The next episode of the reading's key ({@code last}: the one before it, resolved, or null). Its id names the key
     * and when it began, stable across its versions and new for the next episode, even one that begins at the instant
     * the last began (statuses stamped at the same hour's end can resolve and reopen it): receivers deduplicate on
     * id and version, so a reused id would drop the new OPEN.
     */
    private static Alert open(Level level, Reading reading, Alert last) {
        String began = reading.episodeKey() + "/" + reading.at();
        return Alert.newBuilder()
                .setAlertId(last == null ? began : nextId(began, last.getAlertId()))
                .setVersion(1)
                .setKind(reading.kind())
                .setSeverity(level.severity())
                .setState(AlertState.OPEN)
                .setStartsAt(reading.at())
                .setEndsAt(null)
                .setUpdatedAt(reading.at())
                .setLabels(reading.labels()).setEvidence(reading.evidence()).setSummary(reading.summary().get())
                .build();
    }

    // began, or began#2, #3, ... when the last episode of the key began at the same instant
    private static String nextId(String began, String lastId) {
        if (lastId.equals(began)) {
            return began + "#2";
        }
        if (lastId.startsWith(began + "#")) {
            return began + "#" + (Integer.parseInt(lastId.substring(began.length() + 1)) + 1);
        }
        return began;
    }
}
