package org.flowwatch.cli;

import java.io.PrintWriter;
import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine.Option;

/**
 * An {@code ... apply} command: works out how the cluster differs from the catalogue, prints one line per change, makes
 * the changes unless {@code --dry-run}, and ends with {@link #summary}.
 */
abstract class ApplyCommand extends SettingsCommand {

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;

    @Override
    final int run(Settings settings) {
        return apply(settings, config.out());
    }

    /** The exit code: 0, or {@link OneLineErrors#FAILED} when a change cannot be made. */
    abstract int apply(Settings settings, PrintWriter out);

    /** The last line of an apply: the changes applied, or with --dry-run planned; {@code checked} when there are none. */
    String summary(String what, int changes, String checked) {
        if (changes == 0) {
            return what + ": nothing changed (" + checked + ")";
        }
        return dryRun ? what + ": dry run, " + changes + " change(s) planned, nothing changed" : what + ": " + changes + " change(s) applied";
    }
}
