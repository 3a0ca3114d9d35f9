package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void shouldReportPercentilesOfTheRecordedMillis() {
        // given 1..1000 ms, one each
        Latencies latencies = new Latencies();
        for (long ms = 1; ms <= 1000; ms++) {
            latencies.record(ms);
        }

        // when
        Latencies.Summary summary = latencies.summary();

        // then: HdrHistogram keeps 3 significant digits
        assertThat(summary.samples()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.p999()).isCloseTo(999, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void shouldSayNothingWasMeasuredRatherThanZero() {
        assertThat(new Latencies().summary().p99()).isNaN();
    }

    @Test
    void shouldCountAClockStepBackAsZeroNotFailTheRun() {
        Latencies latencies = new Latencies();
        latencies.record(-3);
        assertThat(latencies.percentile(50)).isZero();
    }
}
