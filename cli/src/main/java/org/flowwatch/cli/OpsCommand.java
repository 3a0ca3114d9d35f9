package org.flowwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.consumers.dashboard.OpsCentre;
import org.flowwatch.consumers.metrics.SiteMetrics;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ops", description = "Serve the operations centre's live dashboard (arrivals, posts, sites, alerts with "
        + "acknowledgement) and its domain metrics on /metrics, until Ctrl-C.")
final class OpsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(descriptionKey = "ops.http.port", names = "--dashboard-port", paramLabel = "PORT", description = "Port of the dashboard (ops.http.port, default 8080; 0 = any free port).")
    Integer httpPort;

    @Option(descriptionKey = "ops.port", names = "--ops-port", paramLabel = "PORT", description = "Port of /metrics, /health and /ready (ops.port, default 9400).")
    Integer opsPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = config.load(ConfigOptions.flagsOf(spec));
        OpsSettings ops = OpsSettings.from(settings);
        try (TopicAdmin admin = new TopicAdmin(ops.kafka())) {
            admin.createMissing(OpsCentre.topics(), CommonSettings.replicationFactor(settings));
        }
        PrintWriter out = spec.commandLine().getOut();
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(ops.registry());
        try (GracefulStop stop = new GracefulStop();
             OpsEndpoint endpoint = OpsEndpoint.start(settings, "ops");
             OpsCentre centre = OpsCentre.start(ops, serdes, endpoint.registry(), Clock.systemUTC());
             SiteMetrics projection = SiteMetrics.follow(ops.kafka(), serdes, endpoint.registry())) {
            out.printf("Dashboard on %s; metrics on http://127.0.0.1:%d/metrics%n", address(centre), endpoint.port());
            out.flush();
            stop.awaitRequest();
            return 0;
        } catch (InterruptedException e) {
            out.println("Stopped.");
            return 0;
        }
    }

    static String address(OpsCentre centre) {
        return "http://127.0.0.1:" + centre.port() + "/";
    }
}
