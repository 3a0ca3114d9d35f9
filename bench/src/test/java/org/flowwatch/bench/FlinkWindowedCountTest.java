package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;
import org.junit.jupiter.api.Test;

class FlinkWindowedCountTest {

    @Test
    void shouldReadBothOfTheJobsClocksFromItsResultLine() {
        // given the job's stdout (Flink may print before it)
        String stdout = "something Flink said\nflink-peer: elapsed.nanos=1500000000 running.nanos=2250000000\n";

        // when
        FlinkWindowedCount.JobTiming timing = FlinkWindowedCount.JobTiming.parse(stdout);

        // then
        assertThat(timing.fromFirstRecord()).isEqualTo(1.5);
        assertThat(timing.fromRunning()).isEqualTo(2.25);
    }

    @Test
    void shouldRefuseAJobThatPrintedNoResult() {
        assertThatThrownBy(() -> FlinkWindowedCount.JobTiming.parse("flink-peer: elapsed.nanos=\n"))
                .hasMessageContaining("printed no 'flink-peer: elapsed.nanos=");
    }

    @Test
    void shouldSayHowToBuildTheJarWhenItIsMissing() {
        assertThatThrownBy(() -> FlinkWindowedCount.requireBuilt(Optional.of(Path.of("no/such/flowwatch-flink-peer.jar"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not built; build it with '" + FlinkWindowedCount.BUILD + "'")
                .hasMessageContaining("--set bench.flink.jar=");
    }

    @Test
    void shouldNeedNoJarWhenTheRowIsLeftOut() {
        assertThatCode(() -> FlinkWindowedCount.requireBuilt(Optional.empty())).doesNotThrowAnyException();
    }
}
