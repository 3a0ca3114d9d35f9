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

    /** The episode's next version after {@code reading} at {@code level}, or empty when nothing changes. */
    public static Optional<Alert> next(Alert current, Level level, Reading reading) {
        Level now = Level.of(current);
        if (level == now) {
            return Optional.empty();
        }
        if (now == Level.NORMAL) {
            return Optional.of(open(level, reading));
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

    // The id names the episode and when it began: stable across its versions, new for the next episode.
    private static Alert open(Level level, Reading reading) {
        return Alert.newBuilder()
                .setAlertId(reading.episodeKey() + "/" + reading.at())
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
}
