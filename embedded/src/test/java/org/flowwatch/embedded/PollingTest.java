package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

    private static final Duration EVERY = Duration.ofMillis(10);

    @Test
    void shouldAnswerTrueOnceTheCheckHolds() throws Exception {
        AtomicInteger asked = new AtomicInteger();

        boolean held = Polling.until(Duration.ofSeconds(5), EVERY, () -> asked.incrementAndGet() == 3);

        assertThat(held).isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldAnswerFalseWhenTheCheckStillDoesNotHoldAfterTheTimeout() throws Exception {
        long start = System.nanoTime();

        boolean held = Polling.until(Duration.ofMillis(200), EVERY, () -> false);

        assertThat(held).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void shouldEndTheWaitWithTheChecksOwnExceptionUnwrapped() {
        AtomicInteger asked = new AtomicInteger();
        ExecutionException failed = new ExecutionException("broker said no", null);
        IllegalStateException died = new IllegalStateException("the process exited");

        assertThatThrownBy(() -> Polling.until(Duration.ofSeconds(5), EVERY, () -> {
            asked.incrementAndGet();
            throw failed;
        })).isSameAs(failed);
        assertThatThrownBy(() -> Polling.until(Duration.ofSeconds(5), EVERY, () -> {
            throw died;
        })).isSameAs(died);
        assertThat(asked).as("not asked again after an exception").hasValue(1);
    }
}
