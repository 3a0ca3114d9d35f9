package org.flowwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.consumers.dashboard.OpsCentre;
import org.flowwatch.consumers.metrics.SiteMetrics;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;

@Command(name = "ops", description = "Serve the operations centre's live dashboard (arrivals, posts, sites, alerts with "
        + "acknowledgement) and its domain metrics on /metrics, until Ctrl-C.")
final class OpsCommand extends SettingsCommand {

    @Override
    int run(Settings settings) {
        OpsSettings ops = OpsSettings.from(settings);
        TopicsCommand.createMissing(settings, OpsCentre.topics());
        PrintWriter out = config.out();
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
