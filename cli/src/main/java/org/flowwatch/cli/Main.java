package org.flowwatch.cli;


/** The one flowwatch command. Only here is System.exit called. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FlowwatchCommand.commandLine().execute(args));
    }
}
