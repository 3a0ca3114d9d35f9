package org.flowwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the flowwatch command line in-process as main would, capturing its exit code, stdout and stderr. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowwatchCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
