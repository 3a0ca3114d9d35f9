package org.flowwatch.streams.arrivals.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Issue 18: a higher revision of a crossing replaces the one counted; the counts move by exactly the difference. */
class CorrectionsTest {

    private static final Instant AT = T0.plus(Duration.ofMinutes(10));
    private static final String HOUR_06 = "/HOUR/ARRIVAL/2023-09-01T06:00:00Z";
    private static final String HOUR_07 = "/HOUR/ARRIVAL/2023-09-01T07:00:00Z";
    private static final String DAY = "/DAY/ARRIVAL/2023-08-31T20:00:00Z";
    private static final String[] SCOPES = {"post/BP-07", "region/AM-SU", "all/all"};

    @AutoClose
    private final ArrivalsDriver fixture = new ArrivalsDriver(ArrivalsSettings.defaults());
    private final UUID eventId = UUID.randomUUID();

    @Test
    void shouldMoveHourDayAndRollingCountsOfEveryScopeByTheDifferenceWhenACorrectionArrives() {
        // given 12 people of one group and 5 of another in the 06:00 hour
        fixture.pipe(crossing(0).people(12).vehicles(2).build());
        fixture.pipe(aCrossing().people(5).at(AT.plusSeconds(60)).build());
        Map<String, ArrivalCount> before = latestHourly();
        Map<String, ArrivalCount> dayBefore = fixture.daily.readKeyValuesToMap();
        Map<String, RollingCount> rollingBefore = fixture.rolling.readKeyValuesToMap();

        // when an edit says 21
        fixture.pipe(crossing(1).people(21).vehicles(3).build());

        // then every count moves by exactly +9 people, +1 vehicle, and no group
        Map<String, ArrivalCount> hourly = latestHourly();
        Map<String, ArrivalCount> daily = fixture.daily.readKeyValuesToMap();
        Map<String, RollingCount> rolling = fixture.rolling.readKeyValuesToMap();
        for (String scope : SCOPES) {
            assertThat(hourly.get(scope + HOUR_06).getPeople()).as(scope + " hour").isEqualTo(before.get(scope + HOUR_06).getPeople() + 9);
            assertThat(hourly.get(scope + HOUR_06).getGroups()).as(scope + " groups").isEqualTo(2);
            assertThat(hourly.get(scope + HOUR_06).getVehicles()).as(scope + " vehicles").isEqualTo(3);
            assertThat(daily.get(scope + DAY).getPeople()).as(scope + " day").isEqualTo(dayBefore.get(scope + DAY).getPeople() + 9);
            for (String period : new String[] {"PT1H", "PT24H"}) {
                String key = scope + "/ARRIVAL/" + period;
                assertThat(rolling.get(key).getPeople()).as(key).isEqualTo(rollingBefore.get(key).getPeople() + 9);
                assertThat(rolling.get(key).getGroups()).as(key + " groups").isEqualTo(2);
            }
        }
        assertThat(hourly.get("all/all" + HOUR_06).getPeople()).isEqualTo(26);
        assertThat(fixture.counter("crossings", "correction")).isEqualTo(1.0);
    }

    @Test
    void shouldPublishEachRevisionOnceAndNoRetractionOnTheValidTopic() {
        // given
        fixture.pipe(crossing(0).people(12).build());
        fixture.pipe(crossing(1).people(21).build());

        // when the correction is sent twice
        fixture.pipe(crossing(1).people(21).build());

        // then
        assertThat(fixture.valid.readValuesToList()).extracting(CrossingEvent::getRevision, CrossingEvent::getPeople)
                .containsExactly(tuple(0, 12), tuple(1, 21));
        assertThat(latestHourly().get("post/BP-07" + HOUR_06).getPeople()).isEqualTo(21);
        assertThat(fixture.counter("crossings", "duplicate")).isEqualTo(1.0);
    }

    @Test
    void shouldTakeBreakdownAndVulnerabilitiesBackOutWhenCorrected() {
        // given
        AgeBands two = new AgeBands(1, 0, 0, 1, 0);
        AgeBands none = new AgeBands(0, 0, 0, 0, 0);
        fixture.pipe(crossing(0).people(4).breakdown(new SexAgeBreakdown(two, two)).build());

        // when the edit says only the women were there
        fixture.pipe(crossing(1).people(2).breakdown(new SexAgeBreakdown(two, none)).build());

        // then
        ArrivalCount hour = latestHourly().get("post/BP-07" + HOUR_06);
        assertThat(hour.getPeople()).isEqualTo(2);
        assertThat(hour.getFemale().getAge0to4()).isEqualTo(1);
        assertThat(hour.getMale().getAge0to4()).isZero();
        assertThat(hour.getMale().getAge18to59()).isZero();
    }

    @Test
    void shouldRemoveThePeopleWhenTheCrossingIsWithdrawn() {
        // given
        fixture.pipe(crossing(0).people(12).build());
        fixture.pipe(aCrossing().people(5).at(AT).build());

        // when the post withdraws it, knowing only its eventId (0 people, recorded an hour later)
        fixture.pipe(aCrossing().eventId(eventId).revision(1).withdrawn().people(0).at(AT.plus(Duration.ofHours(1))).build());

        // then
        Map<String, ArrivalCount> hourly = latestHourly();
        for (String scope : SCOPES) {
            assertThat(hourly.get(scope + HOUR_06).getPeople()).as(scope).isEqualTo(5);
            assertThat(hourly.get(scope + HOUR_06).getGroups()).as(scope).isEqualTo(1);
            assertThat(hourly).as("a withdrawal counts nowhere").doesNotContainKey(scope + HOUR_07);
        }
        assertThat(fixture.daily.readKeyValuesToMap().get("all/all" + DAY).getPeople()).isEqualTo(5);
        assertThat(fixture.valid.readValuesToList()).extracting(CrossingEvent::getWithdrawn).containsExactly(false, false, true);
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldMoveTheCountsWhenTheCorrectionArrivesLateWithinGrace() {
        // given the 06:10 crossing counted, then stream time three hours on
        fixture.pipe(crossing(0).people(12).build());
        fixture.pipe(aCrossing().people(2).at(T0.plus(Duration.ofHours(3))).build());

        // when the correction arrives
        fixture.crossings.pipeInput("BP-07", crossing(1).people(21).build(), T0.plus(Duration.ofHours(3)));

        // then the 06:00 hour moves, nothing is late
        assertThat(latestHourly().get("post/BP-07" + HOUR_06).getPeople()).isEqualTo(21);
        assertThat(fixture.daily.readKeyValuesToMap().get("post/BP-07" + DAY).getPeople()).isEqualTo(23);
        assertThat(fixture.late.isEmpty()).isTrue();
    }

    @Test
    void shouldChangeNothingWhenAnOlderRevisionArrivesAfterANewerOne() {
        // given
        fixture.pipe(crossing(0).people(12).build());
        fixture.pipe(crossing(2).people(30).build());
        fixture.hourly.readValuesToList();
        fixture.valid.readValuesToList();

        // when revision 1 comes last
        fixture.pipe(crossing(1).people(21).build());

        // then
        assertThat(fixture.hourly.isEmpty()).isTrue();
        assertThat(fixture.valid.isEmpty()).isTrue();
        assertThat(fixture.counter("crossings", "duplicate")).isEqualTo(1.0);
    }

    @Test
    void shouldMovePeopleBetweenHoursWhenTheCorrectionChangesWhenTheyCrossed() {
        // given 12 people counted at 06:10
        fixture.pipe(crossing(0).people(12).build());

        // when the edit says 07:10
        fixture.pipe(crossing(1).people(12).at(AT.plus(Duration.ofHours(1))).build());

        // then
        Map<String, ArrivalCount> hourly = latestHourly();
        for (String scope : SCOPES) {
            assertThat(hourly.get(scope + HOUR_06).getPeople()).as(scope).isZero();
            assertThat(hourly.get(scope + HOUR_06).getGroups()).as(scope).isZero();
            assertThat(hourly.get(scope + HOUR_07).getPeople()).as(scope).isEqualTo(12);
        }
        assertThat(fixture.daily.readKeyValuesToMap().get("all/all" + DAY).getPeople()).isEqualTo(12);
        assertThat(fixture.rolling.readKeyValuesToMap().get("post/BP-07/ARRIVAL/PT1H").getPeople()).isEqualTo(12);
    }

    @Test
    void shouldSendTheRetractionToTheLateTopicWhenTheCorrectionIsBeyondTheHourlyGrace() {
        // given the 06:10 crossing counted, then stream time 9 h on (hourly grace 6 h)
        fixture.pipe(crossing(0).people(12).build());
        fixture.pipe(aCrossing().people(2).at(T0.plus(Duration.ofHours(9))).build());
        fixture.hourly.readValuesToList();

        // when
        fixture.crossings.pipeInput("BP-07", crossing(1).people(21).build(), T0.plus(Duration.ofHours(9)));

        // then the closed hour stays; what it missed is in the late topic (-12, +21); the day moves by +9
        assertThat(fixture.hourly.isEmpty()).isTrue();
        assertThat(fixture.late.readValuesToList()).filteredOn(late -> late.getScope().name().equals("POST"))
                .extracting(late -> late.getCrossing().getPeople()).containsExactly(-12, 21);
        assertThat(fixture.daily.readKeyValuesToMap().get("post/BP-07" + DAY).getPeople()).isEqualTo(23);
    }

    @Test
    void shouldRejectACorrectionWithTheSameReasonsAsACrossing() {
        // when a correction that is not a withdrawal says nobody crossed
        fixture.pipe(crossing(0).people(12).build());
        fixture.pipe(crossing(1).people(0).build());

        // then it is dead-lettered like any crossing, and the count stays
        assertThat(fixture.deadLetters.readRecordsToList()).singleElement()
                .satisfies(record -> assertThat(new String(record.headers().lastHeader("flowwatch.reject.reason").value()))
                        .isEqualTo("PEOPLE_OUT_OF_RANGE"));
        assertThat(latestHourly().get("post/BP-07" + HOUR_06).getPeople()).isEqualTo(12);
    }

    private CrossingBuilder crossing(int revision) {
        return aCrossing().eventId(eventId).revision(revision).at(AT);
    }

    private Map<String, ArrivalCount> latestHourly() {
        return fixture.hourly.readKeyValuesToMap();
    }
}
