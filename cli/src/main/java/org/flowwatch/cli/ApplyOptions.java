package org.flowwatch.cli;

import picocli.CommandLine.Option;

/** What every {@code ... apply} command takes: the settings, and {@code --dry-run}. */
final class ApplyOptions extends ConfigOptions {

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;
}
