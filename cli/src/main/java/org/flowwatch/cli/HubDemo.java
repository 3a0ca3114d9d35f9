package org.flowwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.consumers.console.AlertLine;
import org.flowwatch.consumers.console.ArrivalCountTable;
import org.flowwatch.consumers.dashboard.OpsCentre;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.view.TopicViewer;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.hub.HubLink;
import org.flowwatch.hub.HubSettings;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * {@code flowwatch demo --hub}: the centre and one regional hub on this machine, each a real broker and registry running
 * the arrivals and sites apps, linked by MirrorMaker 2 as {@code flowwatch hub} runs it. The replay is written at the
 * hub, as Kornidzor's post would; the link is cut for the replay hours of {@code demo.hub.cut.hours}, and by hand
 * ({@code cut} and {@code restore} typed in the terminal, or the buttons of the side-by-side page), so a user sees the
 * hub count on while the centre waits, and the centre catch up once the link is back.
 */
final class HubDemo {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CAUGHT_UP_TIMEOUT = Duration.ofSeconds(120);

    private final PrintWriter out;
    private final long started;
    private final BiFunction<EmbeddedStack, Map<String, String>, Settings> wiring;

    /** @param wiring the user's settings pointed at a stack, with the overrides given */
    HubDemo(PrintWriter out, long started, BiFunction<EmbeddedStack, Map<String, String>, Settings> wiring) {
        this.out = out;
        this.started = started;
        this.wiring = wiring;
    }

    int run(Settings settings, Path dir, GracefulStop stop) throws InterruptedException {
        out.printf("Starting the centre's Kafka on 127.0.0.1:%d and registry on 127.0.0.1:%d, and the hub's ...%n",
                settings.integer("embedded.kafka.port"), settings.integer("embedded.registry.port"));
        out.flush();
        try (EmbeddedStack centre = EmbeddedStack.start(dir.resolve("centre"), settings.integer("embedded.kafka.port"),
                settings.integer("embedded.registry.port"), DemoCommand.registryKind(settings));
             EmbeddedStack hub = EmbeddedStack.start(dir.resolve("hub"), 0, 0, DemoCommand.registryKind(settings))) {
            // Both ends share this process: the centre keeps the user's ops and query ports, the hub takes free ones, and
            // the user's dashboard port serves the page that shows both dashboards (each on a free port).
            Settings atCentre = wiring.apply(centre, Map.of("ops.http.port", "0",
                    "streams.state.dir", dir.resolve("centre-state").toString()));
            String hubName = settings.string("demo.hub.name");
            Settings atHub = wiring.apply(hub, Map.of("ops.port", "0", "sites.query.port", "0", "ops.http.port", "0",
                    "streams.state.dir", dir.resolve("hub-state").toString(),
                    "hub.name", hubName,
                    "hub.centre.bootstrap.servers", centre.bootstrapServers(),
                    "hub.centre.registry.url", centre.registryUrl(),
                    "hub.check.every", "2s"));
            out.printf("Centre %s, hub %s (%s) ready in %.1f s%n", centre.bootstrapServers(), hubName, hub.bootstrapServers(), seconds());
            TopicsCommand.createMissing(atCentre, Topics.ALL);
            TopicsCommand.createMissing(atHub, Topics.ALL);
            out.printf("Published %d sites and items at the centre (reference data)%n", ReferenceCommand.publishDefaults(atCentre));
            HubSettings linkSettings = HubSettings.from(atHub);
            try (HubLink link = HubLink.start(linkSettings);
                 RunningApps centreApps = RunningApps.start(atCentre, true, true, false);
                 RunningApps hubApps = RunningApps.start(atHub, true, true, false)) {
                HubCommand.register(hubApps.registry(), link, linkSettings);
                if (!running(centreApps, "centre") || !running(hubApps, hubName)) {
                    return OneLineErrors.FAILED;
                }
                out.printf("Metrics of the centre on http://127.0.0.1:%d/metrics, of the hub (with the link's replication lag) on"
                        + " http://127.0.0.1:%d/metrics%n", centreApps.opsPort(), hubApps.opsPort());
                return runLinked(settings, atCentre, atHub, centreApps, hubApps, new LinkSwitch(link, hubName, out), stop);
            }
        }
    }

    private int runLinked(Settings settings, Settings atCentre, Settings atHub, RunningApps centreApps, RunningApps hubApps,
                          LinkSwitch link, GracefulStop stop) throws InterruptedException {
        String hubName = link.hubName();
        FlowwatchSerdes centreSerdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(atCentre));
        FlowwatchSerdes hubSerdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(atHub));
        ArrivalCountTable countedAtCentre = quietTable(settings);
        ArrivalCountTable countedAtHub = quietTable(settings);
        try (OpsCentre centreDashboard = OpsCentre.start(OpsSettings.from(atCentre), centreSerdes, centreApps.registry(), Clock.systemUTC());
             OpsCentre hubDashboard = OpsCentre.start(OpsSettings.from(atHub), hubSerdes, hubApps.registry(), Clock.systemUTC());
             TopicViewer<ArrivalCount> centreCounts = totals(atCentre, centreSerdes, countedAtCentre);
             TopicViewer<ArrivalCount> hubCounts = totals(atHub, hubSerdes, countedAtHub);
             TopicViewer<?> centreAlerts = alertLines(atCentre, centreSerdes, "centre");
             TopicViewer<?> hubAlerts = alertLines(atHub, hubSerdes, hubName);
             HubDemoPage page = HubDemoPage.start(settings.string("ops.http.host"), settings.integer("ops.http.port"),
                     centreDashboard.port(), hubDashboard.port(), link,
                     () -> new HubDemoPage.Counted(countedAtHub.totalPeople(), countedAtCentre.totalPeople()))) {
            out.printf("Dashboard on http://127.0.0.1:%d/ (the centre and %s side by side, the link's lag, cut and restore)%n", page.port(), hubName);
            link.listenOnTerminal();
            HubCutHours cut = HubCutHours.parse(settings.string("demo.hub.cut.hours"));
            out.printf("Replaying the 2023 arrivals through Kornidzor into the hub at %s%s; type cut or restore to switch the link%n",
                    hubName, cut.describe());
            DemoSupplyScript supplies = DemoSupplyScript.forReplay(atHub);
            int[] hoursSent = {0};
            ScenarioReplay.Sent sent = ReplayCommand.replay(atHub, (hour, people) -> {
                supplies.publishDueBy(hour);
                int sentHours = ++hoursSent[0];
                if (sentHours == cut.from()) {
                    link.cut();
                } else if (sentHours == cut.until()) {
                    link.restore();
                }
                out.printf("hour %2d: %,7d sent · counted at %s %,7d · at the centre %,7d · link %s%n", sentHours, people, hubName,
                        countedAtHub.totalPeople(), countedAtCentre.totalPeople(), link.state());
                out.flush();
            });
            out.printf("Replay done: %,d people in %,d groups sent to the hub and acknowledged%n", sent.people(), sent.groups());
            out.flush();
            if (!settings.bool("demo.exit.after.replay")) {
                out.println("Counts stay live; type cut or restore to switch the link; Ctrl-C stops everything.");
                out.flush();
                stop.awaitRequest();
                return 0;
            }
            link.restore();
            boolean atHubExact = countedAtHub.awaitTotal(sent.people(), CAUGHT_UP_TIMEOUT);
            boolean atCentreExact = countedAtCentre.awaitTotal(sent.people(), CAUGHT_UP_TIMEOUT);
            out.printf("Counted at the hub %,d of %,d people sent; at the centre %,d of %,d%n", countedAtHub.totalPeople(),
                    sent.people(), countedAtCentre.totalPeople(), sent.people());
            return atHubExact && atCentreExact ? 0 : OneLineErrors.FAILED;
        }
    }

    private boolean running(RunningApps apps, String where) throws InterruptedException {
        int up = apps.awaitRunning(READY_TIMEOUT).size();
        if (up < 2) {
            out.printf("flowwatch: a streams app at %s did not reach RUNNING; see the log above%n", where);
            return false;
        }
        out.printf("Streams apps RUNNING at %s after %.1f s%n", where, seconds());
        return true;
    }

    /** Hourly counts summed for the page and the progress lines; the demo's table of every hour would print twice. */
    private static ArrivalCountTable quietTable(Settings settings) {
        return new ArrivalCountTable(new PrintWriter(Writer.nullWriter()), CommonSettings.timeZone(settings));
    }

    private static TopicViewer<ArrivalCount> totals(Settings settings, FlowwatchSerdes serdes, ArrivalCountTable table) {
        return new TopicViewer<>(CommonSettings.kafkaClient(settings), serdes, Topics.ARRIVALS_HOURLY,
                batch -> table.show(batch.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList())).start();
    }

    /** Each end raises its own alerts (they are never copied): a line per change, marked with where it was raised. */
    private static TopicViewer<?> alertLines(Settings settings, FlowwatchSerdes serdes, String where) {
        return TopicViewer.ofValues(CommonSettings.kafkaClient(settings), serdes, Topics.ALERT_EVENTS,
                alert -> System.out.println("[" + where + "] " + AlertLine.of(alert))).start();
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The demo's hand on the link: MirrorMaker paused and resumed, announced in the terminal. */
    static final class LinkSwitch {

        private final HubLink link;
        private final String hubName;
        private final PrintWriter out;
        private boolean cut;

        LinkSwitch(HubLink link, String hubName, PrintWriter out) {
            this.link = link;
            this.hubName = hubName;
            this.out = out;
        }

        String hubName() {
            return hubName;
        }

        synchronized void cut() {
            if (!cut) {
                cut = true;
                link.pause();
                out.printf("Link %s <-> centre CUT: the hub counts on alone, the centre sees nothing more from it%n", hubName);
                out.flush();
            }
        }

        synchronized void restore() {
            if (cut) {
                cut = false;
                link.resume();
                out.printf("Link %s <-> centre RESTORED: MirrorMaker copies the backlog up%n", hubName);
                out.flush();
            }
        }

        synchronized boolean isCut() {
            return cut;
        }

        boolean replicating() {
            return link.isReplicating();
        }

        Duration lagUp() {
            return link.lag().up();
        }

        Duration lagDown() {
            return link.lag().down();
        }

        String state() {
            return isCut() ? "cut (up lag " + lagUp().toSeconds() + " s)" : replicating() ? "up (lag " + lagUp().toSeconds() + " s)" : "starting";
        }

        /** "cut" and "restore" typed in the terminal; ends quietly when stdin is closed (a script, CI). */
        void listenOnTerminal() {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        switch (line.strip().toLowerCase(Locale.ROOT)) {
                            case "cut", "c" -> cut();
                            case "restore", "r" -> restore();
                            case "" -> { }
                            default -> {
                                out.println("type cut or restore (the link), or Ctrl-C to stop");
                                out.flush();
                            }
                        }
                    }
                } catch (IOException closed) {
                    // no terminal: the page's buttons and demo.hub.cut.hours still switch the link
                }
            }, "demo-link-terminal");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
