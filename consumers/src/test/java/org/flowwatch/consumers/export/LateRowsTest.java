package org.flowwatch.consumers.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.flowwatch.consumers.export.Counts.SYUNIK_POSTS;
import static org.flowwatch.consumers.export.Counts.T0;
import static org.flowwatch.consumers.export.Counts.YEREVAN;
import static org.flowwatch.consumers.export.Counts.hour;
import static org.flowwatch.consumers.export.Counts.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.junit.jupiter.api.Test;

/** Export rows with the crossings that reached their hour after its grace (the late topic). */
class LateRowsTest {


    @Test
    void shouldAddLateCrossingsOnceToTheirHourAndSayHowManyCameLateWhenTheLateTopicHoldsResends() {
        // given Kornidzor counted 30 in its hour, and a 12-person group reached that hour late, its record written twice
        CrossingEvent group = crossing("e-1", "kornidzor", T0.plusSeconds(600), 12);
        List<LateCrossing> late = List.of(late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, group),
                late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, group),
                late(CountScope.POST, "kornidzor", Granularity.DAY, T0.minus(Duration.ofHours(10)), group));

        // when
        List<ExportRow> rows = ExportRows.of(List.of(post("kornidzor", T0, 30)), late, SYUNIK_POSTS, Granularity.HOUR,
                Set.of(Direction.ARRIVAL), YEREVAN);

        // then the hour holds everyone who crossed in it; the day's record of the same crossing is not in hours
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).counts()).containsEntry(Column.PEOPLE, 42L).containsEntry(Column.LATE, 12L);
        assertThat(rows.get(0).status()).isEqualTo("final");
    }

    @Test
    void shouldCountACorrectionBeyondTheGraceByItsDifferenceWhenTheLateTopicHoldsItsRetractionAndNewRevision() {
        // given Kornidzor's hour counted a 12-person group; corrected to 21 after the grace, the streams app wrote the
        // retraction of the 12 (revision 0, negated) and the 21 (revision 1) to the late topic, each twice (a resend)
        CrossingEvent counted = crossing("e-5", "kornidzor", T0.plusSeconds(600), 12);
        CrossingEvent retraction = CrossingEvent.newBuilder(counted).setPeople(-12)
                .setBreakdown(new SexAgeBreakdown(AgeBands.newBuilder().setAge18to59(-6).build(),
                        AgeBands.newBuilder().setAge18to59(-6).build())).build();
        CrossingEvent corrected = CrossingEvent.newBuilder(crossing("e-5", "kornidzor", T0.plusSeconds(600), 21)).setRevision(1).build();
        List<LateCrossing> late = List.of(late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, retraction),
                late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, corrected),
                late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, retraction),
                late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, corrected));

        // when
        List<ExportRow> rows = ExportRows.of(List.of(post("kornidzor", T0, 12)), late, SYUNIK_POSTS, Granularity.HOUR,
                Set.of(Direction.ARRIVAL), YEREVAN);

        // then the hour holds the corrected 21 (12 - 12 + 21), the late column the 9 the correction added; by sex the
        // late records add -6 + 10 women and -6 + 11 men (the on-time count here has no breakdown)
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).counts()).containsEntry(Column.PEOPLE, 21L).containsEntry(Column.LATE, 9L)
                .containsEntry(Column.FEMALE, 4L).containsEntry(Column.MALE, 5L);
    }

    @Test
    void shouldWriteARowForAnHourOnlyLateCrossingsReachedWhenThePostWasSilentBeyondTheGrace() {
        // given Tegh counted 20 at T0; Kornidzor counted nothing at T0 + 1 h, 7 people reached it late (post, region, all)
        Instant silentHour = T0.plus(Duration.ofHours(1));
        CrossingEvent group = crossing("e-2", "kornidzor", silentHour.plusSeconds(60), 7);
        List<LateCrossing> late = List.of(late(CountScope.POST, "kornidzor", Granularity.HOUR, silentHour, group),
                late(CountScope.REGION, "AM-SU", Granularity.HOUR, silentHour, group),
                late(CountScope.ALL, "all", Granularity.HOUR, silentHour, group));

        // when
        List<ExportRow> rows = ExportRows.of(List.of(post("tegh", T0, 20)), late, SYUNIK_POSTS, Granularity.HOUR,
                Set.of(Direction.ARRIVAL), YEREVAN);

        // then a row per missed count, named as counted rows are, with its breakdown
        assertThat(rows).extracting(ExportRow::scope, ExportRow::scopeId, ExportRow::location)
                .containsExactly(tuple("post", "tegh", "Tegh"),
                        tuple("post", "kornidzor", "Kornidzor"),
                        tuple("region", "AM-SU", ""),
                        tuple("all", "all", ""));
        ExportRow kornidzor = rows.get(1);
        assertThat(kornidzor.date()).isEqualTo("2023-09-25T11:00+04:00");
        assertThat(kornidzor.counts()).containsEntry(Column.PEOPLE, 7L).containsEntry(Column.LATE, 7L)
                .containsEntry(Column.FEMALE, 3L).containsEntry(Column.MALE, 4L);
        assertThat(rows.get(0).counts()).containsEntry(Column.LATE, 0L);
    }

    @Test
    void shouldHideTheOtherPostsLateCellWhenTheRegionsLateTotalWouldRevealTheSmallOne() {
        // given two posts of Syunik in one hour: 3 of Kornidzor's 40 came late, 6 of Tegh's 30; the region 70 with 9 late
        CrossingEvent few = crossing("e-3", "kornidzor", T0.plusSeconds(60), 3);
        CrossingEvent more = crossing("e-4", "tegh", T0.plusSeconds(120), 6);
        List<LateCrossing> late = List.of(late(CountScope.POST, "kornidzor", Granularity.HOUR, T0, few),
                late(CountScope.REGION, "AM-SU", Granularity.HOUR, T0, few),
                late(CountScope.POST, "tegh", Granularity.HOUR, T0, more),
                late(CountScope.REGION, "AM-SU", Granularity.HOUR, T0, more));
        List<ExportRow> rows = ExportRows.of(List.of(post("kornidzor", T0, 37), post("tegh", T0, 24),
                hour(CountScope.REGION, "AM-SU", T0, 61, null, null)), late, SYUNIK_POSTS, Granularity.HOUR, Set.of(Direction.ARRIVAL), YEREVAN);

        // when
        List<ExportRow> shown = SmallCellSuppression.apply(rows, 5);

        // then Kornidzor's 3 are hidden, and Tegh's 6 too, or 9 - 6 would give them away; the region's 9 stays
        Map<String, ExportRow> byId = new HashMap<>();
        shown.forEach(row -> byId.put(row.scopeId(), row));
        assertThat(byId.get("kornidzor").shown(Column.LATE)).isEmpty();
        assertThat(byId.get("kornidzor").shown(Column.PEOPLE)).isEqualTo("40");
        assertThat(byId.get("tegh").suppressed()).as("secondary suppression of the late column").contains(Column.LATE);
        assertThat(byId.get("AM-SU").shown(Column.LATE)).isEqualTo("9");
        assertThat(byId.get("AM-SU").shown(Column.PEOPLE)).isEqualTo("70");
    }

    private static CrossingEvent crossing(String eventId, String post, Instant at, int people) {
        AgeBands female = AgeBands.newBuilder().setAge18to59(people / 2).build();
        AgeBands male = AgeBands.newBuilder().setAge18to59(people - people / 2).build();
        return CrossingEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8))).setPostId(post).setOccurredAt(at).setRecordedAt(at)
                .setDirection(Direction.ARRIVAL).setPeople(people).setBreakdown(new SexAgeBreakdown(female, male)).build();
    }

    private static LateCrossing late(CountScope scope, String id, Granularity granularity, Instant windowStart, CrossingEvent crossing) {
        Duration size = granularity == Granularity.HOUR ? Duration.ofHours(1) : Duration.ofDays(1);
        return LateCrossing.newBuilder().setScope(scope).setScopeId(id).setGranularity(granularity).setWindowStart(windowStart)
                .setWindowEnd(windowStart.plus(size)).setStreamTime(windowStart.plus(Duration.ofHours(9))).setCrossing(crossing).build();
    }
}
