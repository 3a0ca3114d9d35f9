package org.flowwatch.consumers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.flowwatch.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an endpoint answers, as its attempts find: one WARN line when it stops (refused, unreachable, timed out,
 * 408/425/429/5xx) and one when it answers again, never one per retry; the metrics count each attempt. Any answer
 * that is not worth retrying (2xx, 410, another 4xx) counts as answering.
 */
final class EndpointHealth {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointHealth.class);

    private final String endpoint;
    private final Clock clock;
    private Instant failingSince;
    private int failedAttempts;

    EndpointHealth(String endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** True when this attempt changed the endpoint's state (and a line was logged). */
    boolean attempted(AttemptResult result) {
        boolean failed = result.kind() == AttemptResult.Kind.RETRY;
        boolean changed = failed == (failingSince == null);
        if (changed && failed) {
            failingSince = clock.instant();
            LOG.warn("endpoint {}: not delivering ({}); alerts are retried with backoff and parked in {}, none is dropped "
                    + "before dispatch.give.up.after", endpoint, result.error(), Topics.WEBHOOK_RETRIES.name());
        } else if (changed) {
            LOG.warn("endpoint {}: answering again ({}) after {} failed attempt(s) over {} s", endpoint,
                    result.status().map(status -> "HTTP " + status).orElse(result.kind().name()), failedAttempts,
                    Duration.between(failingSince, clock.instant()).toSeconds());
            failingSince = null;
            failedAttempts = 0;
        }
        if (failed) {
            failedAttempts++;
        }
        return changed;
    }
}
