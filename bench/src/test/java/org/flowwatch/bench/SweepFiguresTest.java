package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import org.flowwatch.bench.SweepSettings.Dimension;
import org.junit.jupiter.api.Test;

class SweepFiguresTest {

    static SweepFigures.Row row(Dimension dimension, double value, boolean base, double full, double bare) {
        return new SweepFigures.Row(dimension, value, String.format("%.0f", value), base,
                new Figures(SweepFigures.FULL, "records/s", List.of(full * 0.9, full, full * 1.1)),
                new Figures(SweepFigures.BARE, "records/s", List.of(bare)));
    }

    @Test
    void shouldCallACostLinearWhenItGrowsAsTheValueDoes() {
        // given 100 times the posts at a hundredth of the throughput, the bare count unmoved
        SweepFigures sweep = new SweepFigures(List.of(row(Dimension.POSTS, 50, true, 20_000, 400_000),
                row(Dimension.POSTS, 500, false, 2_000, 400_000), row(Dimension.POSTS, 5000, false, 200, 400_000)), List.of());

        // when
        SweepFigures.Growth growth = sweep.growth().get(0);

        // then
        assertThat(growth.valueRatio()).isEqualTo(100);
        assertThat(growth.costRatio()).isEqualTo(100);
        assertThat(growth.exponent()).isEqualTo(1.0);
        assertThat(growth.verdict()).isEqualTo("grows linearly");
        assertThat(growth.bareCostRatio()).contains(1.0);
    }

    @Test
    void shouldTellFlatLessAndMoreThanLinearAndFallingCostsApart() {
        // given cost ratios of 1.1 (noise), 2 (for 4 times the value), 30 (for 4 times) and 0.5
        SweepFigures sweep = new SweepFigures(List.of(
                row(Dimension.PARTITIONS, 4, true, 11_000, 100_000), row(Dimension.PARTITIONS, 16, false, 10_000, 100_000),
                row(Dimension.POSTS, 50, true, 10_000, 100_000), row(Dimension.POSTS, 200, false, 5_000, 100_000),
                row(Dimension.SPAN, 6, true, 30_000, 100_000), row(Dimension.SPAN, 24, false, 1_000, 100_000),
                row(Dimension.INSTANCES, 1, true, 10_000, 100_000), row(Dimension.INSTANCES, 2, false, 20_000, 100_000)), List.of());

        // then
        assertThat(sweep.growth()).extracting(SweepFigures.Growth::what, SweepFigures.Growth::verdict).containsExactly(
                tuple("input partitions", "does not grow"),
                tuple("posts", "grows less than linearly"),
                tuple("event-time span", "grows faster than linearly"),
                tuple("streams instances", "falls"));
    }

    @Test
    void shouldJudgeTheStateOnDiskFromItsSizeAgainstTheCrossings() {
        // given 2 MiB per million at 1 M and at 2 M crossings
        SweepFigures sweep = new SweepFigures(List.of(), List.of(new SweepFigures.StateSize(1_000_000, 2 << 20),
                new SweepFigures.StateSize(2_000_000, 4 << 20)));

        // when
        String line = sweep.growthLine();

        // then
        assertThat(sweep.states().get(1).mibPerMillion()).isEqualTo(2.0);
        assertThat(line).contains("state on disk (crossings) ×2: cost ×2.00 (exponent 1.00), grows linearly")
                .contains("**Linear:** state on disk (crossings). **Not linear:** none.");
    }

    @Test
    void shouldNameTheLinearAndTheOtherDimensionsInTheLine() {
        // given posts linear, instances flat
        SweepFigures sweep = new SweepFigures(List.of(row(Dimension.POSTS, 50, true, 1_000, 10_000),
                row(Dimension.POSTS, 500, false, 100, 10_000), row(Dimension.INSTANCES, 1, true, 1_000, 10_000),
                row(Dimension.INSTANCES, 3, false, 1_050, 11_000)), List.of());

        // then
        assertThat(sweep.growthLine())
                .contains("posts ×10: cost ×10.00 (exponent 1.00; bare count ×1.00), grows linearly")
                .contains("streams instances ×3: cost ×0.95 (exponent -0.04; bare count ×0.91), does not grow")
                .endsWith("**Linear:** posts. **Not linear:** streams instances.");
    }

    @Test
    void shouldNotJudgeADimensionWhoseLargestValueHasNoFullFigure() {
        // given the full topology's counts refused at 30 d (720 h)
        SweepFigures sweep = new SweepFigures(List.of(row(Dimension.POSTS, 50, true, 1_000, 10_000),
                row(Dimension.POSTS, 500, false, 100, 10_000), row(Dimension.SPAN, 6, true, 1_000, 10_000),
                new SweepFigures.Row(Dimension.SPAN, 720, "30 d", false, Optional.empty(),
                        new Figures(SweepFigures.BARE, "records/s", List.of(9_000.0)), Optional.of("refused: counted 1 of 2 people"))),
                List.of());

        // then
        assertThat(sweep.growth()).extracting(SweepFigures.Growth::what).containsExactly("posts");
        assertThat(sweep.growthLine()).endsWith("**Linear:** posts. **Not linear:** none. **Not judged:** event-time span "
                + "(the full topology's counts were refused at 30 d).");
    }

    @Test
    void shouldSayNothingOfGrowthWithOneValuePerDimension() {
        assertThat(new SweepFigures(List.of(row(Dimension.POSTS, 50, true, 1_000, 10_000)), List.of()).growthLine()).isEmpty();
    }

    @Test
    void shouldDrawALogAxisOnlyWhereValuesSpanADecade() {
        assertThat(SweepPlot.logarithmic(List.of(50.0, 500.0, 5000.0))).isTrue();
        assertThat(SweepPlot.logarithmic(List.of(6.0, 720.0))).isTrue();
        assertThat(SweepPlot.logarithmic(List.of(4.0, 8.0, 16.0))).isFalse();
        assertThat(SweepPlot.logarithmic(List.of(1.0, 2.0, 3.0))).isFalse();
    }
}
