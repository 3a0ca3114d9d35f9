package org.flowwatch.consumers.webhook;

import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;

/**
 * One state change of an alert as its idempotency key names it, {@code <alertId>:<version>}: the same on every
 * attempt and for every endpoint. Written and read back here only, so the two cannot drift apart.
 */
record AlertVersion(String alertId, int number) {

    static AlertVersion of(Alert alert) {
        return new AlertVersion(alert.getAlertId(), alert.getVersion());
    }

    String key() {
        return alertId + ":" + number;
    }

    /** A key read back (from a parked delivery or its header); empty if it is not one of ours. */
    static Optional<AlertVersion> parse(String key) {
        int colon = key.lastIndexOf(':');
        try {
            return Optional.of(new AlertVersion(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1))));
        } catch (IndexOutOfBoundsException | NumberFormatException notAKey) {
            return Optional.empty();
        }
    }
}
