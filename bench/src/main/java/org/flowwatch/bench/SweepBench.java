package org.flowwatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flowwatch.bench.SweepSettings.Dimension;
import org.flowwatch.bench.SweepSettings.Point;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * Section sweep (opt-in): how the cost grows. The full topology and the bare 1 h count, both exactly_once_v2, each
 * {@code bench.repeats} times over {@code bench.sweep.events} crossings, at every point of {@link SweepSettings#plan}:
 * one dimension varied at a time from the defaults. Each input (partitions, posts, span) gets a private broker and
 * one preload; the instance counts share the default input. Then the full topology once over each of
 * {@code bench.sweep.state.events} crossings for its state on disk, taken once it has closed. Every full-topology
 * run must count the people sent ({@link CountCheck}, inside {@link ThroughputBench#full}).
 */
final class SweepBench {

    private final BenchSettings bench;
    private final SweepSettings sweep;
    private final Section section;

    SweepBench(BenchSettings bench, Section section) {
        this.bench = bench;
        this.sweep = bench.sweep();
        this.section = section;
    }

    private record Measured(Optional<Figures> full, Figures bare, Optional<String> refused) {
    }

    SweepFigures run() throws Exception {
        Map<Dimension, List<Point>> plan = sweep.plan();
        Map<Point, Set<Point>> byInput = new LinkedHashMap<>(); // points by their input: the point with one instance
        byInput.put(sweep.base(), new LinkedHashSet<>()); // the shared baseline first
        plan.values().forEach(points -> points.forEach(p -> byInput.computeIfAbsent(new Point(p.partitions(), p.posts(), p.span(), 1),
                input -> new LinkedHashSet<>()).add(p)));
        Map<Point, Measured> measured = new HashMap<>();
        int stacks = 0;
        for (Map.Entry<Point, Set<Point>> input : byInput.entrySet()) {
            Path stackDir = section.path("input-" + stacks++);
            try (BenchStack stack = BenchStack.start(stackDir.resolve("broker"), section.settingsFor(), input.getKey().partitions())) {
                Run run = preload(stack, stackDir, input.getKey(), sweep.events());
                if (stacks == 1) {
                    run.warmUp();
                }
                Set<Point> points = input.getValue();
                for (Point point : points) {
                    measured.put(point, run.measure(point));
                }
            } finally {
                BenchCleanup.delete(stackDir);
            }
        }
        List<SweepFigures.Row> rows = new ArrayList<>();
        plan.forEach((dimension, points) -> points.forEach(p -> rows.add(new SweepFigures.Row(dimension, dimension.value(p),
                dimension.text(p), p.equals(sweep.base()), measured.get(p).full(), measured.get(p).bare(), measured.get(p).refused()))));
        return new SweepFigures(rows, stateSizes());
    }

    private List<SweepFigures.StateSize> stateSizes() throws Exception {
        List<SweepFigures.StateSize> sizes = new ArrayList<>();
        for (long crossings : sweep.stateEvents()) {
            Path stackDir = section.path("state-" + crossings);
            try (BenchStack stack = BenchStack.start(stackDir.resolve("broker"), section.settingsFor(), sweep.base().partitions())) {
                Run run = preload(stack, stackDir, sweep.base(), crossings);
                String applicationId = "flowwatch-bench-sweep-" + UUID.randomUUID();
                double rate = run.streams().full(stack.kafka(), run.serdes(), BenchReport.EXACTLY_ONCE, crossings, 1, run.people(), applicationId);
                long bytes = FootprintBench.sizeOf(run.streams().stateDirOf(applicationId));
                SweepFigures.StateSize size = new SweepFigures.StateSize(crossings, bytes);
                section.report(String.format("sweep: state on disk after %,d crossings (%,.0f records/s): %.1f MiB, %.1f MiB per million",
                        crossings, rate, size.mib(), size.mibPerMillion()));
                sizes.add(size);
            } finally {
                BenchCleanup.delete(stackDir);
            }
        }
        return sizes;
    }

    private Run preload(BenchStack stack, Path stackDir, Point point, long events) {
        Settings wired = stack.settings(Map.of());
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(StreamsSettings.from(wired).registry());
        CrossingPreloader.Input input = input(point, events);
        section.report(String.format("sweep: preloading %,d crossings from %,d posts over %s into %d partitions", events, input.posts(),
                SweepSettings.span(input.span()), point.partitions()));
        CrossingPreloader.Preload preload = CrossingPreloader.preload(stack.kafka(), serdes, input);
        return new Run(stack.kafka(), serdes, events, preload.people(), new ThroughputBench(bench, wired, stackDir.resolve("streams"), section.progress()));
    }

    private static CrossingPreloader.Input input(Point point, long events) {
        return new CrossingPreloader.Input(events, point.posts(), point.span());
    }

    /** The preloaded input of one private broker, and the runs over it. */
    private record Run(Map<String, Object> kafka, FlowwatchSerdes serdes, long events, long people, ThroughputBench streams) {

        // The JVM's first runs are slower (JIT, class loading): without this the default point, measured first, would be.
        void warmUp() throws Exception {
            streams.progress().accept(String.format("sweep: warm-up, not quoted: %,.0f and %,.0f records/s",
                    streams.full(kafka, serdes, BenchReport.EXACTLY_ONCE, events, 1, people),
                    streams.bare(kafka, BenchReport.EXACTLY_ONCE, events, 1)));
        }

        Measured measure(Point point) throws Exception {
            String at = String.format("sweep %d partitions, %,d posts, %s, %d instance(s): ", point.partitions(), point.posts(),
                    SweepSettings.span(point.span()), point.instances());
            Optional<Figures> full = Optional.empty();
            Optional<String> refused = Optional.empty();
            try {
                full = Optional.of(streams.repeat(at + SweepFigures.FULL,
                        () -> streams.full(kafka, serdes, BenchReport.EXACTLY_ONCE, events, point.instances(), people)));
            } catch (CountCheck.CountMismatch wrong) {
                // Not quoted, and the sweep goes on: the row says what the counts held and where the rest went.
                streams.progress().accept("  refused, not quoted: " + wrong.getMessage());
                refused = Optional.of(String.format("refused: counted %,d of %,d people, %,d too late for their day", wrong.counted(),
                        wrong.sent(), wrong.late()));
            }
            Figures bare = streams.repeat(at + SweepFigures.BARE, () -> streams.bare(kafka, BenchReport.EXACTLY_ONCE, events, point.instances()));
            return new Measured(full, bare, refused);
        }
    }
}
