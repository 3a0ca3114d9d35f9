package org.flowwatch.consumers.webhook;

import java.time.Duration;
import java.time.Instant;
import org.flowwatch.schemas.avro.WebhookDelivery;

/**
 * The delivery state machine, on its own: from one attempt's result, the attempts made so far and the clock, what
 * happens next to a delivery (delivered, tried again here after a short wait, parked in the retry topic until a
 * time, or dead-lettered with a reason). No Kafka and no waiting: {@link EndpointWorker} carries the decision out.
 */
final class DeliveryRules {

    /** What comes after an attempt. */
    enum Step {
        /** The endpoint took it: done. */
        DELIVERED,
        /** Wait {@link Next#pause()} here and attempt again. */
        RETRY_INLINE,
        /** Write it to the retry topic, due at {@link Next#due()}; the worker moves on. */
        PARK,
        /** Give it up to the dead-letter topic with {@link Next#reason()}. */
        DEAD_LETTER,
        /** The endpoint is gone for good (410): disable it, and dead-letter this delivery. */
        DISABLE_ENDPOINT
    }

    /** A step, with the wait, the due time or the dead-letter reason it needs (the others are null). */
    record Next(Step step, Duration pause, Instant due, String reason) {

        static Next of(Step step) {
            return new Next(step, null, null, null);
        }

        static Next deadLetter(String reason) {
            return new Next(Step.DEAD_LETTER, null, null, reason);
        }
    }

    private final RetryPolicy retry;

    DeliveryRules(RetryPolicy retry) {
        this.retry = retry;
    }

    /**
     * After {@code attempted} (its attempt already {@link #recorded}) came to {@code result}, as the {@code inline}-th
     * attempt made in a row by the worker, at {@code now}.
     */
    Next after(WebhookDelivery attempted, AttemptResult result, int inline, Instant now) {
        return switch (result.kind()) {
            case DELIVERED -> Next.of(Step.DELIVERED);
            case GONE -> new Next(Step.DISABLE_ENDPOINT, null, null, "endpoint-gone");
            case REJECTED -> Next.deadLetter("rejected");
            case RETRY -> retry(attempted, result, inline, now);
        };
    }

    private Next retry(WebhookDelivery attempted, AttemptResult result, int inline, Instant now) {
        Duration wait = retry.backoff().after(attempted.getAttempts(), result.retryAfter());
        Instant due = now.plus(wait);
        if (Duration.between(attempted.getFirstAttemptAt(), due).compareTo(retry.giveUpAfter()) > 0) {
            return Next.deadLetter("gave-up");
        }
        if (inline < retry.inlineAttempts() && wait.compareTo(retry.inlineMaxWait()) <= 0) {
            return new Next(Step.RETRY_INLINE, wait, null, null);
        }
        return new Next(Step.PARK, null, due, null);
    }

    /** The delivery with one more attempt counted and that attempt's status and error on it. */
    static WebhookDelivery recorded(WebhookDelivery delivery, AttemptResult result) {
        return WebhookDelivery.newBuilder(delivery)
                .setAttempts(delivery.getAttempts() + 1)
                .setLastStatus(result.status().orElse(null))
                .setLastError(result.error().isEmpty() ? null : result.error())
                .build();
    }
}
