package org.flowwatch.streams.sites.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandTest {

    private final Band daysOfCover = Band.below(3, 1, 0.1);
    private final Band occupancy = Band.above(0.9, 1.0, 0.1);

    @Test
    void shouldRiseAtOnceWhenTheReadingCrossesAThreshold() {
        assertThat(daysOfCover.level(2.99, Level.NORMAL)).isEqualTo(Level.WARNING);
        assertThat(daysOfCover.level(0.5, Level.NORMAL)).isEqualTo(Level.CRITICAL);
        assertThat(occupancy.level(0.9, Level.NORMAL)).isEqualTo(Level.WARNING);
        assertThat(occupancy.level(1.0, Level.WARNING)).isEqualTo(Level.CRITICAL);
    }

    @Test
    void shouldStayWhenTheReadingIsBackButNotClearly() {
        // 3.2 days is over 3 but within 10 %: the warning stays
        assertThat(daysOfCover.level(3.2, Level.WARNING)).isEqualTo(Level.WARNING);
        // 1.05 days is over 1 but within 10 %: still critical
        assertThat(daysOfCover.level(1.05, Level.CRITICAL)).isEqualTo(Level.CRITICAL);
        assertThat(occupancy.level(0.85, Level.WARNING)).isEqualTo(Level.WARNING);
    }

    @Test
    void shouldStepDownWhenClearlyBack() {
        assertThat(daysOfCover.level(3.4, Level.WARNING)).isEqualTo(Level.NORMAL);
        assertThat(daysOfCover.level(2.0, Level.CRITICAL)).isEqualTo(Level.WARNING);
        assertThat(daysOfCover.level(10, Level.CRITICAL)).isEqualTo(Level.NORMAL);
        assertThat(occupancy.level(0.8, Level.CRITICAL)).isEqualTo(Level.NORMAL);
    }

    @Test
    void shouldTreatNothingNeededAsNormal() {
        assertThat(daysOfCover.level(Double.POSITIVE_INFINITY, Level.CRITICAL)).isEqualTo(Level.NORMAL);
    }
}
