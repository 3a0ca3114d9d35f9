package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowwatch.bench.SweepSettings.Dimension;
import org.flowwatch.bench.SweepSettings.Point;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static BenchSettings load(Map<String, String> flags) {
        return BenchSettings.from(ConfigLoader.create().defaults("flowwatch/defaults/common.properties")
                .defaults(BenchSettings.DEFAULTS).flags(flags).load());
    }

    @Test
    void shouldLeaveTheEdgeSectionOutByDefaultAndRunItWithAll() {
        assertThat(load(Map.of()).runs("edge")).as("opt-in: it takes minutes").isFalse();
        assertThat(load(Map.of()).runs("throughput")).isTrue();
        assertThat(load(Map.of("bench.sections", "all")).sections()).isEqualTo(BenchSettings.SECTIONS).contains("edge");
        assertThat(load(Map.of("bench.sections", "edge")).sections()).containsExactly("edge");
    }

    @Test
    void shouldLeaveTheSweepOutByDefaultAndRunItWithAllOrByName() {
        assertThat(load(Map.of()).runs("sweep")).as("opt-in: it takes about 13 minutes").isFalse();
        assertThat(load(Map.of("bench.sections", "all")).runs("sweep")).isTrue();
        assertThat(load(Map.of("bench.sections", "sweep")).sections()).containsExactly("sweep");
    }

    @Test
    void shouldReadEachSweepListWithItsDefaults() {
        // when
        SweepSettings sweep = load(Map.of()).sweep();

        // then
        assertThat(sweep.events()).isEqualTo(200_000);
        assertThat(sweep.base()).isEqualTo(new Point(4, 50, Duration.ofHours(6), 1));
        assertThat(sweep.partitions()).containsExactly(4, 8, 16);
        assertThat(sweep.posts()).containsExactly(50, 500, 5000);
        assertThat(sweep.spans()).containsExactly(Duration.ofHours(6), Duration.ofDays(30));
        assertThat(sweep.instances()).containsExactly(1, 2, 3);
        assertThat(sweep.stateEvents()).containsExactly(1_000_000L, 2_000_000L);
    }

    @Test
    void shouldTakeIsoAndShortSpansAndSpacesInTheLists() {
        // when
        SweepSettings sweep = load(Map.of("bench.sweep.spans", "PT6H, P30D,90m", "bench.sweep.posts", " 5000 ,50")).sweep();

        // then
        assertThat(sweep.spans()).containsExactly(Duration.ofHours(6), Duration.ofDays(30), Duration.ofMinutes(90));
        assertThat(sweep.posts()).containsExactly(5000, 50);
    }

    @Test
    void shouldVaryOneDimensionAtATimeWithTheDefaultAlwaysAmongItsValues() {
        // given lists in any order, the posts' without the default 50
        SweepSettings sweep = load(Map.of("bench.sweep.partitions", "16,8", "bench.sweep.posts", "500",
                "bench.sweep.instances", "2", "bench.sweep.spans", "30d")).sweep();
        Point base = sweep.base();

        // when
        Map<Dimension, List<Point>> plan = sweep.plan();

        // then
        assertThat(plan.get(Dimension.PARTITIONS)).containsExactly(base, new Point(8, 50, base.span(), 1), new Point(16, 50, base.span(), 1));
        assertThat(plan.get(Dimension.POSTS)).containsExactly(base, new Point(4, 500, base.span(), 1));
        assertThat(plan.get(Dimension.SPAN)).containsExactly(base, new Point(4, 50, Duration.ofDays(30), 1));
        assertThat(plan.get(Dimension.INSTANCES)).containsExactly(base, new Point(4, 50, base.span(), 2));
        assertThat(Dimension.SPAN.value(plan.get(Dimension.SPAN).get(1))).isEqualTo(720);
        assertThat(Dimension.SPAN.text(plan.get(Dimension.SPAN).get(1))).isEqualTo("30 d");
    }

    @Test
    void shouldRefuseASweepValueThatIsNotANumberOrNotAboveZero() {
        assertThatThrownBy(() -> load(Map.of("bench.sweep.partitions", "4,eight"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bench.sweep.partitions").hasMessageContaining("eight");
        assertThatThrownBy(() -> load(Map.of("bench.sweep.instances", "0,1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bench.sweep.instances");
        assertThatThrownBy(() -> load(Map.of("bench.sweep.spans", "soon"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bench.sweep.spans");
        assertThatThrownBy(() -> load(Map.of("bench.sweep.posts", " , "))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs at least one value");
    }

    @Test
    void shouldSplitTheSmallDeviceFlagsIntoJvmArguments() {
        EdgeSettings edge = load(Map.of("bench.edge.small.jvm", " -Xmx48m  -XX:+UseSerialGC ")).edge();

        assertThat(edge.smallJvmFlags()).containsExactly("-Xmx48m", "-XX:+UseSerialGC");
    }

    @Test
    void shouldRefuseARateOfNothing() {
        assertThatThrownBy(() -> load(Map.of("bench.edge.post.rate", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bench.edge.post.rate");
    }
}
