package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.consumers.webhook.AlertBuilder.anAlert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.flowwatch.consumers.webhook.DeliveryRules.Next;
import org.flowwatch.consumers.webhook.DeliveryRules.Step;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.junit.jupiter.api.Test;

/**
 * The delivery state machine without Kafka or a clock that runs: 1 s backoff doubling to 60 s (jitter pinned to the
 * lower half-step), three attempts in a row in the worker with waits of at most 2 s, given up an hour after the first.
 */
class DeliveryRulesTest {

    private static final Instant NOW = Instant.parse("2023-09-26T08:00:00Z");
    private final DeliveryRules rules = new DeliveryRules(new RetryPolicy(
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0L), 3, Duration.ofSeconds(2), Duration.ofHours(1)));

    @Test
    void shouldBeDoneWhenTheEndpointTookIt() {
        assertThat(after(AttemptResult.ofStatus(202, Optional.empty()), 1, 1, NOW).step()).isEqualTo(Step.DELIVERED);
    }

    @Test
    void shouldDisableTheEndpointAndDeadLetterWhenItIsGone() {
        assertThat(after(AttemptResult.ofStatus(410, Optional.empty()), 1, 1, NOW))
                .isEqualTo(new Next(Step.DISABLE_ENDPOINT, null, null, "endpoint-gone"));
    }

    @Test
    void shouldDeadLetterAtOnceWhatTheEndpointRefusesAsWrong() {
        assertThat(after(AttemptResult.ofStatus(400, Optional.empty()), 1, 1, NOW)).isEqualTo(Next.deadLetter("rejected"));
        assertThat(after(AttemptResult.unsendable("no template"), 1, 1, NOW)).isEqualTo(Next.deadLetter("rejected"));
    }

    @Test
    void shouldTryAgainHereAfterHalfTheBackoffStepWhileInlineAttemptsAndShortWaitsRemain() {
        // the first failure: a step of 1 s, the lower half of it 0.5 s; the second: 2 s, 1 s
        assertThat(after(AttemptResult.ofStatus(503, Optional.empty()), 1, 1, NOW)).isEqualTo(new Next(Step.RETRY_INLINE, Duration.ofMillis(500), null, null));
        assertThat(after(AttemptResult.noAnswer("refused"), 2, 2, NOW)).isEqualTo(new Next(Step.RETRY_INLINE, Duration.ofSeconds(1), null, null));
    }

    @Test
    void shouldParkUntilTheBackoffIsDueOnceTheInlineAttemptsAreUsedUp() {
        // the third failure in a row: a step of 4 s, 2 s from now
        assertThat(after(AttemptResult.ofStatus(503, Optional.empty()), 3, 3, NOW)).isEqualTo(new Next(Step.PARK, null, NOW.plusSeconds(2), null));
    }

    @Test
    void shouldParkWhenTheEndpointAsksForALongerWaitThanTheWorkerWaits() {
        assertThat(after(AttemptResult.ofStatus(429, Optional.of(Duration.ofSeconds(30))), 1, 1, NOW))
                .isEqualTo(new Next(Step.PARK, null, NOW.plusSeconds(30), null));
    }

    @Test
    void shouldGiveUpWhenTheNextAttemptWouldFallMoreThanAnHourAfterTheFirst() {
        Instant first = NOW.minus(Duration.ofMinutes(59));
        // due exactly an hour after the first: still parked; a second later: given up
        assertThat(after(AttemptResult.ofStatus(503, Optional.of(Duration.ofSeconds(60))), 9, 1, first).step()).isEqualTo(Step.PARK);
        assertThat(after(AttemptResult.ofStatus(503, Optional.of(Duration.ofSeconds(61))), 9, 1, first)).isEqualTo(Next.deadLetter("gave-up"));
    }

    @Test
    void shouldCountTheAttemptAndKeepItsStatusAndError() {
        WebhookDelivery recorded = DeliveryRules.recorded(delivery(2, NOW), AttemptResult.ofStatus(503, Optional.empty()));
        assertThat(recorded.getAttempts()).isEqualTo(3);
        assertThat(recorded.getLastStatus()).isEqualTo(503);
        assertThat(recorded.getLastError()).isEqualTo("HTTP 503");
        WebhookDelivery unanswered = DeliveryRules.recorded(recorded, AttemptResult.noAnswer("connect timed out"));
        assertThat(unanswered.getLastStatus()).isNull();
        assertThat(unanswered.getLastError()).isEqualTo("connect timed out");
    }

    private Next after(AttemptResult result, int attempts, int inline, Instant firstAttemptAt) {
        return rules.after(delivery(attempts, firstAttemptAt), result, inline, NOW);
    }

    private static WebhookDelivery delivery(int attempts, Instant firstAttemptAt) {
        return new WebhookDelivery("partner", "shortage/goris-1/water:1", attempts, firstAttemptAt, firstAttemptAt, null, null, anAlert().build());
    }
}
