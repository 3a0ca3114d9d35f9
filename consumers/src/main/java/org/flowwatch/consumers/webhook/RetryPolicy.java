package org.flowwatch.consumers.webhook;

import java.time.Duration;

/**
 * How hard to try. A few quick attempts happen in the worker ({@code inlineAttempts}, each wait at most
 * {@code inlineMaxWait}); after that the delivery is parked in the retry topic, so the worker moves on, until
 * {@code giveUpAfter} from the first attempt, when it goes to the dead-letter topic.
 */
public record RetryPolicy(Backoff backoff, int inlineAttempts, Duration inlineMaxWait, Duration giveUpAfter) {
}
