package org.flowwatch.streams.sites.alerts;

import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;

/** How bad a reading is: NORMAL (no episode), or the severity an episode should have. Ordered from best to worst. */
public enum Level {
    NORMAL, WARNING, CRITICAL;

    /** The level an episode stands at now: NORMAL when there is none or it has resolved. */
    public static Level of(Alert episode) {
        if (episode == null || episode.getState() == AlertState.RESOLVED) {
            return NORMAL;
        }
        return episode.getSeverity() == Severity.CRITICAL ? CRITICAL : WARNING;
    }

    Severity severity() {
        return this == CRITICAL ? Severity.CRITICAL : Severity.WARNING;
    }

    boolean isWorseThan(Level other) {
        return compareTo(other) > 0;
    }
}
