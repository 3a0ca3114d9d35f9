package org.flowwatch.cli;

import java.util.concurrent.Callable;
import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine.Mixin;

/**
 * A command that runs on the layered settings ({@link ConfigOptions}: defaults, {@code --config}, environment,
 * {@code --set}, its own flags): picocli calls it, and it is handed them loaded.
 */
abstract class SettingsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Override
    public final Integer call() throws Exception {
        return run(config.settings());
    }

    /** The exit code. */
    abstract int run(Settings settings) throws Exception;
}
