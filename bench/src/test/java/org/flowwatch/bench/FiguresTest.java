package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void shouldReportFullOverBareAndFullOverRawFromMedians() {
        // given
        BenchSettings settings = new BenchSettings(10, 1, Duration.ofHours(6), 3, List.of("exactly_once_v2"), Path.of("docs"));
        List<Figures> figures = List.of(
                new Figures("raw consumer", "records/s", List.of(1000.0, 1000.0, 1000.0)),
                new Figures("bare 1 h windowed count, exactly_once_v2", "records/s", List.of(400.0, 500.0, 600.0)),
                new Figures("full flowwatch topology, exactly_once_v2", "records/s", List.of(100.0, 250.0, 900.0)));

        // when
        String markdown = new BenchReport(settings, figures).markdown();

        // then
        assertThat(markdown).contains("full / bare = 0.50").contains("full / raw = 0.25")
                .contains("| full flowwatch topology, exactly_once_v2 | 250 | 100 | 900 | records/s |");
    }
}
