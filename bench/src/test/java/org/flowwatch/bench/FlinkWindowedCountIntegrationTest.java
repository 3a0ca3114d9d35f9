package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.cli.ConfigOptions;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink row of the throughput section against a real broker and registry: the peer jar's job counts every
 * preloaded crossing exactly once into its output topic, and the bench refuses a run whose counts do not add up.
 * Needs the peer jar and about a minute, so it runs only with {@code -Dflowwatch.bench.flink=true} after
 * {@code ./mvnw -Pflink-peer -pl bench-flink package -DskipTests}.
 */
@Tag("integration")
@Timeout(300)
@EnabledIfSystemProperty(named = "flowwatch.bench.flink", matches = "true")
class FlinkWindowedCountIntegrationTest {

    private static final Path JAR = Path.of(System.getProperty("flowwatch.bench.flink.jar", "../bench-flink/target/flowwatch-flink-peer.jar"));
    private static final long CROSSINGS = 20_000;

    @Test
    void shouldCountEveryPreloadedCrossingOnceAndRefuseARunThatDoesNotAddUp(@TempDir Path dir) throws Exception {
        FlinkWindowedCount.requireBuilt(Optional.of(JAR));
        try (BenchStack stack = BenchStack.start(dir.resolve("broker"), overrides -> new ConfigOptions().load(overrides, BenchSettings.DEFAULTS))) {
            // given 20,000 crossings from 50 posts over 6 h of event time
            Settings wired = stack.settings(Map.of("bench.events", Long.toString(CROSSINGS)));
            BenchSettings bench = BenchSettings.from(wired);
            CrossingPreloader.preload(stack.kafka(), FlowwatchSerdes.forRegistry(StreamsSettings.from(wired).registry()), bench);
            List<String> progress = new ArrayList<>();
            FlinkWindowedCount flink = new FlinkWindowedCount(JAR, 2, Duration.ofMillis(100), dir.resolve("flink"), progress::add);

            // when the job runs over them
            double rate = flink.recordsPerSecond(stack.kafka(), CROSSINGS);

            // then it finished, and the counts it committed hold each crossing once (checked inside, read back here too)
            assertThat(rate).isPositive();
            assertThat(progress).singleElement().asString().contains("committed counts hold all 20,000 crossings");

            // when the bench expects one crossing more than the counts can hold
            // then the run is refused rather than quoted
            assertThatThrownBy(() -> flink.recordsPerSecond(stack.kafka(), CROSSINGS + 1))
                    .hasMessage("the Flink peer job counted 20,000 crossings where 20,001 were sent");
        }
    }
}
