package org.flowwatch.cli;

import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine.Command;

@Command(name = "config", description = "Print every setting with its effective value and where it came from (secrets masked).")
final class ConfigCommand extends SettingsCommand {

    @Override
    int run(Settings settings) {
        config.out().println(settings.describe());
        return 0;
    }
}
