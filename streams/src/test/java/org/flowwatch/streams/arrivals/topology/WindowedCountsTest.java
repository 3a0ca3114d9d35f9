package org.flowwatch.streams.arrivals.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Hourly, local-day and rolling counts, late data and final counts, on the production topology. */
class WindowedCountsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @AutoClose
    private final ArrivalsDriver fixture = new ArrivalsDriver(ArrivalsSettings.defaults());

    @Test
    void shouldCountEachPostItsRegionAndTheWholeOperationWithBreakdown() {
        // given two posts of Syunik and one of Vayots Dzor in the same hour
        AgeBands two = new AgeBands(1, 0, 0, 1, 0);
        fixture.pipe(aCrossing().atPost("BP-07").people(5).vehicles(1).breakdown(new SexAgeBreakdown(two, two))
                .vulnerabilities(new Vulnerabilities(0, 1, 0, 1)).at(T0.plusSeconds(60)).build());
        fixture.pipe(aCrossing().atPost("BP-09").people(3).vehicles(1).at(T0.plusSeconds(120)).build());
        fixture.pipe(aCrossing().atPost("BP-20").people(2).at(T0.plusSeconds(180)).build());

        // when
        Map<String, ArrivalCount> latest = fixture.hourly.readKeyValuesToMap();

        // then
        assertThat(latest).hasSize(6);
        assertThat(latest.get("post/BP-07/HOUR/ARRIVAL/2023-09-01T06:00:00Z").getPeople()).isEqualTo(5);
        assertThat(latest.get("region/AM-SU/HOUR/ARRIVAL/2023-09-01T06:00:00Z").getPeople()).isEqualTo(8);
        assertThat(latest.get("region/AM-VD/HOUR/ARRIVAL/2023-09-01T06:00:00Z").getPeople()).isEqualTo(2);
        ArrivalCount all = latest.get("all/all/HOUR/ARRIVAL/2023-09-01T06:00:00Z");
        assertThat(all.getPeople()).isEqualTo(10);
        assertThat(all.getGroups()).isEqualTo(3);
        assertThat(all.getVehicles()).isEqualTo(2);
        assertThat(all.getFemale().getAge0to4()).isEqualTo(1);
        assertThat(all.getMale().getAge18to59()).isEqualTo(1);
        assertThat(all.getVulnerabilities().getDisabled()).isEqualTo(1);
        assertThat(all.getVulnerabilities().getPregnant()).isEqualTo(1);
        assertThat(all.getStatus()).isEqualTo(CountStatus.PROVISIONAL);
    }

    @Test
    void shouldCountDeparturesApartFromArrivals() {
        // given
        fixture.pipe(aCrossing().people(3).departure().build());
        fixture.pipe(aCrossing().people(2).build());

        // when
        Map<String, ArrivalCount> latest = fixture.hourly.readKeyValuesToMap();

        // then
        assertThat(latest.get("post/BP-07/HOUR/ARRIVAL/2023-09-01T06:00:00Z").getPeople()).isEqualTo(2);
        assertThat(latest.get("post/BP-07/HOUR/DEPARTURE/2023-09-01T06:00:00Z").getPeople()).isEqualTo(3);
        assertThat(latest.get("all/all/HOUR/DEPARTURE/2023-09-01T06:00:00Z").getPeople()).isEqualTo(3);
    }

    @Test
    void shouldReviseTheHourOfTheCrossingWhenItArrivesLateWithinGrace() {
        // given stream time has moved on three hours
        fixture.pipe(aCrossing().people(2).at(T0.plus(Duration.ofHours(3))).build());

        // when a post that was offline delivers a crossing of 06:10, within the 6 h grace
        fixture.pipe(aCrossing().people(7).at(T0.plusSeconds(600)).build());

        // then it lands in the 06:00 window, not the current one, and nothing is late
        assertThat(postHourly()).extracting(ArrivalCount::getWindowStart, ArrivalCount::getPeople)
                .containsExactly(tuple(T0.plus(Duration.ofHours(3)), 2L), tuple(T0, 7L));
        assertThat(fixture.late.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteCrossingToLateTopicWhenLaterThanTheHourlyGraceButStillCountItInTheDay() {
        // given stream time is 8 h past the 06:00 hour (grace 6 h): that hour is closed
        fixture.pipe(aCrossing().people(2).at(T0.plus(Duration.ofHours(9))).build());
        fixture.hourly.readValuesToList();

        // when a crossing of 06:10 arrives
        fixture.pipe(aCrossing().people(7).at(T0.plusSeconds(600)).build());

        // then every hourly count it missed is named in the late topic, and no hourly count changed
        assertThat(fixture.late.readValuesToList())
                .extracting(late -> late.getScope().name(), LateCrossing::getGranularity, LateCrossing::getWindowStart)
                .containsExactlyInAnyOrder(tuple("POST", Granularity.HOUR, T0), tuple("REGION", Granularity.HOUR, T0),
                        tuple("ALL", Granularity.HOUR, T0));
        assertThat(fixture.hourly.isEmpty()).isTrue();
        assertThat(fixture.counter("crossings", "late-hour")).isEqualTo(3.0);
        // the local day (grace 48 h) still takes it: 2 + 7 people on 2023-09-01 in Yerevan
        assertThat(fixture.daily.readKeyValuesToMap().get("post/BP-07/DAY/ARRIVAL/2023-08-31T20:00:00Z").getPeople()).isEqualTo(9);
    }

    @Test
    void shouldPublishProvisionalOnEachChangeThenFinalOnceWhenGraceHasPassed() {
        // given two crossings in the 06:00 hour
        fixture.pipe(aCrossing().people(4).at(T0.plusSeconds(60)).build());
        fixture.pipe(aCrossing().people(1).at(T0.plusSeconds(120)).build());

        // when stream time passes 07:00 + 6 h grace
        fixture.pipe(aCrossing().people(1).at(T0.plus(HOUR).plus(Duration.ofHours(6))).build());

        // then the 06:00 hour was provisional twice and is final once, with the same figure
        assertThat(postHourly()).filteredOn(count -> count.getWindowStart().equals(T0))
                .extracting(ArrivalCount::getStatus, ArrivalCount::getPeople)
                .containsExactly(tuple(CountStatus.PROVISIONAL, 4L), tuple(CountStatus.PROVISIONAL, 5L), tuple(CountStatus.FINAL, 5L));
    }

    @Test
    void shouldSplitDaysAtMidnightInYerevanNotUtc() {
        // given 23:59 and 00:01 in Yerevan (UTC+4) on the night of 1 to 2 September
        fixture.pipe(aCrossing().people(3).at(Instant.parse("2023-09-01T19:59:00Z")).build());
        fixture.pipe(aCrossing().people(4).at(Instant.parse("2023-09-01T20:01:00Z")).build());

        // when
        Map<String, ArrivalCount> latest = fixture.daily.readKeyValuesToMap();

        // then
        ArrivalCount first = latest.get("post/BP-07/DAY/ARRIVAL/2023-08-31T20:00:00Z");
        ArrivalCount second = latest.get("post/BP-07/DAY/ARRIVAL/2023-09-01T20:00:00Z");
        assertThat(first.getPeople()).isEqualTo(3);
        assertThat(first.getWindowEnd()).isEqualTo(Instant.parse("2023-09-01T20:00:00Z"));
        assertThat(second.getPeople()).isEqualTo(4);
    }

    @Test
    void shouldRollTheLastHourForward() {
        // given crossings at 06:00, 06:40 and 07:20
        fixture.pipe(aCrossing().people(1).at(T0).build());
        fixture.pipe(aCrossing().people(2).at(T0.plus(Duration.ofMinutes(40))).build());
        fixture.pipe(aCrossing().people(4).at(T0.plus(Duration.ofMinutes(80))).build());

        // when
        Map<String, RollingCount> latest = fixture.rolling.readKeyValuesToMap();

        // then at 07:20 the last hour (in 5-minute steps) holds the 06:40 and 07:20 groups; the last day all three
        assertThat(latest.get("post/BP-07/ARRIVAL/PT1H").getPeople()).isEqualTo(6);
        assertThat(latest.get("region/AM-SU/ARRIVAL/PT1H").getPeople()).isEqualTo(6);
        assertThat(latest.get("post/BP-07/ARRIVAL/PT24H").getPeople()).isEqualTo(7);
    }

    private java.util.List<ArrivalCount> postHourly() {
        return fixture.hourly.readValuesToList().stream()
                .filter(count -> count.getScope().name().equals("POST")).toList();
    }
}
