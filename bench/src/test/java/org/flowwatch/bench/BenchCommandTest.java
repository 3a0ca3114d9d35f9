package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.flowwatch.cli.ConfigOptions;
import org.flowwatch.cli.FlowwatchCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class BenchCommandTest {

    @Test
    void shouldSetTheBenchSettingsWhenTheFlagsOfItsOwnTableAreGiven() {
        // given the flowwatch command line as the bench launcher builds it
        CommandLine flowwatch = FlowwatchCommand.commandLine(new BenchCommand());

        // when
        flowwatch.parseArgs("bench", "--events", "5000", "--sections", "throughput");
        CommandSpec bench = flowwatch.getSubcommands().get("bench").getCommandSpec();

        // then each flag is its setting, and its help shows the default of bench.properties
        assertThat(ConfigOptions.flagsOf(bench)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bench.events", "5000", "bench.sections", "throughput"));
        assertThat(bench.findOption("--repeats").description()).containsExactly("Runs of each measurement (bench.repeats, default 3).");
    }
}
