package org.flowwatch.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeMap;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.hub.HubLink;
import org.flowwatch.hub.HubSettings;
import org.flowwatch.hub.ReplicatedTopics;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hub", description = "Run a regional hub's link to the centre (Kafka's MirrorMaker 2, in this process) until "
        + "Ctrl-C: the region's crossings, heartbeats, supplies and movements up, sites, items and thresholds down, schema "
        + "ids rewritten for each registry; replication lag on the ops port. The hub's own cluster and registry are "
        + "kafka.bootstrap.servers and registry.url; see hub/README.md.")
final class HubCommand extends SettingsCommand {

    @Option(names = "--print-config", description = "Print the MirrorMaker settings the link would run with (secrets masked), and exit.")
    boolean printConfig;

    @Override
    int run(Settings settings) {
        HubSettings hub = HubSettings.from(settings);
        PrintWriter out = config.out();
        if (printConfig) {
            new TreeMap<>(HubLink.mirrorConfigOf(hub)).forEach((key, value) ->
                    out.printf("%s=%s%n", key, Settings.isSecret(key) ? "****" : value));
            out.flush();
            return 0;
        }
        try (GracefulStop stop = new GracefulStop();
             OpsEndpoint ops = OpsEndpoint.start(settings, "hub");
             HubLink link = HubLink.start(hub)) {
            register(ops.registry(), link, hub);
            out.printf("hub %s <-> centre %s: up %s; down %s; metrics on http://127.0.0.1:%d/metrics%n", hub.hubName(),
                    hub.centreName(), names(ReplicatedTopics.UP), names(ReplicatedTopics.DOWN), ops.port());
            out.flush();
            stop.awaitRequest();
            out.println("Stopped.");
            return 0;
        } catch (InterruptedException e) {
            out.println("Stopped.");
            return 0;
        }
    }

    /**
     * The link's gauges, tagged with the hub's name: lag per direction ({@code flowwatch_hub_replication_lag_seconds}),
     * the lag the alert rule allows ({@code hub.lag.alert.after}), whether MirrorMaker runs, how often it started.
     */
    static void register(MeterRegistry registry, HubLink link, HubSettings hub) {
        Tags tags = Tags.of("hub", hub.hubName());
        Gauge.builder("flowwatch.hub.replication.lag", link.lag(), lag -> lag.up().toMillis() / 1000.0).baseUnit("seconds")
                .tags(tags.and("direction", "up")).description("since the hub's records last reached the centre").register(registry);
        Gauge.builder("flowwatch.hub.replication.lag", link.lag(), lag -> lag.down().toMillis() / 1000.0).baseUnit("seconds")
                .tags(tags.and("direction", "down")).description("since the centre's reference data last reached the hub").register(registry);
        Gauge.builder("flowwatch.hub.replication.lag.alert", hub, settings -> settings.lagAlertAfter().toSeconds()).baseUnit("seconds")
                .tags(tags).description("lag above which FlowwatchHubNotReplicating fires (hub.lag.alert.after)").register(registry);
        Gauge.builder("flowwatch.hub.replicating", link, running -> running.isReplicating() ? 1 : 0).tags(tags)
                .description("1 while MirrorMaker runs (the centre answers and the link is not paused)").register(registry);
        Gauge.builder("flowwatch.hub.mirror.starts", link, HubLink::starts).tags(tags)
                .description("MirrorMaker starts since this process began (restarts after a cut link or a failed task)").register(registry);
    }

    private static String names(List<TopicSpec<?, ?>> topics) {
        return String.join(", ", topics.stream().map(TopicSpec::name).toList());
    }
}
