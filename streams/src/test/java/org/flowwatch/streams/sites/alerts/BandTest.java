package org.flowwatch.streams.sites.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandTest {

    private final Band daysOfCover = Band.below(3, 1, 0.1);
    private final Band occupancy = Band.above(0.9, 1.0, 0.1);

    @ParameterizedTest(name = "{0}: {1} {2} from {3} -> {4}")
    @CsvSource({
            "rises at once when the reading crosses a threshold, daysOfCover, 2.99, NORMAL, WARNING",
            "rises at once when the reading crosses a threshold, daysOfCover, 0.5, NORMAL, CRITICAL",
            "rises at once when the reading crosses a threshold, occupancy, 0.9, NORMAL, WARNING",
            "rises at once when the reading crosses a threshold, occupancy, 1.0, WARNING, CRITICAL",
            // 3.2 days is over 3 but within 10 %: the warning stays
            "stays when the reading is back but not clearly, daysOfCover, 3.2, WARNING, WARNING",
            // 1.05 days is over 1 but within 10 %: still critical
            "stays when the reading is back but not clearly, daysOfCover, 1.05, CRITICAL, CRITICAL",
            "stays when the reading is back but not clearly, occupancy, 0.85, WARNING, WARNING",
            "steps down when clearly back, daysOfCover, 3.4, WARNING, NORMAL",
            "steps down when clearly back, daysOfCover, 2.0, CRITICAL, WARNING",
            "steps down when clearly back, daysOfCover, 10, CRITICAL, NORMAL",
            "steps down when clearly back, occupancy, 0.8, CRITICAL, NORMAL",
            "treats nothing needed as normal, daysOfCover, Infinity, CRITICAL, NORMAL"
    })
    void shouldMoveToTheLevelTheReadingCallsFor(String rule, String band, double reading, Level from, Level expected) {
        Band measured = switch (band) {
            case "daysOfCover" -> daysOfCover;
            case "occupancy" -> occupancy;
            default -> throw new IllegalArgumentException("no band " + band);
        };
        assertThat(measured.level(reading, from)).isEqualTo(expected);
    }
}
