package org.flowwatch.consumers.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.consumers.export.Counts.SYUNIK_POSTS;
import static org.flowwatch.consumers.export.Counts.T0;
import static org.flowwatch.consumers.export.Counts.YEREVAN;
import static org.flowwatch.consumers.export.Counts.bands;
import static org.flowwatch.consumers.export.Counts.hour;

import java.util.List;
import java.util.Set;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest {


    @Test
    void shouldHideSmallCellAndTheSmallestOtherPartWhenTotalWouldRevealIt() {
        // given 40 people: 3 women (a small cell) and 37 men
        List<ExportRow> rows = rows(hour(CountScope.POST, "kornidzor", T0, 40, bands(0, 0, 0, 3, 0), bands(2, 5, 5, 20, 5)));

        // when
        ExportRow row = SmallCellSuppression.apply(rows, 5).get(0);

        // then female is hidden, and male too, or male = 40 - female would give it away
        assertThat(row.suppressed()).contains(Column.FEMALE, Column.MALE);
        assertThat(row.shown(Column.PEOPLE)).isEqualTo("40");
        assertThat(row.shown(Column.FEMALE)).isEmpty();
        // age bands: 0-4 has 2 people, 18-59 has 23; hiding 0-4 alone would be undone by the sum, so one more goes
        assertThat(row.suppressed()).contains(Column.AGE_0_4);
        assertThat(row.suppressed().stream().filter(column -> List.of(Column.AGES).contains(column)).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldKeepZerosAndLargeCountsWhenNothingIsSmall() {
        // given
        List<ExportRow> rows = rows(hour(CountScope.POST, "kornidzor", T0, 60, bands(0, 10, 10, 10, 10), bands(0, 5, 5, 5, 5)));

        // when
        ExportRow row = SmallCellSuppression.apply(rows, 5).get(0);

        // then
        assertThat(row.suppressed()).isEmpty();
        assertThat(row.shown(Column.AGE_0_4)).isEqualTo("0");
    }

    @Test
    void shouldHideAnotherPostWhenRegionTotalWouldRevealTheHiddenOne() {
        // given two posts of Syunik, 2 and 30 people, and the region's 32
        List<ExportRow> rows = rows(
                hour(CountScope.POST, "kornidzor", T0, 2, null, null),
                hour(CountScope.POST, "tegh", T0, 30, null, null),
                hour(CountScope.REGION, "AM-SU", T0, 32, null, null));

        // when
        List<ExportRow> suppressed = SmallCellSuppression.apply(rows, 5);

        // then both posts are hidden, the region total stays
        assertThat(suppressed).extracting(row -> row.scopeId() + "=" + row.shown(Column.PEOPLE))
                .containsExactlyInAnyOrder("kornidzor=", "tegh=", "AM-SU=32");
    }

    @Test
    void shouldHideTotalWhenNoOtherPartCanBeHidden() {
        // given one post in the region, 3 people
        List<ExportRow> rows = rows(
                hour(CountScope.POST, "kornidzor", T0, 3, null, null),
                hour(CountScope.REGION, "AM-SU", T0, 3, null, null));

        // then
        assertThat(SmallCellSuppression.apply(rows, 5)).allSatisfy(row -> assertThat(row.suppressed()).containsExactly(Column.PEOPLE));
    }

    private static List<ExportRow> rows(org.flowwatch.schemas.avro.ArrivalCount... counts) {
        return ExportRows.of(List.of(counts), SYUNIK_POSTS, Granularity.HOUR, Set.of(Direction.ARRIVAL), YEREVAN);
    }
}
