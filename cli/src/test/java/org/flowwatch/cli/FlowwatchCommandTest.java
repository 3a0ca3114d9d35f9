package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowwatchCommandTest {

    @Test
    void shouldListEveryCommandOnceUnderWhatItServesWhenAskedForHelp() {
        // when
        CommandRun run = CommandRun.of("--help");

        // then every group is there, and every command of the command line in exactly one of them
        assertThat(run.exitCode()).isZero();
        CommandGroups.GROUPS.keySet().forEach(heading -> assertThat(run.out()).contains("\n" + heading + ":\n"));
        assertThat(run.out()).doesNotContain("Other:");
        for (String command : FlowwatchCommand.commandLine().getSubcommands().keySet()) {
            assertThat(run.out().lines().filter(line -> line.startsWith("  " + command + " "))).as(command).hasSize(1);
        }
    }

    @Test
    void shouldRefuseAnUnknownSettingInOneLineWhenGivenAsAFlag() {
        // when
        CommandRun run = CommandRun.of("config", "--set", "kafka.bootstrap.server=x:9092", "--set", "no.such.key=1");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("unknown setting 'no.such.key' from flags");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldPrintEffectiveSettingsWithTheirLayerAndSecretsMasked(@TempDir Path dir) throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("app.properties"), "replay.hours=48\n");

        // when
        CommandRun run = CommandRun.of("config", "--config", file.toString(), "--set", "registry.basic.auth=ops:s3cret");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("replay.hours=48  [file " + file + "]")
                .contains("registry.basic.auth=****  [flags]")
                .contains("streams.processing.guarantee=exactly_once_v2  [defaults")
                .doesNotContain("s3cret");
    }

    @Test
    void shouldNameTheBadValueAndExitWithUsageWhenASettingIsMalformed() {
        // when
        CommandRun run = CommandRun.of("replay", "--set", "replay.speed=fast");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("flowwatch: setting 'replay.speed' must be a number, got 'fast' (from flags)");
    }

    @Test
    void shouldRefuseALanguageOtherThanHyRuEnBeforeReadingKafkaWhenStatusOrPostIsAsked() {
        // when
        CommandRun status = CommandRun.of("alerts", "--locale", "de");
        CommandRun post = CommandRun.of("post", "status", "--locale", "fr");

        // then
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err().strip()).isEqualTo("flowwatch: setting 'ops.locale' (from flags): unknown language 'de': hy, ru or en");
        assertThat(post.exitCode()).isEqualTo(2);
        assertThat(post.err().strip()).isEqualTo("flowwatch: setting 'post.locale' (from flags): unknown language 'fr': hy, ru or en");
    }

    @Test
    void shouldExplainAMistypedOptionWithoutAStackTrace() {
        // when
        CommandRun run = CommandRun.of("demo", "--kafka-port", "ninety");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--kafka-port").contains("flowwatch demo --help").doesNotContain("\tat ");
    }

    @Test
    void shouldPrintUsageWhenAnyCommandIsAskedForHelp() {
        // given every command and subcommand (aliases once), as the one-line errors tell the user to ask them
        Set<String> commands = new TreeSet<>();
        FlowwatchCommand.commandLine().getSubcommands().values().forEach(command -> {
            commands.add(command.getCommandSpec().qualifiedName());
            command.getSubcommands().values().forEach(sub -> commands.add(sub.getCommandSpec().qualifiedName()));
        });

        for (String command : commands) {
            // when
            List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1, command.split(" ").length));
            args.add("--help");
            CommandRun run = CommandRun.of(args.toArray(String[]::new));

            // then
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: " + command);
        }
    }

    @Test
    void shouldOfferResetBesideStreamsRunAndStillAtTheTop() {
        // when
        CommandRun underStreams = CommandRun.of("streams", "reset", "--help");
        CommandRun alias = CommandRun.of("reset", "--help");

        // then both are the same command
        assertThat(underStreams.exitCode()).isZero();
        assertThat(alias.exitCode()).isZero();
        assertThat(underStreams.out()).contains("--truncate-outputs").contains("Usage: flowwatch streams reset");
        assertThat(alias.out()).contains("--truncate-outputs");
    }
}
