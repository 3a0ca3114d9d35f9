package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {

    private final EndpointHealth health = new EndpointHealth("partner", Clock.systemUTC());

    @Test
    void shouldLogOnceWhenEndpointStopsAnsweringAndOnceWhenItIsBackNotPerRetry() {
        // given an endpoint refusing, then answering 503 and 429, then delivering, then refusing again
        List<AttemptResult> attempts = List.of(AttemptResult.noAnswer("ConnectException: could not connect"),
                AttemptResult.noAnswer("ConnectException: could not connect"), AttemptResult.ofStatus(503, Optional.empty()),
                AttemptResult.ofStatus(429, Optional.of(Duration.ofSeconds(2))), AttemptResult.ofStatus(200, Optional.empty()),
                AttemptResult.ofStatus(204, Optional.empty()), AttemptResult.noAnswer("no answer within 10000 ms"));

        // when each attempt is reported
        List<Integer> changes = IntStream.range(0, attempts.size()).filter(n -> health.attempted(attempts.get(n))).boxed().toList();

        // then only the first failure, the first delivery after it and the next failure change the state
        assertThat(changes).containsExactly(0, 4, 6);
    }

    @Test
    void shouldCountAnAnswerNotWorthRetryingAsAnswering() {
        // given an endpoint that was not answering
        health.attempted(AttemptResult.noAnswer("no answer within 10000 ms"));

        // when it answers 400 (the alert is dead-lettered, but the endpoint is there)
        boolean changed = health.attempted(AttemptResult.ofStatus(400, Optional.empty()));

        // then
        assertThat(changed).isTrue();
        assertThat(health.attempted(AttemptResult.ofStatus(200, Optional.empty()))).isFalse();
    }
}
