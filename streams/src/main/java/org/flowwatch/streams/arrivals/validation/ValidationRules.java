package org.flowwatch.streams.arrivals.validation;

import java.time.Duration;

/**
 * The limits a crossing or heartbeat must respect (settings {@code crossings.*}).
 *
 * @param maxPeople       largest group a post can record in one crossing
 * @param futureTolerance how far occurredAt may be ahead of the record's timestamp (clock drift of a post's device)
 * @param maxAge          how far before stream time an event may have happened; at most the dedupe horizon
 */
public record ValidationRules(int maxPeople, Duration futureTolerance, Duration maxAge) {

    public ValidationRules {
        if (maxPeople < 1) {
            throw new IllegalArgumentException("crossings.max.people must be at least 1");
        }
    }
}
