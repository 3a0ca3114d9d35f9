package org.flowwatch.streams.sites.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.TreeMap;
import org.flowwatch.streams.sites.ledger.RunOutProjection.Delivery;
import org.junit.jupiter.api.Test;

class RunOutProjectionTest {

    private static final Need WATER = new Need(15, 0);
    private static final long HOUR = 3_600_000L;

    @Test
    void shouldRunOutAfter22Point6HoursInTheIssuesWorkedExample() {
        // given 30,000 L, 1,000 people at 15 L a day, 100 more people an hour, no one leaving.
        // By hand: use over t hours = 15/24 x (1,000 t + 100 t^2 / 2) = 30,000  =>  t^2 + 20 t - 960 = 0
        //          t = (-20 + sqrt(400 + 3,840)) / 2 = (-20 + 65.115) / 2 = 22.557 h (not the 48 h of days of cover)
        RunOutProjection projection = new RunOutProjection(WATER, 1_000, new ArrivalTrend(100, 0, 0.8), 0, 0, List.of(), 72);

        assertThat(projection.hoursUntilEmpty(30_000).getAsDouble()).isCloseTo(22.557, within(0.01));
    }

    @Test
    void shouldLastTwoDaysWithNoArrivalsAndNothingBeyondTheHorizon() {
        RunOutProjection projection = new RunOutProjection(WATER, 1_000, ArrivalTrend.NONE, 0, 0, List.of(), 72);

        // 30,000 / 15,000 a day = 48 h; 60,000 L = 96 h is beyond a 72 h horizon
        assertThat(projection.hoursUntilEmpty(30_000).getAsDouble()).isCloseTo(48, within(0.01));
        assertThat(projection.hoursUntilEmpty(60_000)).isEmpty();
    }

    @Test
    void shouldCountAConvoyFromItsEtaOnly() {
        // given 10,000 L for 1,000 people (16 h), a convoy of 15,000 L due in 10 h, another due in 20 h (too late)
        RunOutProjection projection = new RunOutProjection(WATER, 1_000, ArrivalTrend.NONE, 0, 0,
                List.of(new Delivery(10, 15_000), new Delivery(20, 100_000)), 72);

        // then: 10,000 + 15,000 = 25,000 L last 40 h, so the second convoy (at 20 h) also arrives in time:
        // 125,000 L = 200 h, beyond the horizon
        assertThat(projection.hoursUntilEmpty(10_000)).isEmpty();
        // a convoy that comes after the stock ran out does not save it: 5,000 L last 8 h, convoy due at 10 h
        assertThat(new RunOutProjection(WATER, 1_000, ArrivalTrend.NONE, 0, 0, List.of(new Delivery(10, 100_000)), 72)
                .hoursUntilEmpty(5_000).getAsDouble()).isCloseTo(8, within(0.01));
    }

    @Test
    void shouldLastLongerWhenArrivalsFallThanWhenTheyHold() {
        // given arrivals of 600, 500, 400, 300, 200, 100 in the last six hours: a falling line, last hour 100
        TreeMap<Long, Long> byHour = new TreeMap<>();
        long now = 24 * HOUR;
        for (int i = 0; i < 6; i++) {
            byHour.put(now - (6 - i) * HOUR, 600L - 100 * i);
        }
        ArrivalTrend falling = ArrivalTrend.fit(byHour, 0L, now, 6, 0.8);

        // then the fit finds level 100 and slope -100; damped, arrivals stop within two hours
        assertThat(falling.level()).isCloseTo(100, within(1e-9));
        assertThat(falling.slope()).isCloseTo(-100, within(1e-9));
        assertThat(falling.perHourAt(1)).isCloseTo(20, within(1e-9));
        assertThat(falling.perHourAt(3)).isZero();
        double withFall = new RunOutProjection(WATER, 1_000, falling, 0, 0, List.of(), 72).hoursUntilEmpty(30_000).getAsDouble();
        double withHold = new RunOutProjection(WATER, 1_000, new ArrivalTrend(100, 0, 0.8), 0, 0, List.of(), 72)
                .hoursUntilEmpty(30_000).getAsDouble();
        assertThat(withFall).isGreaterThan(withHold).isLessThan(48);
    }

    @Test
    void shouldLastLongerWhenTheTransitModelMovesPeopleOn() {
        // given 1,000 people who stay 12 h at the median (rate ln2/12 an hour) and no arrivals: by hand, use over
        // all time = 15/24 x 1,000 x 12 / ln 2 = 10,820 L; so 10,000 L runs out (at 15/24 x 1,000 x (1 - e^-kt)/k =
        // 10,000 => t = -ln(1 - 10,000 k / 625) / k = 30.8 h) and 11,000 L never does
        double k = Math.log(2) / 12;
        RunOutProjection projection = new RunOutProjection(WATER, 1_000, ArrivalTrend.NONE, k, 0, List.of(), 72);

        assertThat(projection.hoursUntilEmpty(10_000).getAsDouble()).isCloseTo(-Math.log(1 - 10_000 * k / 625) / k, within(0.05));
        assertThat(projection.hoursUntilEmpty(11_000)).isEmpty();
    }

    @Test
    void shouldRunOutAtOnceWhenTheStockIsGone() {
        assertThat(new RunOutProjection(WATER, 10, ArrivalTrend.NONE, 0, 0, List.of(), 72).hoursUntilEmpty(0).getAsDouble()).isZero();
    }
}
