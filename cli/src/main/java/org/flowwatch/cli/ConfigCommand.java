package org.flowwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", description = "Print every setting with its effective value and where it came from (secrets masked).")
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        config.out().println(config.settings().describe());
        return 0;
    }
}
