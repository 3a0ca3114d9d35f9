package org.flowwatch.cli;

import java.io.PrintWriter;
import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that serves until Ctrl-C shares (dispatch, ops, hub, gateway): the settings, the port of its
 * /metrics, /health and /ready ({@code ops.OpsEndpoint}), and the command it is mixed into, whose flags go on top.
 */
final class ServiceOptions {

    @Mixin
    ConfigOptions config;

    @Option(descriptionKey = "ops.port", names = "--ops-port", paramLabel = "PORT", description = "Port of /metrics, /health and /ready (ops.port, default 9400).")
    Integer opsPort;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The layered settings, the command's own flags on top. */
    Settings settings() {
        return config.load(ConfigOptions.flagsOf(spec));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
