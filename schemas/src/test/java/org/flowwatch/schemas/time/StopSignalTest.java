package org.flowwatch.schemas.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopSignalTest {

    private final StopSignal stop = new StopSignal();

    @Test
    void shouldEndPauseAtOnceWhenSignalled() {
        // given
        stop.signal();
        // when / then
        assertThat(pausing(Duration.ofSeconds(30))).isLessThan(Duration.ofSeconds(5));
        assertThat(stop.isSignalled()).isTrue();
    }

    @Test
    void shouldPauseTheWholeLengthWhenNotSignalled() {
        assertThat(pausing(Duration.ofMillis(100))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(stop.isSignalled()).isFalse();
    }

    @Test
    void shouldSignalAndKeepTheInterruptFlagWhenThePausedThreadIsInterrupted() {
        // given
        Thread.currentThread().interrupt();
        // when
        stop.pause(Duration.ofSeconds(30));
        // then: Thread.interrupted() also clears the flag for the next test
        assertThat(Thread.interrupted()).isTrue();
        assertThat(stop.isSignalled()).isTrue();
    }

    private Duration pausing(Duration length) {
        long start = System.nanoTime();
        stop.pause(length);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
