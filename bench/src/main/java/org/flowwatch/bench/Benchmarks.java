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
 * the baselines and flowwatch are measured side by side; latency, replay, dispatcher and edge each start on an empty one;
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
        try {
            List<Figures> figures = new ArrayList<>();
            if (bench.runs("throughput") || bench.runs("footprint") || bench.runs("recovery")) {
                figures.addAll(overPreload(bench, settingsFor, dir, progress));
            }
            List<LatencyFigures> latencies = bench.runs("latency")
                    ? new LatencyBench(bench, settingsFor, dir.resolve("latency"), progress).run() : List.of();
            if (bench.runs("replay")) {
                figures.addAll(new ReplayBench(dir.resolve("replay"), settingsFor, progress).run());
            }
            if (bench.runs("dispatcher")) {
                figures.addAll(new DispatcherBench(bench, dir.resolve("dispatcher"), settingsFor, progress).run());
            }
            if (bench.runs("edge")) {
                figures.addAll(new EdgeBench(bench.edge(), dir.resolve("edge"), settingsFor, progress).run());
            }
            Optional<SweepFigures> sweep = bench.runs("sweep")
                    ? Optional.of(new SweepBench(bench, dir.resolve("sweep"), settingsFor, progress).run()) : Optional.empty();
            BenchReport report = new BenchReport(bench, figures, latencies, sweep);
            report.write(bench.outputDir());
            return report.markdown();
        } finally {
            BenchCleanup.delete(dir);
        }
    }

    private static List<Figures> overPreload(BenchSettings bench, Function<Map<String, String>, Settings> settingsFor, Path dir,
                                             Consumer<String> progress) throws Exception {
        List<Figures> figures = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(dir.resolve("broker"), settingsFor)) {
            Settings wired = stack.settings(Map.of());
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(StreamsSettings.from(wired).registry());
            progress.accept("preloading " + bench.events() + " crossings from " + bench.posts() + " posts over " + bench.span());
            CrossingPreloader.Preload preload = CrossingPreloader.preload(stack.kafka(), serdes, bench);
            figures.add(new Figures("producer preload (acks=all, lz4)", "records/s", List.of(preload.recordsPerSecond())));
            if (bench.runs("throughput")) {
                figures.addAll(new ThroughputBench(bench, wired, dir.resolve("streams"), progress).run(stack.kafka(), serdes, preload.people()));
            }
            if (bench.runs("footprint") || bench.runs("recovery")) {
                FootprintBench.Result footprint = new FootprintBench(bench, wired, progress)
                        .run(stack.kafka(), "flowwatch-bench-footprint-" + UUID.randomUUID(), dir.resolve("footprint-state"),
                                dir.resolve("footprint-app.log"));
                figures.addAll(footprint.figures());
                if (bench.runs("recovery")) {
                    figures.addAll(new RecoveryBench(stack.kafka(), wired, progress).run(footprint));
                }
            }
            if (bench.runs("footprint")) {
                figures.addAll(new BothAppsFootprint(wired, progress).run(stack.kafka(), dir));
            }
        }
        return figures;
    }
}
