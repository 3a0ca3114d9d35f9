package org.flowwatch.streams.arrivals.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.RollingCount;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Counts with the record cache on, as in production: each changed count and rolling figure goes out once per commit
 * interval (as the cached DSL aggregations sent them on each commit), not once per crossing; a count about to go out
 * FINAL goes out first with its last change.
 */
class CachedCountsTest {

    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    @AutoClose
    private final ArrivalsDriver fixture = new ArrivalsDriver(ArrivalsSettings.defaults(), cached());

    @Test
    void shouldSendEachChangedCountOncePerCommitIntervalWhenTheCacheIsOn() {
        // given three crossings at BP-07 in the 06:00 hour
        fixture.pipe(aCrossing().people(4).at(T0.plusSeconds(60)).build());
        fixture.pipe(aCrossing().people(1).at(T0.plusSeconds(120)).build());
        fixture.pipe(aCrossing().people(2).at(T0.plusSeconds(180)).build());
        assertThat(fixture.hourly.isEmpty()).as("nothing sent before the interval is up").isTrue();
        assertThat(fixture.rolling.isEmpty()).isTrue();

        // when the commit interval passes
        fixture.driver.advanceWallClockTime(COMMIT_INTERVAL);

        // then one PROVISIONAL count per scope with all three crossings, one rolling figure per scope and period
        assertThat(fixture.hourly.readValuesToList()).extracting(count -> count.getScope().name(), ArrivalCount::getPeople,
                        ArrivalCount::getStatus)
                .containsExactly(tuple("POST", 7L, CountStatus.PROVISIONAL), tuple("REGION", 7L, CountStatus.PROVISIONAL),
                        tuple("ALL", 7L, CountStatus.PROVISIONAL));
        assertThat(fixture.daily.readValuesToList()).extracting(ArrivalCount::getPeople).containsExactly(7L, 7L, 7L);
        assertThat(fixture.rolling.readValuesToList()).hasSize(6).extracting(RollingCount::getPeople).containsOnly(7L);

        // and nothing more until a count changes again
        fixture.driver.advanceWallClockTime(COMMIT_INTERVAL);
        assertThat(fixture.hourly.isEmpty()).isTrue();
        assertThat(fixture.rolling.isEmpty()).isTrue();
    }

    @Test
    void shouldSendTheLastChangeBeforeTheFinalCountWhenTheWindowClosesBetweenIntervals() {
        // given the 06:00 hour sent once (5 people), then one more crossing in it not yet sent
        fixture.pipe(aCrossing().people(5).at(T0.plusSeconds(60)).build());
        fixture.driver.advanceWallClockTime(COMMIT_INTERVAL);
        fixture.pipe(aCrossing().people(1).at(T0.plus(Duration.ofMinutes(30))).build());

        // when stream time passes 07:00 + 6 h grace before the interval is up
        fixture.pipe(aCrossing().people(2).at(T0.plus(Duration.ofHours(7))).build());

        // then the hour goes out with its last change, then FINAL once, with the same figure
        assertThat(fixture.hourly.readValuesToList()).filteredOn(count -> count.getScope().name().equals("POST")
                        && count.getWindowStart().equals(T0))
                .extracting(ArrivalCount::getStatus, ArrivalCount::getPeople)
                .containsExactly(tuple(CountStatus.PROVISIONAL, 5L), tuple(CountStatus.PROVISIONAL, 6L), tuple(CountStatus.FINAL, 6L));
    }

    private static Properties cached() {
        Properties props = ArrivalsDriver.props();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024L);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
        return props;
    }
}
