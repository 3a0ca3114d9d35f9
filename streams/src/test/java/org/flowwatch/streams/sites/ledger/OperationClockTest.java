package org.flowwatch.streams.sites.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationClockTest {

    private static final long T2023 = 1_695_600_000_000L;
    private static final long WALL = 1_796_000_000_000L;
    private static final long QUIET = 5 * 60_000L;

    @Test
    void shouldMoveOnWithTheWallClockOnAQuietNight() {
        OperationClock clock = new OperationClock(QUIET);
        clock.observe(WALL - 2_000, WALL);

        assertThat(clock.now(WALL + 6 * 3_600_000L)).isEqualTo(WALL - 2_000 + 6 * 3_600_000L);
    }

    @Test
    void shouldFollowEventTimeInAReplayFasterThanTheWallClock() {
        // given a replay of 2023 at 3,600x: an hour of event time a second
        OperationClock clock = new OperationClock(QUIET);
        clock.observe(T2023, WALL);

        // then each input sets the clock to its event time, whatever the wall clock says
        assertThat(clock.observe(T2023 + 3_600_000L, WALL + 1_000)).isEqualTo(T2023 + 3_600_000L);
        assertThat(clock.observe(T2023 + 7_200_000L, WALL + 2_000)).isEqualTo(T2023 + 7_200_000L);
    }

    @Test
    void shouldStandAtTheInputsEventTimeWhileTheyFlow() {
        // so that the same inputs give the same figures, whatever the wall clock did in between
        OperationClock clock = new OperationClock(QUIET);
        clock.observe(T2023, WALL);

        assertThat(clock.now(WALL + QUIET - 1)).isEqualTo(T2023);
        assertThat(clock.observe(T2023 - 3 * 3_600_000L, WALL + 500)).as("a late input").isEqualTo(T2023);
    }

    @Test
    void shouldNeverGoBackForALateInputAfterAQuietSpell() {
        OperationClock clock = new OperationClock(QUIET);
        clock.observe(T2023, WALL);

        assertThat(clock.observe(T2023 - 3 * 3_600_000L, WALL + 2 * QUIET)).isEqualTo(T2023 + 2 * QUIET);
    }

    @Test
    void shouldBeUnsetBeforeTheFirstInput() {
        assertThat(new OperationClock(QUIET).isSet()).isFalse();
    }
}
