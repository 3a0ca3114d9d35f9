package org.flowwatch.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.junit.jupiter.api.Test;

/** The dashboard's daily totals and its figure of crossings beyond the hourly grace. */
class OpsPictureLateTest {

    private static final Instant T0 = Instant.parse("2023-09-24T20:00:00Z"); // midnight of the 25th in Yerevan

    @Test
    void shouldShowDailyTotalsAndEachLateCrossingOnceWhenTheLateTopicNamesItPerScope() {
        // given the operation's day, and one 12-person crossing that missed its hour (post, region and all records)
        OpsPicture picture = new OpsPicture(ZoneId.of("Asia/Yerevan"));
        picture.daily("day", day(CountScope.ALL, 420));
        picture.daily("post-day", day(CountScope.POST, 400));
        CrossingEvent crossing = crossing(12);
        picture.late("k1", late(CountScope.POST, "kornidzor", Granularity.HOUR, crossing));
        picture.late("k2", late(CountScope.ALL, "all", Granularity.HOUR, crossing));
        picture.late("k2", late(CountScope.ALL, "all", Granularity.HOUR, crossing));
        picture.late("k3", late(CountScope.ALL, "all", Granularity.DAY, crossing(5)));

        // when
        OpsView view = picture.view();

        // then
        assertThat(view.days()).containsExactly(new OpsView.Day("2023-09-25", 420, "provisional"));
        assertThat(view.late()).as("one crossing beyond the hourly grace").isEqualTo(new OpsView.Late(1, 12));
    }

    @Test
    void shouldShowACorrectionBeyondTheHourlyGraceAsTheDifferenceItMadeWhenTheLateTopicHoldsBothRecords() {
        // given a 12-person crossing counted on time, corrected to 21 after the grace: the retraction of the 12 and the
        // 21 (revision 1) reach the late topic, under one eventId
        OpsPicture picture = new OpsPicture(ZoneId.of("Asia/Yerevan"));
        CrossingEvent counted = crossing(12);
        CrossingEvent retraction = CrossingEvent.newBuilder(counted).setPeople(-12).build();
        CrossingEvent corrected = CrossingEvent.newBuilder(counted).setPeople(21).setRevision(1).build();
        picture.late("k", late(CountScope.ALL, "all", Granularity.HOUR, retraction));
        picture.late("k", late(CountScope.ALL, "all", Granularity.HOUR, corrected));
        picture.late("k", late(CountScope.ALL, "all", Granularity.HOUR, corrected));

        // when
        OpsView view = picture.view();

        // then one crossing, and the 9 people the correction added to the counts
        assertThat(view.late()).isEqualTo(new OpsView.Late(1, 9));
    }

    private static ArrivalCount day(CountScope scope, long people) {
        return ArrivalCount.newBuilder().setScope(scope).setScopeId(scope == CountScope.ALL ? "all" : "kornidzor")
                .setGranularity(Granularity.DAY).setWindowStart(T0).setWindowEnd(T0.plus(Duration.ofDays(1)))
                .setDirection(Direction.ARRIVAL).setPeople(people).setGroups(10).setStatus(CountStatus.PROVISIONAL)
                .setUpdatedAt(T0.plus(Duration.ofHours(9))).build();
    }

    private static CrossingEvent crossing(int people) {
        Instant at = T0.plus(Duration.ofHours(2));
        return CrossingEvent.newBuilder().setEventId(UUID.randomUUID()).setPostId("kornidzor").setOccurredAt(at)
                .setRecordedAt(at).setDirection(Direction.ARRIVAL).setPeople(people).build();
    }

    private static LateCrossing late(CountScope scope, String id, Granularity granularity, CrossingEvent crossing) {
        Instant start = granularity == Granularity.HOUR ? T0.plus(Duration.ofHours(2)) : T0;
        return LateCrossing.newBuilder().setScope(scope).setScopeId(id).setGranularity(granularity).setWindowStart(start)
                .setWindowEnd(start.plus(granularity == Granularity.HOUR ? Duration.ofHours(1) : Duration.ofDays(1)))
                .setStreamTime(start.plus(Duration.ofHours(9))).setCrossing(crossing).build();
    }
}
