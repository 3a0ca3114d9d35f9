package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void shouldSendTheFirstEventAtOnceAndThenOnePerInterval() {
        Pacer thousandPerSecond = new Pacer(1000);

        assertThat(thousandPerSecond.dueBy(0)).isEqualTo(1);
        assertThat(thousandPerSecond.dueBy(TimeUnit.MICROSECONDS.toNanos(999))).isEqualTo(1);
        assertThat(thousandPerSecond.dueBy(TimeUnit.MILLISECONDS.toNanos(1))).isEqualTo(2);
        assertThat(thousandPerSecond.dueBy(TimeUnit.SECONDS.toNanos(20))).isEqualTo(20_001);
    }

    @Test
    void shouldCatchUpInOneBurstAfterAStall() {
        // a 10 ms stall at 50,000 events/s: 500 are due at once, not one per wake-up
        assertThat(new Pacer(50_000).dueBy(TimeUnit.MILLISECONDS.toNanos(10))).isEqualTo(501);
    }

    @Test
    void shouldAgreeOnWhenEachEventIsDue() {
        Pacer pacer = new Pacer(3);
        for (long index = 0; index < 10; index++) {
            assertThat(pacer.dueBy(pacer.dueAt(index))).isGreaterThan(index);
        }
    }

    @Test
    void shouldRefuseARateThatNeverSends() {
        assertThatThrownBy(() -> new Pacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
