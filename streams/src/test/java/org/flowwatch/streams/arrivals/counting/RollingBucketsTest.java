package org.flowwatch.streams.arrivals.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollingBucketsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final long T0 = Instant.parse("2023-09-25T06:00:00Z").toEpochMilli();

    private final RollingBuckets lastHour = new RollingBuckets(HOUR, FIVE_MINUTES);

    @Test
    void shouldSumTheLastHourEndingWithTheLatestStep() {
        // given crossings at 06:00, 06:40 and 07:20 (the last one in the 07:20-07:25 step)
        lastHour.add(T0, 1, 0);
        lastHour.add(at(40), 2, 1);
        lastHour.add(at(80), 4, 0);

        // when
        RollingBuckets.Sum sum = lastHour.current();

        // then the hour 06:25-07:25 holds the 06:40 and 07:20 groups
        assertThat(sum.people()).isEqualTo(6);
        assertThat(sum.groups()).isEqualTo(2);
        assertThat(sum.vehicles()).isEqualTo(1);
        assertThat(Instant.ofEpochMilli(sum.start())).isEqualTo(Instant.parse("2023-09-25T06:25:00Z"));
        assertThat(Instant.ofEpochMilli(sum.end())).isEqualTo(Instant.parse("2023-09-25T07:25:00Z"));
    }

    @Test
    void shouldCountAnOutOfOrderCrossingInsideThePeriod() {
        // given a crossing at 07:20, then one at 06:50 that arrives late, then one at 07:20 again
        lastHour.add(at(80), 4, 0);
        lastHour.add(at(50), 3, 0);
        lastHour.add(at(81), 1, 0);

        // then
        assertThat(lastHour.current().people()).isEqualTo(8);
    }

    @Test
    void shouldLeaveTheFigureAloneForACrossingOlderThanThePeriod() {
        // given
        lastHour.add(at(80), 4, 0);

        // when a crossing from 06:20 (before the 06:25 start of the current hour) arrives
        lastHour.add(at(20), 9, 0);

        // then
        assertThat(lastHour.current().people()).isEqualTo(4);
    }

    @Test
    void shouldAnswerAsOfATimeWithinTheCurrentPeriodOnly() {
        // given
        lastHour.add(at(30), 2, 0);
        lastHour.add(at(80), 4, 0);

        // then as of 07:22 the hour 06:25-07:25 holds both; as of 08:00 the hour 07:05-08:05 the 07:20 group; as of
        // 08:30 nothing; the hour before 07:00 began before the current period and is no longer kept
        assertThat(lastHour.asOf(at(82)).people()).isEqualTo(6);
        assertThat(lastHour.asOf(at(120)).people()).isEqualTo(4);
        assertThat(lastHour.asOf(at(150)).people()).isZero();
        assertThat(lastHour.asOf(at(60))).isNull();
    }

    @Test
    void shouldSurviveItsSerde() {
        // given
        lastHour.add(at(30), 2, 1);
        lastHour.add(at(80), 4, 0);
        var serde = RollingBuckets.serde(HOUR, FIVE_MINUTES);

        // when
        RollingBuckets copy = serde.deserializer().deserialize("t", serde.serializer().serialize("t", lastHour));

        // then
        assertThat(copy.current()).isEqualTo(lastHour.current());
        assertThat(copy.asOf(at(120))).isEqualTo(lastHour.asOf(at(120)));
    }

    private static long at(int minutesAfterSix) {
        return T0 + Duration.ofMinutes(minutesAfterSix).toMillis();
    }
}
