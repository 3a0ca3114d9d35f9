package org.flowwatch.cli;

import picocli.CommandLine.Option;

/**
 * What every command that serves until Ctrl-C shares (dispatch, ops, hub, gateway): the settings, and the port of its
 * /metrics, /health and /ready ({@code ops.OpsEndpoint}).
 */
final class ServiceOptions extends ConfigOptions {

    @Option(descriptionKey = "ops.port", names = "--ops-port", paramLabel = "PORT", description = "Port of /metrics, /health and /ready (ops.port, default 9400).")
    Integer opsPort;
}
