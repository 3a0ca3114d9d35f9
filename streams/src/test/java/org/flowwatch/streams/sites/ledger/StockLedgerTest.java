package org.flowwatch.streams.sites.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StockLedgerTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_000 * HOUR;

    @Test
    void shouldApplyACountTakenHoursAgoLessTheUseSince() {
        // given a model using 625 L an hour (1,000 people at 15 L a day) for 14 hours
        StockLedger water = usingPerHour(625, 14);

        // when a count of 18,000 L taken 14 h ago arrives now
        water.count(18_000, T0, T0 + 14 * HOUR);

        // then about 18,000 - 14 x 625 = 9,250 L are left, and the count stands with its time
        assertThat(water.level).isCloseTo(9_250, within(1e-6));
        assertThat(water.estimated).isTrue();
        assertThat(water.countedStock).isEqualTo(18_000);
        assertThat(water.countedAt).isEqualTo(T0);
    }

    @Test
    void shouldLetAReportedDistributionStandInForTheModelledUseOfItsPeriod() {
        // given 20,000 L counted at T0 and 10 h of modelled use (6,250 L): 13,750 L estimated
        StockLedger water = usingPerHour(625, 10);
        water.count(20_000, T0, T0);
        water.consume(6_250, T0 + 10 * HOUR);

        // when the site reports 4,000 L handed out over those 10 h: that replaces the 6,250 L assumed (not added)
        water.distribute(4_000, T0, T0 + 10 * HOUR, T0 + 10 * HOUR);

        // then
        assertThat(water.level).isCloseTo(16_000, within(1e-6));
        assertThat(water.overdrawnAt).isNull();
    }

    @Test
    void shouldTakeTheStockToZeroAndFlagItWhenADistributionIsLargerThanTheEstimate() {
        StockLedger water = usingPerHour(0, 0);
        water.count(1_000, T0, T0);

        water.distribute(5_000, null, T0 + HOUR, T0 + HOUR);

        assertThat(water.level).isZero();
        assertThat(water.overdrawnAt).isEqualTo(T0 + HOUR);
    }

    @Test
    void shouldTakeAConfirmedConvoyOffTheExpectedList() {
        StockLedger water = usingPerHour(0, 0);
        water.expect(new Convoy("C-17", 20_000, T0 + 5 * HOUR));
        water.expect(new Convoy("C-18", 10_000, T0 + 9 * HOUR));

        water.deliver(20_000, "C-17", T0 + 6 * HOUR);

        assertThat(water.level).isEqualTo(20_000);
        assertThat(water.convoys).extracting(Convoy::convoyId).containsExactly("C-18");
        assertThat(water.convoys.get(0).counts(T0 + 15 * HOUR, 6 * HOUR)).as("6 h past its ETA").isTrue();
        assertThat(water.convoys.get(0).counts(T0 + 15 * HOUR + 1, 6 * HOUR)).as("more than 6 h past its ETA").isFalse();
    }

    private static StockLedger usingPerHour(double litres, int hours) {
        StockLedger water = StockLedger.startingAt(T0);
        for (int h = 1; h <= hours; h++) {
            water.consume(litres, T0 + h * HOUR);
        }
        return water;
    }
}
