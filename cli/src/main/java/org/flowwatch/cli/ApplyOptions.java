package org.flowwatch.cli;

import picocli.CommandLine.Option;

/** What every {@code ... apply} command takes: the settings, and {@code --dry-run}. */
final class ApplyOptions extends ConfigOptions {

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;

    /** The last line of an apply: the changes applied, or with --dry-run planned; {@code checked} when there are none. */
    String summary(String what, int changes, String checked) {
        if (changes == 0) {
            return what + ": nothing changed (" + checked + ")";
        }
        return dryRun ? what + ": dry run, " + changes + " change(s) planned, nothing changed" : what + ": " + changes + " change(s) applied";
    }
}
