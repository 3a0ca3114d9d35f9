package org.flowwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the figures as markdown tables, each goal of issue 16 with where we stand, and writes them, with the machine
 * they ran on, as JSON and markdown (and the latency plot as PNG).
 */
final class BenchReport {

    static final String EXACTLY_ONCE = "exactly_once_v2";
    private static final String FULL = "full flowwatch topology, " + EXACTLY_ONCE;
    private static final String BARE = "bare 1 h windowed count, " + EXACTLY_ONCE;
    // The full topology against each baseline of the same run, and Kafka Streams' floor against Flink's same count.
    private static final List<Ratio> RATIOS = List.of(new Ratio(FULL, "raw consumer"), new Ratio(FULL, BARE),
            new Ratio(FULL, FlinkWindowedCount.NAME), new Ratio(BARE, FlinkWindowedCount.NAME));

    /** One throughput over another, both medians of this run; empty when either was not measured. */
    record Ratio(String of, String to) {
    }

    private final BenchSettings settings;
    private final List<Figures> figures;
    private final List<LatencyFigures> latencies;
    private final Optional<SweepFigures> sweep;

    BenchReport(BenchSettings settings, List<Figures> figures, List<LatencyFigures> latencies) {
        this(settings, figures, latencies, Optional.empty());
    }

    BenchReport(BenchSettings settings, List<Figures> figures, List<LatencyFigures> latencies, Optional<SweepFigures> sweep) {
        this.settings = settings;
        this.figures = List.copyOf(figures);
        this.latencies = List.copyOf(latencies);
        this.sweep = sweep;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        if (!figures.isEmpty()) {
            md.append("## Measurements\n\nA streams app's throughput is timed from RUNNING until its committed offsets reach the end of the "
                    + "input and of its own repartition topics: then the counts on the output topics reflect every input crossing "
                    + "(not only the first sub-topology's). After each full-topology run the operation-wide daily counts are read back "
                    + "(read_committed) and must hold exactly the people preloaded, or the bench fails. The Flink job runs in a JVM "
                    + "of its own and is timed from its first crossing read until it finished, its final checkpoint having committed "
                    + "its output; its window counts are read back (read_committed) and must add up to the crossings preloaded. "
                    + "Start-up (JVM, Streams app or MiniCluster and its tasks) is outside every clock.\n\n| measurement | median | min | max | unit |\n|---|---:|---:|---:|---|\n");
            figures.forEach(f -> md.append(String.format("| %s | %s | %s | %s | %s |%n", f.name(), number(f.median()), number(f.min()),
                    number(f.max()), f.unit())));
            md.append('\n');
            if (figures.stream().anyMatch(f -> f.name().equals(EdgeBench.VALUE_SIZE))) {
                md.append(edgeExplanation(settings.edge())).append("\n\n");
            }
            appendRatios(md);
        }
        if (!latencies.isEmpty()) {
            md.append("## End-to-end latency (exactly_once_v2)\n\nEach percentile is the median of the runs' (" + settings.repeats()
                    + " runs per rate, each on a fresh broker); the p99 columns give the runs' lowest and highest p99 beside it.\n\n"
                    + "| target rate (/s) | achieved (/s) | to count p50 / p99 / p99.9 (ms) | to count p99, min-max of runs (ms) | samples "
                    + "| to SURGE alert p50 / p99 / p99.9 (ms) | to SURGE alert p99, min-max of runs (ms) | alerts sampled / probes |\n"
                    + "|---:|---:|---|---|---:|---|---|---|\n");
            latencies.forEach(l -> md.append(String.format("| %,d | %,.0f | %s | %s | %,d | %s | %s | %d / %d |%n", l.targetRate(), l.achievedRate(),
                    LatencyFigures.percentiles(l.toCount()), range(l.p99s(false)), l.toCount().samples(), LatencyFigures.percentiles(l.toAlert()),
                    range(l.p99s(true)), l.toAlert().samples(), l.probesSent())));
            md.append("\n![latency](benchmarks-latency.png)\n\n");
        }
        sweep.ifPresent(figures -> md.append(sweepSection(figures)));
        md.append("## Goals of issue 16\n\n| goal | measured | |\n|---|---|---|\n");
        goals().forEach(goal -> md.append(goal.row()));
        return md.toString();
    }

    private void appendRatios(StringBuilder md) {
        Map<Ratio, Double> ratios = ratios();
        if (!ratios.isEmpty()) {
            md.append("## Ratios (medians of this run)\n\n| measurement | against | ratio |\n|---|---|---:|\n");
            ratios.forEach((ratio, value) -> md.append(String.format("| %s | %s | %.2f |%n", ratio.of(), ratio.to(), value)));
            md.append('\n');
        }
    }

    Map<Ratio, Double> ratios() {
        Map<Ratio, Double> ratios = new LinkedHashMap<>();
        RATIOS.forEach(ratio -> median(ratio.of()).ifPresent(of -> median(ratio.to()).ifPresent(to -> ratios.put(ratio, of / to))));
        return ratios;
    }

    List<Goal> goals() {
        List<Goal> goals = new ArrayList<>();
        Optional<Double> full = median(FULL);
        goals.add(ratio("full topology with exactly_once_v2 at least 0.35 of the bare windowed count (aim 0.5)", full, median(BARE), 0.35));
        goals.add(ratio("full topology with exactly_once_v2 at least 0.1 of the raw consumer", full, median("raw consumer"), 0.1));
        latencyGoal(goals, 1_000, 250, true);
        latencyGoal(goals, 10_000, 1_000, true);
        latencyGoal(goals, 1_000, 250, false);
        latencyGoal(goals, 10_000, 1_000, false);
        goals.add(atMost("both streams apps in one JVM under -Xmx256m over the preloaded input, no OutOfMemoryError",
                BothAppsFootprint.HEAP, 256, "%.0f MiB after GC, no OutOfMemoryError"));
        for (String restart : List.of(RecoveryBench.WITH_STATE, RecoveryBench.AFTER_KILL)) {
            for (String stage : List.of("to RUNNING", "to caught up")) {
                String figure = restart.replace("to RUNNING", stage);
                goals.add(slowestAtMost(figure + " within 10 s, every time", figure, 10));
            }
        }
        goals.add(median(ReplayBench.NAME).map(s -> Goal.of("the 2023 replay in under 5 s", String.format("%.1f s", s), s < 5))
                .orElse(Goal.notMeasured("the 2023 replay in under 5 s")));
        return goals;
    }

    private void latencyGoal(List<Goal> goals, int rate, double p99Millis, boolean toAlert) {
        String goal = String.format("event-to-%s p99 at most %,.0f ms at %,d events/s", toAlert ? "alert" : "count", p99Millis, rate);
        goals.add(latencies.stream().filter(l -> l.targetRate() == rate).findFirst()
                .filter(l -> l.to(toAlert).samples() > 0)
                .map(l -> {
                    Latencies.Summary figures = l.to(toAlert);
                    String runs = l.runs().isEmpty() ? "" : String.format(", median of %d runs (%s)", l.runs().size(), range(l.p99s(toAlert)));
                    return Goal.of(goal, String.format("p99 %.0f ms%s (%,d samples)", figures.p99(), runs, figures.samples()),
                            figures.p99() <= p99Millis);
                })
                .orElse(Goal.notMeasured(goal)));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("measuredAt", Instant.now().toString());
        json.put("machine", machine());
        Map<String, Object> knobs = new LinkedHashMap<>(Map.of("events", settings.events(), "posts", settings.posts(),
                "span", settings.span().toString(), "repeats", settings.repeats(), "sections", settings.sections(),
                "latencyRates", settings.latencyRates(), "latencyWarmup", settings.latencyWarmup().toString(),
                "latencyDuration", settings.latencyDuration().toString()));
        if (settings.runs("edge")) {
            EdgeSettings edge = settings.edge();
            knobs.put("edge", Map.of("rest", edge.rest().toString(), "load", edge.load().toString(), "postRate", edge.postRate(),
                    "gatewayRate", edge.gatewayRate(), "resendCrossings", edge.resendCrossings(),
                    "smallJvm", String.join(" ", edge.smallJvmFlags()), "launcher", edge.launcher()));
        }
        if (settings.runs("sweep")) {
            SweepSettings knob = settings.sweep();
            knobs.put("sweep", Map.of("events", knob.events(), "partitions", knob.partitions(), "posts", knob.posts(),
                    "spans", knob.spans().stream().map(Object::toString).toList(), "instances", knob.instances(),
                    "stateEvents", knob.stateEvents()));
        }
        json.put("settings", knobs);
        json.put("figures", figures.stream().map(f -> Map.of("name", f.name(), "unit", f.unit(), "values", f.values(),
                "median", f.median(), "min", f.min(), "max", f.max())).toList());
        json.put("ratios", ratios().entrySet().stream().map(r -> Map.of("of", r.getKey().of(), "to", r.getKey().to(), "ratio", r.getValue()))
                .toList());
        json.put("latency", latencies);
        sweep.ifPresent(figures -> json.put("sweep", sweepJson(figures)));
        json.put("goals", goals().stream().map(g -> {
            Map<String, Object> goal = new LinkedHashMap<>();
            goal.put("goal", g.goal());
            goal.put("measured", g.measured().orElse(null));
            goal.put("met", g.met().orElse(null));
            return goal;
        }).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("benchmarks.json").toFile(), json);
        if (!latencies.isEmpty()) {
            LatencyPlot.write(latencies, dir.resolve("benchmarks-latency.png"));
        }
        if (sweep.isPresent()) {
            SweepPlot.write(sweep.get(), dir.resolve("benchmarks-sweep.png"));
        }
        Files.writeString(dir.resolve("benchmarks.md"), "# Benchmarks\n\nWritten by `./flowwatch bench` "
                + "(each section on a private embedded broker on this machine, baselines in the same run).\n\n"
                + "Machine: " + machine() + "\n\nSettings: sections " + String.join(",", settings.sections()) + "; "
                + settings.events() + " crossings, " + settings.posts() + " posts, event time over " + settings.span() + ", "
                + settings.repeats() + " runs each; latency at " + settings.latencyRates() + " events/s for "
                + settings.latencyDuration() + " each after a " + settings.latencyWarmup() + " warm-up, " + settings.repeats()
                + " runs per rate, the first rate once before, not quoted"
                + (settings.runs("sweep") ? "; sweep over " + settings.sweep().events() + " crossings per point" : "")
                + (settings.runs("sites") ? "; sites app alone over " + settings.sitesEvents() + " arrivals to " + settings.sitesCount() + " sites" : "")
                + ".\n\n" + markdown());
    }

    private static Map<String, Object> sweepJson(SweepFigures sweep) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("points", sweep.rows().stream().map(row -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("dimension", row.dimension().label());
            point.put("value", row.value());
            point.put("text", row.text());
            point.put("default", row.base());
            point.put("full", row.full().map(BenchReport::figureJson).orElse(null));
            point.put("refused", row.refused().orElse(null));
            point.put("bare", figureJson(row.bare()));
            point.put("ratio", row.ratio().orElse(null));
            return point;
        }).toList());
        json.put("stateOnDisk", sweep.states().stream().map(s -> Map.of("crossings", s.crossings(), "bytes", s.bytes(),
                "mibPerMillion", s.mibPerMillion())).toList());
        json.put("growth", sweep.growth().stream().map(g -> {
            Map<String, Object> growth = new LinkedHashMap<>();
            growth.put("what", g.what());
            growth.put("valueRatio", g.valueRatio());
            growth.put("costRatio", g.costRatio());
            growth.put("exponent", g.exponent());
            growth.put("bareCostRatio", g.bareCostRatio().orElse(null));
            growth.put("verdict", g.verdict());
            growth.put("linear", g.linear());
            return growth;
        }).toList());
        return json;
    }

    private static Map<String, Object> figureJson(Figures f) {
        return Map.of("values", f.values(), "median", f.median(), "min", f.min(), "max", f.max());
    }

    /** The sweep's section: one row per point, the state on disk per size, and how each cost grows. */
    String sweepSection(SweepFigures sweep) {
        StringBuilder md = new StringBuilder(String.format("## How cost grows (%s)%n%nEach point: %,d crossings preloaded on a private "
                + "broker, one dimension varied at a time from the defaults (the defaults' row, marked, is one measurement shown "
                + "in each dimension); the full topology and the bare 1 h windowed count each run %d time(s) (after one warm-up run of each, not "
                + "quoted): records/s as median (min-max). Several instances are KafkaStreams instances of one app in the bench "
                + "JVM (one application id, a state directory each), timed from the first RUNNING (the others' joins inside the "
                + "clock) until the group's committed offsets reach the end of the input "
                + "and of its repartition topics. A full-topology run whose operation-wide daily counts do not hold the people sent is "
                + "not quoted: its row says what they held.%n%n"
                + "| dimension | value | %s (records/s) | %s (records/s) | full / bare |%n|---|---:|---:|---:|---:|%n",
                EXACTLY_ONCE, settings.sweep().events(), settings.repeats(), SweepFigures.FULL, SweepFigures.BARE));
        sweep.rows().forEach(row -> md.append(String.format("| %s | %s%s | %s | %s | %s |%n", row.dimension().label(), row.text(),
                row.base() ? " (default)" : "", row.full().map(BenchReport::withRange).orElse(row.refused().orElse("-")),
                withRange(row.bare()), row.ratio().map(r -> String.format("%.2f", r)).orElse("-"))));
        if (!sweep.states().isEmpty()) {
            md.append("\nThe full topology's state directory once it has closed (RocksDB writes its memtables out then), one run "
                    + "each:\n\n| crossings | state on disk (MiB) | per million crossings (MiB) |\n|---:|---:|---:|\n");
            sweep.states().forEach(state -> md.append(String.format("| %,d | %.1f | %.1f |%n", state.crossings(), state.mib(),
                    state.mibPerMillion())));
        }
        String growth = sweep.growthLine();
        md.append(growth.isEmpty() ? "" : "\n" + growth + "\n").append("\n![how cost grows](benchmarks-sweep.png)\n\n");
        return md.toString();
    }

    // Milliseconds as "lowest-highest", or "-" when no run sampled anything
    private static String range(Figures figures) {
        return figures.values().isEmpty() ? "-" : String.format("%,.0f-%,.0f", figures.min(), figures.max());
    }

    private static String withRange(Figures figures) {
        return String.format("%s (%s-%s)", number(figures.median()), number(figures.min()), number(figures.max()));
    }

    /** What the edge rows mean, and what they mean for a small device. */
    private static String edgeExplanation(EdgeSettings edge) {
        return String.format("**Edge footprint** (section edge; the apps started as `%s`). `flowwatch post record --input -` (a "
                + "tablet's feed on standard input) and `flowwatch gateway` each ran in a JVM of its own, first with the JVM's "
                + "defaults (`./flowwatch` sets no -Xmx: the JVM takes a quarter of the RAM it sees as its largest heap, and G1), "
                + "then with `%s`. At rest: connected, one crossing sent, then idle %d s. Under load, for %d s: %,.0f crossings/s "
                + "into the post (a stress rate, far above any post in 2023, so its memory is an upper bound) and %,.0f/s into "
                + "the gateway (the phones of 10 such posts; at most 256 requests unanswered, so a slow gateway shows as a lower "
                + "rate taken). RSS is VmRSS (median of samples every 250 ms), peak is VmHWM since start, heap is what is live "
                + "after a forced full GC. Bytes on the wire are every byte the app's Kafka clients sent to the broker's listener "
                + "meanwhile (framing, metadata and heartbeats included; TCP/IP headers and TLS not), per crossing the broker "
                + "appended. A real post sends each crossing alone as it is recorded (no linger, one produce request each; lz4 "
                + "has one record to work on): the 'one at a time' rows; a journal resent after an outage goes in batches of "
                + "`post.send.batch` and compresses (lz4, unless `kafka.compression.type` says otherwise). A Raspberry Pi class box with 1 GB: its JVM would choose the Serial "
                + "collector and a 256 MiB heap by itself; plan on the post's RSS under the small flags, and before giving the "
                + "gateway the same -Xmx compare it with the gateway's heap after GC. Measured on a shared 2-core machine: the figures are noisy.",
                edge.launcher(), String.join(" ", edge.smallJvmFlags()), edge.rest().toSeconds(), edge.load().toSeconds(),
                edge.postRate(), edge.gatewayRate());
    }

    /** Records per second read best whole; seconds and MiB need a decimal. */
    static String number(double value) {
        return String.format(Math.abs(value) >= 100 ? "%,.0f" : "%.1f", value);
    }

    private static Goal ratio(String goal, Optional<Double> full, Optional<Double> baseline, double atLeast) {
        if (full.isEmpty() || baseline.isEmpty()) {
            return Goal.notMeasured(goal);
        }
        double ratio = full.get() / baseline.get();
        return Goal.of(goal, String.format("%.2f", ratio), ratio >= atLeast);
    }

    private Goal atMost(String goal, String figure, double limit, String format) {
        return median(figure).map(value -> Goal.of(goal, String.format(format, value), value <= limit)).orElse(Goal.notMeasured(goal));
    }

    // A restart goal holds for every restart measured, so the slowest one is judged.
    private Goal slowestAtMost(String goal, String figure, double limit) {
        return figures.stream().filter(f -> f.name().equals(figure)).findFirst()
                .map(f -> Goal.of(goal, String.format("slowest %.1f s of %d", f.max(), f.values().size()), f.max() <= limit))
                .orElse(Goal.notMeasured(goal));
    }

    private Optional<Double> median(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().map(Figures::median);
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() >> 30 : -1;
        return String.format("%d cores, %d GiB, %s %s, Java %s", os.getAvailableProcessors(), memory, os.getName(),
                os.getArch(), System.getProperty("java.version"));
    }
}
