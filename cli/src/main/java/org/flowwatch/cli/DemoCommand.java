package org.flowwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.consumers.console.ArrivalCountFeed;
import org.flowwatch.consumers.console.ArrivalCountTable;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.reference.SiteReferenceData;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.app.ArrivalsApp;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.app.StreamsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on one laptop: a real KRaft broker and a real schema registry, the streams app, the 2023
 * replay and a live table of hourly counts. Ctrl-C stops everything cleanly.
 */
@Command(name = "demo", description = "Run the pipeline on an embedded broker and registry, replaying the start of the 2023 arrivals.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COUNTED_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    ConfigOptions config;

    @Mixin
    ReplayCommand.ReplayOptions replay;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Port of the embedded broker (embedded.kafka.port, default 9092).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Port of the embedded registry (embedded.registry.port, default 8081).")
    Integer registryPort;

    @Option(names = "--ops-port", paramLabel = "PORT", description = "Port of /metrics, /health and /ready (ops.port, default 9400; 0 = any free port).")
    Integer opsPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the demo's data here (demo.data.dir; default a temporary directory).")
    Path dataDir;

    @Option(names = "--exit-after-replay", description = "Stop once the replay is counted, exit 1 if a person was not counted exactly once.")
    boolean exitAfterReplay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = flags();
        Settings settings = config.load(flags);
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (GracefulStop stop = new GracefulStop();
             DemoDirectory dir = DemoDirectory.of(settings.optional("demo.data.dir"))) {
            out.printf("Starting Kafka (KRaft) on 127.0.0.1:%d and the schema registry on 127.0.0.1:%d ...%n",
                    settings.integer("embedded.kafka.port"), settings.integer("embedded.registry.port"));
            out.flush();
            try (EmbeddedStack stack = EmbeddedStack.start(dir.path(), settings.integer("embedded.kafka.port"),
                    settings.integer("embedded.registry.port"))) {
                out.printf("Broker %s and registry %s ready in %.1f s%n", stack.bootstrapServers(), stack.registryUrl(), seconds(started));
                return runPipeline(wiredTo(stack, dir, flags), stop, out, started);
            }
        } catch (InterruptedException e) {
            out.println();
            out.println("Stopped.");
            return 0;
        }
    }

    private int runPipeline(Settings settings, GracefulStop stop, PrintWriter out, long started) throws InterruptedException {
        try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
            admin.createMissing(Topics.ALL, CommonSettings.replicationFactor(settings));
        }
        // Crossings from a post the sites topic does not know are rejected: seed the scenario's sites first.
        SiteReferenceData.publish(SiteReferenceData.armenia2023(), CommonSettings.kafkaClient(settings),
                FlowwatchSerdes.forRegistry(CommonSettings.registry(settings)));
        try (StreamsRunner streams = ArrivalsApp.start(StreamsSettings.from(settings));
             OpsEndpoint ops = OpsEndpoint.start(settings.integer("ops.port"), "demo").watch("arrivals", streams.streams())) {
            out.printf("Metrics on http://127.0.0.1:%d/metrics, readiness on /ready%n", ops.port());
            if (!streams.awaitRunning(READY_TIMEOUT)) {
                out.println("flowwatch: the streams app did not reach RUNNING (state " + streams.state() + "); see the log above");
                return OneLineErrors.FAILED;
            }
            out.printf("Streams app RUNNING (%s) after %.1f s; replaying the 2023 arrivals through Kornidzor%n",
                    settings.string("streams.processing.guarantee"), seconds(started));
            ArrivalCountTable table = new ArrivalCountTable(out, CommonSettings.timeZone(settings));
            AtomicBoolean firstShown = new AtomicBoolean();
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            try (ArrivalCountFeed feed = new ArrivalCountFeed(CommonSettings.kafkaClient(settings), serdes, counts -> {
                if (firstShown.compareAndSet(false, true)) {
                    out.printf("First hourly count after %.1f s%n", seconds(started));
                }
                table.show(counts);
            })) {
                Thread viewer = new Thread(feed, "flowwatch-viewer");
                viewer.start();
                // The table of counts is the demo's progress display.
                ScenarioReplay.Sent sent = ReplayCommand.replay(settings, (hour, people) -> { });
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

    /** The user's settings, pointed at the embedded broker and registry, with state in the demo directory. */
    private Settings wiredTo(EmbeddedStack stack, DemoDirectory dir, Map<String, String> flags) {
        Map<String, String> wired = new LinkedHashMap<>(flags);
        wired.put("kafka.bootstrap.servers", stack.bootstrapServers());
        wired.put("registry.url", stack.registryUrl());
        wired.put("streams.state.dir", dir.path().resolve("streams").toString());
        return config.load(wired);
    }

    private Map<String, String> flags() {
        Map<String, String> flags = replay.asSettings(new LinkedHashMap<>());
        ReplayCommand.ReplayOptions.putIfSet(flags, "embedded.kafka.port", kafkaPort);
        ReplayCommand.ReplayOptions.putIfSet(flags, "embedded.registry.port", registryPort);
        ReplayCommand.ReplayOptions.putIfSet(flags, "demo.data.dir", dataDir);
        ReplayCommand.ReplayOptions.putIfSet(flags, "ops.port", opsPort);
        if (exitAfterReplay) {
            flags.put("demo.exit.after.replay", "true");
        }
        return flags;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
