package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
