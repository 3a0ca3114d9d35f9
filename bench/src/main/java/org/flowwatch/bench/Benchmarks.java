package org.flowwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * {@code flowwatch bench}: runs the chosen sections ({@code bench.sections}), each on a private embedded broker and
 * registry so nothing else shares them. Throughput, footprint and recovery share one broker and one preload, so
 * the baselines and flowwatch are measured side by side; latency, replay, dispatcher, edge and sites each start on an empty one;
 * the sweep starts one per input it varies.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * @param settingsFor the caller's settings with the given overrides on top (the stack's addresses, state dir)
     * @return the markdown table, also written with the JSON under {@code bench.output.dir}
     */
    public static String run(BenchSettings bench, Function<Map<String, String>, Settings> settingsFor, Consumer<String> progress)
            throws Exception {
        if (bench.runs("throughput")) {
            FlinkWindowedCount.requireBuilt(bench.flinkJar());
        }
        Path dir = Files.createTempDirectory("flowwatch-bench-");
        Section all = new Section(dir, settingsFor, progress);
        try {
            List<Figures> figures = new ArrayList<>();
            if (bench.runs("throughput") || bench.runs("footprint") || bench.runs("recovery")) {
                figures.addAll(overPreload(bench, all));
            }
            List<LatencyFigures> latencies = bench.runs("latency") ? new LatencyBench(bench, all.in("latency")).run() : List.of();
            if (bench.runs("replay")) {
                figures.addAll(new ReplayBench(all.in("replay")).run());
            }
            if (bench.runs("dispatcher")) {
                figures.addAll(DispatcherBench.run(bench.dispatcherAlerts(), all.in("dispatcher")));
            }
            if (bench.runs("edge")) {
                figures.addAll(new EdgeBench(bench.edge(), all.in("edge")).run());
            }
            Optional<SweepFigures> sweep = bench.runs("sweep") ? Optional.of(new SweepBench(bench, all.in("sweep")).run()) : Optional.empty();
            if (bench.runs("sites")) {
                figures.addAll(new SitesBench(bench, all.in("sites")).run());
            }
            BenchReport report = new BenchReport(bench, figures, latencies, sweep);
            report.write(bench.outputDir());
            return report.markdown();
        } finally {
            BenchCleanup.delete(dir);
        }
    }

    private static List<Figures> overPreload(BenchSettings bench, Section section) throws Exception {
        List<Figures> figures = new ArrayList<>();
        try (BenchStack stack = section.startStack("broker")) {
            Settings wired = stack.settings(Map.of());
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(StreamsSettings.from(wired).registry());
            section.report("preloading " + bench.events() + " crossings from " + bench.posts() + " posts over " + bench.span());
            CrossingPreloader.Preload preload = CrossingPreloader.preload(stack.kafka(), serdes, bench);
            figures.add(new Figures("producer preload (acks=all, lz4)", "records/s", List.of(preload.recordsPerSecond())));
            if (bench.runs("throughput")) {
                figures.addAll(new ThroughputBench(bench, wired, section.path("streams"), section.progress()).run(stack.kafka(), serdes, preload.people()));
            }
            if (bench.runs("footprint") || bench.runs("recovery")) {
                FootprintBench.Result footprint = new FootprintBench(bench, wired, section.progress())
                        .run(stack.kafka(), "flowwatch-bench-footprint-" + UUID.randomUUID(), section.path("footprint-state"),
                                section.path("footprint-app.log"));
                figures.addAll(footprint.figures());
                if (bench.runs("recovery")) {
                    figures.addAll(new RecoveryBench(stack.kafka(), wired, section.progress()).run(footprint));
                }
            }
            if (bench.runs("footprint")) {
                figures.addAll(new BothAppsFootprint(wired, section.progress()).run(stack.kafka(), section.dir()));
            }
        }
        return figures;
    }
}
