package org.flowwatch.streams.arrivals.validation;

import java.time.Duration;

/**
 * The times a record is checked against: its own record timestamp (when the sender stamped it) and the stream time
 * of its task (the latest record timestamp seen). Never the wall clock, so a replay of 2023 validates as it did live.
 */
public record RecordTimes(long recordTimestamp, long streamTime) {

    /** More than {@code tolerance} ahead of the record's own timestamp: a post's clock is wrong. */
    boolean isFuture(long eventTime, Duration tolerance) {
        return eventTime > recordTimestamp + tolerance.toMillis();
    }

    /** Older than {@code maxAge} before stream time: beyond what dedupe remembers, so counting it could count twice. */
    boolean isBeforeHorizon(long eventTime, Duration maxAge) {
        return streamTime > 0 && eventTime < streamTime - maxAge.toMillis();
    }
}
