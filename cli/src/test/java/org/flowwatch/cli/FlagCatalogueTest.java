package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class FlagCatalogueTest {

    private static final String HEADER = "command(s)\tflag\tsetting\tlabel\ttype\twhat it does";

    @Test
    void shouldBindEachRowToTheCommandsItNamesWhenTheCommandLineIsBuilt() {
        // given
        CommandLine flowwatch = FlowwatchCommand.commandLine();

        // then every row's flag is an option of each command it names, bound to its setting
        for (FlagCatalogue.Row row : new FlagCatalogue().rows()) {
            for (String command : row.commands()) {
                List<CommandSpec> specs = command.endsWith(" *")
                        ? subcommandsOf(flowwatch, command.substring(0, command.length() - 2))
                        : List.of(commandAt(flowwatch, command));
                for (CommandSpec spec : specs) {
                    OptionSpec option = spec.findOption(row.names().get(0));
                    assertThat(option).as("%s of '%s'", row.names(), spec.qualifiedName()).isNotNull();
                    assertThat(option.descriptionKey()).isEqualTo(row.setting());
                }
            }
        }
    }

    @Test
    void shouldSetTheSettingAboveEveryOtherLayerWhenItsFlagIsGiven() {
        // given
        CommandLine flowwatch = FlowwatchCommand.commandLine();

        // when
        flowwatch.parseArgs("export", "--what", "sites", "--public", "--set", "export.what=arrivals");
        ExportCommand export = flowwatch.getSubcommands().get("export").getCommand();

        // then
        assertThat(export.config.flags()).containsExactlyInAnyOrderEntriesOf(Map.of("export.what", "sites", "export.public", "true"));
        assertThat(export.config.settings().string("export.what")).isEqualTo("sites");
        assertThat(export.config.settings().bool("export.public")).isTrue();
    }

    @Test
    void shouldRefuseTheValueWhileParsingWhenItIsNotOfTheFlagsType() {
        // when
        CommandRun run = CommandRun.of("load", "--posts", "abc");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--posts': 'abc' is not an int").doesNotContain("\tat ");
    }

    @Test
    void shouldShowTheSettingAndItsDefaultFromTheDefaultsFilesWhenHelpIsAsked() {
        // when
        CommandSpec export = FlowwatchCommand.commandLine().getSubcommands().get("export").getCommandSpec();

        // then a switch that is off by default shows no default
        assertThat(export.findOption("--threshold").description())
                .containsExactly("Counts below N are hidden in a public export (export.public.threshold, default 5).");
        assertThat(export.findOption("--public").description())
                .containsExactly("Hide small counts and what totals would reveal (export.public).");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            export\t--what\tno.such.setting\tX\ttext\tWhat                  | no defaults file declares setting 'no.such.setting'
            exprot\t--what\texport.what\tX\ttext\tWhat                    | no command 'exprot'
            export\t--what\texport.what\tX\tcolour\tWhat                  | type 'colour' is not one of
            export\t--public\texport.public\tX\tswitch\tHide              | a switch has no label
            export\t--what\texport.what\tX\ttext                          | 5 tab-separated columns, not 6
            """)
    void shouldRefuseTheTableWhenARowCannotBeBound(String row, String problem) {
        // when bound, then
        assertThatThrownBy(() -> bindToTheCli(row)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("test.tsv:2: ").hasMessageContaining(problem);
    }

    @Test
    void shouldRefuseTheTableWhenTwoRowsGiveOneCommandTheSameFlag() {
        // when bound, then
        assertThatThrownBy(() -> bindToTheCli("export\t--what\texport.what\tX\ttext\tWhat", "replay, export\t--what\texport.format\tX\ttext\tFormat"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("test.tsv:3: ").hasMessageContaining("--what");
    }

    /** Binds a table of {@code rows} (below the header) to a bare tree of two commands, export and replay. */
    private static void bindToTheCli(String... rows) {
        Settings defaults = ConfigOptions.defaults();
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(rows));
        CommandLine bare = new CommandLine(CommandSpec.create().name("flowwatch"));
        bare.addSubcommand("export", new CommandLine(CommandSpec.create().name("export")));
        bare.addSubcommand("replay", new CommandLine(CommandSpec.create().name("replay")));
        new FlagCatalogue("test.tsv", lines, defaults).transform(bare.getCommandSpec());
    }

    private static CommandSpec commandAt(CommandLine root, String path) {
        CommandLine command = root;
        for (String name : path.split(" ")) {
            command = command.getSubcommands().get(name);
        }
        return command.getCommandSpec();
    }

    private static List<CommandSpec> subcommandsOf(CommandLine root, String path) {
        return commandAt(root, path).subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().toList();
    }
}
