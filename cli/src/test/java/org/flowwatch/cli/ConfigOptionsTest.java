package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.config.Settings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class ConfigOptionsTest {

    @Test
    void shouldTurnTheFlagsGivenIntoTheirSettingsAndLeaveOutTheRest() {
        // given a demo started with a port, a replay option and one switch
        CommandLine flowwatch = FlowwatchCommand.commandLine();
        flowwatch.parseArgs("demo", "--hub", "--kafka-port", "19092", "--hours", "6");
        CommandLine demo = flowwatch.getSubcommands().get("demo");

        // then each flag given is its setting; options not given and switches left off set nothing
        assertThat(ConfigOptions.flagsOf(demo.getCommandSpec())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "demo.hub", "true", "embedded.kafka.port", "19092", "replay.hours", "6"));
    }

    @Test
    void shouldPutTheCommandsOwnFlagsOnTopWhenACommandFamilysOptionsLoadTheSettings() {
        // given a service and a post command, each with a flag of its own, one of its family's and an override
        CommandLine flowwatch = FlowwatchCommand.commandLine();
        flowwatch.parseArgs("dispatch", "--ops-port", "19400", "--endpoints", "endpoints.yaml", "--set", "ops.port=1");
        DispatchCommand dispatch = flowwatch.getSubcommands().get("dispatch").getCommand();
        CommandLine post = flowwatch.getSubcommands().get("post");
        post.parseArgs("send", "--post", "BP-07", "--until-drained");
        PostCommand.Send send = post.getSubcommands().get("send").getCommand();

        // when
        Settings service = dispatch.config.settings();
        Settings journal = send.config.settings();

        // then the flags sit above --set, as on every command
        assertThat(service.integer("ops.port")).isEqualTo(19400);
        assertThat(service.string("dispatch.endpoints.file")).isEqualTo("endpoints.yaml");
        assertThat(journal.string("post.id")).isEqualTo("BP-07");
    }

    @Test
    void shouldBindEveryOptionOfEveryCommandToASettingThatExists() {
        // a misspelt key would be refused only when a user gives that flag
        List<OptionSpec> bound = new ArrayList<>();
        collect(FlowwatchCommand.commandLine().getCommandSpec(), bound);
        assertThat(bound).hasSizeGreaterThan(30);
        for (OptionSpec option : bound) {
            assertThatCode(() -> new ConfigOptions().load(Map.of(option.descriptionKey(), "1")))
                    .as("%s of '%s' binds to %s", option.longestName(), option.command().qualifiedName(), option.descriptionKey())
                    .doesNotThrowAnyException();
        }
    }

    private static void collect(CommandSpec command, List<OptionSpec> bound) {
        command.options().stream().filter(option -> !option.usageHelp() && !option.versionHelp())
                .filter(option -> option.descriptionKey() != null && !option.descriptionKey().isEmpty())
                .forEach(bound::add);
        command.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), bound));
    }
}
