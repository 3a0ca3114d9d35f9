package org.flowwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine.Mixin;

/**
 * An {@code ... apply} command: works out how the cluster differs from the catalogue, prints one line per change, makes
 * the changes unless {@code --dry-run}, and ends with {@link ApplyOptions#summary}.
 */
abstract class ApplyCommand implements Callable<Integer> {

    @Mixin
    ApplyOptions options;

    @Override
    public final Integer call() {
        return apply(options.settings(), options.out());
    }

    /** The exit code: 0, or {@link OneLineErrors#FAILED} when a change cannot be made. */
    abstract int apply(Settings settings, PrintWriter out);
}
