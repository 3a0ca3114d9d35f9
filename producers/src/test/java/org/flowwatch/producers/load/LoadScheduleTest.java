package org.flowwatch.producers.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadScheduleTest {

    @Test
    void shouldSpaceRecordsEvenlyWhenSteady() {
        LoadSchedule steady = new LoadSchedule(LoadSchedule.Pattern.STEADY, 1000, 1, Duration.ofSeconds(10));
        assertThat(steady.dueNanos(0)).isZero();
        assertThat(steady.dueNanos(1000)).isEqualTo(1_000_000_000L);
    }

    @Test
    void shouldSendBurstsThenPauseKeepingTheAverageRateWhenBursty() {
        // given: 1000/s on average, 5x bursts over 10 s periods -> 10,000 records in the first 2 s of each period
        LoadSchedule bursty = new LoadSchedule(LoadSchedule.Pattern.BURSTY, 1000, 5, Duration.ofSeconds(10));
        // then
        assertThat(bursty.dueNanos(9_999)).isLessThan(2_000_000_000L);
        assertThat(bursty.dueNanos(10_000)).isEqualTo(10_000_000_000L);
        assertThat(bursty.dueNanos(30_000)).as("average rate holds over periods").isEqualTo(30_000_000_000L);
    }
}
