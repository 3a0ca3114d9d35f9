package org.flowwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

// INHERIT: --help and --version on every subcommand too (the one-line errors point there). The transformer adds each
// command's setting flags from the FlagCatalogue's table once the tree of commands is built.
@Command(name = "flowwatch", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
        modelTransformer = FlagCatalogue.class,
        description = "Real-time refugee-flow monitoring: border-post crossings to arrival counts, stock and alerts.",
        subcommands = {DemoCommand.class, StreamsCommand.class, ResetCommand.class, TopicsCommand.class, RegistryCommand.class,
                ReplayCommand.class, PostCommand.class, GatewayCommand.class, OdkCommand.class, LoadCommand.class, ReferenceCommand.class,
                SitesCommand.class, HubCommand.class,
                DispatchCommand.class, OpsCommand.class, StatusCommand.class, AlertsCommand.class, ExportCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class FlowwatchCommand {

    /**
     * The command line as main runs it; tests call {@code execute} on it and check the exit code. {@code more}: commands
     * of tools outside the product jar (the bench launcher adds {@code bench}), with the same one-line errors.
     */
    public static CommandLine commandLine(Object... more) {
        CommandLine commandLine = new CommandLine(new FlowwatchCommand());
        for (Object command : more) {
            // built on its own first: picocli applies a command's model transformer (its flags) only then
            commandLine.addSubcommand(new CommandLine(command));
        }
        return CommandGroups.install(commandLine)
                .setExecutionExceptionHandler(new OneLineErrors())
                .setParameterExceptionHandler(new OneLineErrors());
    }
}
