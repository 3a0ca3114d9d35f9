package org.flowwatch.consumers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The per-endpoint rate limit. An endpoint's worker sends one request at a time, so pacing is one "next allowed"
 * instant; a token-bucket library would add a dependency for what these lines do.
 */
final class PacedRequests {

    private final Duration spacing;
    private final Clock clock;
    private Instant nextAllowed = Instant.MIN;

    PacedRequests(double perSecond, Clock clock) {
        this.spacing = Duration.ofNanos((long) (1_000_000_000L / perSecond));
        this.clock = clock;
    }

    /** How long to wait before the next request may go; reserves that slot. */
    Duration reserve() {
        Instant now = clock.instant();
        Instant slot = nextAllowed.isAfter(now) ? nextAllowed : now;
        nextAllowed = slot.plus(spacing);
        return Duration.between(now, slot);
    }
}
