package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void shouldQuoteTheMiddleValueWhenRunsAreOdd() {
        // given
        Figures figures = new Figures("raw consumer", "records/s", List.of(300.0, 100.0, 200.0));

        // then
        assertThat(figures.median()).isEqualTo(200.0);
        assertThat(figures.min()).isEqualTo(100.0);
        assertThat(figures.max()).isEqualTo(300.0);
    }

    @Test
    void shouldAverageTheTwoMiddleValuesWhenRunsAreEven() {
        assertThat(new Figures("x", "records/s", List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }
}
