package org.flowwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.consumers.console.AlertLine;
import org.flowwatch.consumers.console.ArrivalCountTable;
import org.flowwatch.consumers.dashboard.OpsCentre;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.metrics.SiteMetrics;
import org.flowwatch.consumers.view.TopicViewer;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.RegistryKind;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import picocli.CommandLine.Command;

/**
 * The whole pipeline on one laptop: a real KRaft broker and a real schema registry, the arrivals and sites apps, the
 * 2023 replay with a few supplies, a live table of hourly counts and a line per alert change. Ctrl-C stops everything.
 */
@Command(name = "demo", description = "Run the pipeline on an embedded broker and registry, replaying the start of the 2023 arrivals.")
final class DemoCommand extends SettingsCommand {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COUNTED_TIMEOUT = Duration.ofSeconds(60);

    @Override
    int run(Settings settings) throws InterruptedException {
        PrintWriter out = config.out();
        long started = System.nanoTime();
        try (GracefulStop stop = new GracefulStop();
             DemoDirectory dir = DemoDirectory.of(settings.optional("demo.data.dir"))) {
            if (settings.bool("demo.hub")) {
                return new HubDemo(out, started, this::wiredTo).run(settings, dir.path(), stop);
            }
            out.printf("Starting Kafka (KRaft) on 127.0.0.1:%d and the schema registry on 127.0.0.1:%d ...%n",
                    settings.integer("embedded.kafka.port"), settings.integer("embedded.registry.port"));
            out.flush();
            try (EmbeddedStack stack = EmbeddedStack.start(dir.path(), settings.integer("embedded.kafka.port"),
                    settings.integer("embedded.registry.port"), registryKind(settings))) {
                out.printf("Broker %s and registry %s ready in %.1f s%n", stack.bootstrapServers(), stack.registryUrl(), seconds(started));
                return runPipeline(wiredTo(stack, Map.of("streams.state.dir", dir.path().resolve("streams").toString())), stop, out, started);
            }
        } catch (InterruptedException e) {
            out.println();
            out.println("Stopped.");
            return 0;
        }
    }

    private int runPipeline(Settings settings, GracefulStop stop, PrintWriter out, long started) throws InterruptedException {
        TopicsCommand.createMissing(settings, Topics.ALL);
        out.printf("Published %d sites and items (reference data)%n", ReferenceCommand.publishDefaults(settings));
        try (RunningApps streams = RunningApps.start(settings, true, true, false)) {
            out.printf("Metrics on http://127.0.0.1:%d/metrics, readiness on /ready%n", streams.opsPort());
            List<String> running = streams.awaitRunning(READY_TIMEOUT);
            running.forEach(out::println);
            if (running.size() < 2) {
                out.println("flowwatch: a streams app did not reach RUNNING; see the log above");
                return OneLineErrors.FAILED;
            }
            out.printf("Streams apps RUNNING (%s) after %.1f s; replaying the 2023 arrivals through Kornidzor%n",
                    settings.string("streams.processing.guarantee"), seconds(started));
            ArrivalCountTable table = new ArrivalCountTable(out, CommonSettings.timeZone(settings));
            DemoSiteLines siteLines = new DemoSiteLines(CommonSettings.timeZone(settings));
            AtomicBoolean firstShown = new AtomicBoolean();
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            try (OpsCentre centre = OpsCentre.start(OpsSettings.from(settings), serdes, streams.registry(), Clock.systemUTC());
                 SiteMetrics projection = SiteMetrics.follow(OpsSettings.from(settings).kafka(), serdes, streams.registry());
                 TopicViewer<ArrivalCount> feed = new TopicViewer<>(batchedViewer(settings), serdes, Topics.ARRIVALS_HOURLY, batch -> {
                     if (firstShown.compareAndSet(false, true)) {
                         out.printf("First hourly count after %.1f s%n", seconds(started));
                     }
                     table.show(batch.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList());
                 }).start();
                 TopicViewer<?> alerts = TopicViewer.ofValues(CommonSettings.kafkaClient(settings), serdes, Topics.ALERT_EVENTS,
                         alert -> System.out.println(AlertLine.of(alert))).start();
                 TopicViewer<?> sites = TopicViewer.ofValues(CommonSettings.kafkaClient(settings), serdes, Topics.SITE_STATUS,
                         siteLines::update).start()) {
                out.printf("Dashboard on %s (domain metrics on the ops port's /metrics)%n", OpsCommand.address(centre));
                // The table of counts and the alert lines are the demo's progress display.
                DemoSupplyScript supplies = DemoSupplyScript.forReplay(settings);
                ScenarioReplay.Sent sent = ReplayCommand.replay(settings, (hour, people) -> {
                    supplies.publishDueBy(hour);
                    siteLines.showEvery(hour, out);
                });
                out.printf("Replay done: %,d people in %,d groups sent and acknowledged%n", sent.people(), sent.groups());
                out.flush();
                return settings.bool("demo.exit.after.replay") ? checkCounted(table, sent, out) : stayLive(stop, out);
            }
        }
    }

    private static int checkCounted(ArrivalCountTable table, ScenarioReplay.Sent sent, PrintWriter out) throws InterruptedException {
        boolean exact = table.awaitTotal(sent.people(), COUNTED_TIMEOUT);
        out.printf("Counted %,d of %,d people sent%n", table.totalPeople(), sent.people());
        return exact ? 0 : OneLineErrors.FAILED;
    }

    private static int stayLive(GracefulStop stop, PrintWriter out) throws InterruptedException {
        out.println("Counts stay live; Ctrl-C stops everything.");
        out.flush();
        stop.awaitRequest();
        return 0;
    }

    /** The user's settings, pointed at an embedded broker and registry, with {@code overrides} (state directory, ports). */
    private Settings wiredTo(EmbeddedStack stack, Map<String, String> overrides) {
        Map<String, String> wired = new LinkedHashMap<>(config.flags());
        wired.put("kafka.bootstrap.servers", stack.bootstrapServers());
        wired.put("registry.url", stack.registryUrl());
        wired.putAll(overrides);
        // A day replayed in 24 s: alert timings scaled so surges and a silent post show within the demo.
        wired.putIfAbsent("sites.surge.people.per.hour", "250");
        wired.putIfAbsent("sites.post.silent.warning", "20s");
        wired.putIfAbsent("sites.post.silent.critical", "60s");
        wired.putIfAbsent("sites.post.silent.check.every", "5s");
        wired.putIfAbsent("sites.reevaluate.every", "2s");
        return config.load(wired);
    }

    /** A terminal wants a batch of counts a second, not a line per commit of the streams app. */
    private static Map<String, Object> batchedViewer(Settings settings) {
        Map<String, Object> config = new HashMap<>(CommonSettings.kafkaClient(settings));
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000);
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
        return config;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static RegistryKind registryKind(Settings settings) {
        try {
            return RegistryKind.of(settings.string("embedded.registry"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'embedded.registry': " + e.getMessage() + " (from " + settings.layer("embedded.registry") + ")");
        }
    }
}
