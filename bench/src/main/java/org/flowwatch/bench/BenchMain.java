package org.flowwatch.bench;

import org.flowwatch.cli.FlowwatchCommand;

/** The bench launcher: the flowwatch command line with {@code bench} added, kept out of the product jar. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(FlowwatchCommand.commandLine(new BenchCommand()).execute(args));
    }
}
