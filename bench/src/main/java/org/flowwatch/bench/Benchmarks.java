package org.flowwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;

/**
 * {@code flowwatch bench}: starts a private embedded broker and registry, so nothing else shares them, and runs
 * every section in that one run so the baselines and flowwatch are measured side by side.
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
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0)) {
            Map<String, String> wiring = new LinkedHashMap<>();
            wiring.put("kafka.bootstrap.servers", stack.bootstrapServers());
            wiring.put("registry.url", stack.registryUrl());
            Settings wired = settingsFor.apply(wiring);
            Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            try (TopicAdmin admin = new TopicAdmin(kafka)) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            List<Figures> figures = new ThroughputBench(bench, wired, dir.resolve("streams"), progress).run(kafka);
            BenchReport report = new BenchReport(bench, figures);
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
