package org.flowwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.topics.Topics;

/**
 * The peer an engineer would pick instead: the same 1 h windowed count per post as {@link BareWindowedCount}, as an
 * exactly-once Apache Flink 2.1 job on a local MiniCluster, over the same preloaded crossings on the same broker.
 * It runs from its own jar (module bench-flink) in a JVM of its own: its Kafka connector needs kafka-clients 4.2,
 * which cannot share a class path with our 4.3. Timed by the job itself from its first crossing read to its end with
 * the output committed, so JVM, MiniCluster and task start-up stay outside the clock, as the Streams rows' start-up
 * does (their clock starts at RUNNING, when they begin to poll).
 */
final class FlinkWindowedCount {

    static final String NAME = "Flink 2.1 exactly-once 1 h windowed count per post";
    static final String BUILD = "./mvnw -B -ntp -Pflink-peer -pl bench-flink package -DskipTests";
    private static final Pattern RESULT = Pattern.compile("^flink-peer: elapsed\\.nanos=(\\d+) running\\.nanos=(\\d+)$", Pattern.MULTILINE);
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Path jar;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final Path workDir;
    private final Consumer<String> progress;

    /** @param checkpointInterval the Streams rows' commit interval: both make their output visible at that cadence */
    FlinkWindowedCount(Path jar, int parallelism, Duration checkpointInterval, Path workDir, Consumer<String> progress) {
        this.jar = jar;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Fails before any broker starts when the row is asked for and its jar is not built. */
    static void requireBuilt(Optional<Path> jar) {
        jar.filter(path -> !Files.isRegularFile(path)).ifPresent(path -> {
            throw new ConfigException("setting 'bench.flink.jar': " + path.toAbsolutePath() + " is not built; build it with '"
                    + BUILD + "' (./flowwatch bench does), or leave the Flink row out with --set bench.flink.jar=");
        });
    }

    /** One run over the whole input: records/s, after checking that its committed counts add up to {@code events}. */
    double recordsPerSecond(Map<String, Object> kafka, long events) throws IOException, InterruptedException {
        String runId = UUID.randomUUID().toString();
        Path dir = Files.createDirectories(workDir.resolve("flink-" + runId));
        Map<TopicPartition, Long> before = CountCheck.committedEnds(kafka, Topics.BENCH_FLINK_COUNTS.name());
        long launched = System.nanoTime();
        Process child = new ProcessBuilder(command(kafka, runId, dir)).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        if (!child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("the Flink peer job did not finish within " + LIMIT.toMinutes() + " min");
        }
        double wall = (System.nanoTime() - launched) / 1e9;
        if (child.exitValue() != 0) {
            throw new IllegalStateException("the Flink peer job exited with " + child.exitValue() + ": " + whyFailed(dir.resolve("stderr")));
        }
        JobTiming timing = JobTiming.parse(Files.readString(dir.resolve("stdout")));
        long counted = CountCheck.flinkCrossings(kafka, before);
        if (counted != events) {
            throw new IllegalStateException(String.format("the Flink peer job counted %,d crossings where %,d were sent", counted, events));
        }
        progress.accept(String.format("  Flink job finished %.2f s after its first crossing read (%.2f s after RUNNING; its JVM "
                + "%.1f s from launch to exit); committed counts hold all %,d crossings", timing.fromFirstRecord(), timing.fromRunning(),
                wall, counted));
        return events / timing.fromFirstRecord();
    }

    private List<String> command(Map<String, Object> kafka, String runId, Path dir) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of("--bootstrap-servers", kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString(),
                "--input-topic", Topics.CROSSINGS.name(), "--output-topic", Topics.BENCH_FLINK_COUNTS.name(),
                "--parallelism", Integer.toString(parallelism),
                "--window-ms", Long.toString(BareWindowedCount.WINDOW.toMillis()),
                "--out-of-orderness-ms", Long.toString(BareWindowedCount.GRACE.toMillis()),
                "--checkpoint-interval-ms", Long.toString(checkpointInterval.toMillis()),
                "--checkpoint-dir", dir.resolve("checkpoints").toAbsolutePath().toString(), "--run-id", runId));
        return command;
    }

    /** The job's own clocks, in seconds, to its end with its output committed: from its first crossing read, and from RUNNING. */
    record JobTiming(double fromFirstRecord, double fromRunning) {

        /** From the one line the job prints on stdout. */
        static JobTiming parse(String stdout) {
            Matcher result = RESULT.matcher(stdout);
            if (!result.find()) {
                throw new IllegalStateException("the Flink peer job printed no 'flink-peer: elapsed.nanos=.. running.nanos=..' line");
            }
            return new JobTiming(Long.parseLong(result.group(1)) / 1e9, Long.parseLong(result.group(2)) / 1e9);
        }
    }

    // The job's own one-line verdict; else whatever it said last (e.g. the JVM refusing to start).
    private static String whyFailed(Path stderr) throws IOException {
        List<String> lines = Files.readAllLines(stderr).stream().filter(line -> !line.isBlank()).toList();
        return lines.stream().filter(line -> line.startsWith("flowwatch-flink-peer: ")).findFirst()
                .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1))).orElse("(it printed nothing)");
    }
}
