package org.flowwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowwatch.schemas.config.Settings;

/**
 * {@code flowwatch bench}: starts a private embedded broker and registry, so nothing else shares them, and runs
 * the chosen sections ({@code bench.sections}) so the baselines and flowwatch are measured side by side.
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
        Path dir = Files.createTempDirectory("flowwatch-bench-");
        try {
            List<Figures> figures = new ArrayList<>();
            if (bench.runs("throughput")) {
                try (BenchStack stack = BenchStack.start(dir.resolve("throughput"), settingsFor)) {
                    figures.addAll(new ThroughputBench(bench, stack.settings(Map.of()), dir.resolve("streams"), progress).run(stack.kafka()));
                }
            }
            List<LatencyFigures> latencies = bench.runs("latency")
                    ? new LatencyBench(bench, settingsFor, dir.resolve("latency"), progress).run() : List.of();
            BenchReport report = new BenchReport(bench, figures, latencies);
            report.write(bench.outputDir());
            return report.markdown();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the bench's temporary directory " + dir, e);
        }
    }
}
