package org.flowwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.flowwatch.schemas.config.Settings;

/**
 * Section 3: the arrivals app's footprint over the preloaded input, in a JVM of its own. Heap in use after a forced
 * full GC and RSS are taken once half the input is committed (under load); peak RSS is sampled throughout; the
 * state directory's size once caught up, per million crossings. Leaves the app's state for the recovery section.
 */
final class FootprintBench {

    static final String HEAP = "streams app: heap used after full GC, under load";
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final double MIB = 1024 * 1024;

    private final BenchSettings bench;
    private final Settings wired;
    private final Consumer<String> progress;

    /** @param wired the bench's settings pointed at its broker: the child gets their kafka.* and streams.* part */
    FootprintBench(BenchSettings bench, Settings wired, Consumer<String> progress) {
        this.bench = bench;
        this.wired = wired;
        this.progress = progress;
    }

    /** What the run left behind: the app (id and state directory) the recovery section restarts. */
    record Result(List<Figures> figures, String applicationId, Path stateDir) {
    }

    Result run(Map<String, Object> kafka, String applicationId, Path stateDir, Path log) throws Exception {
        Map<String, String> settings = ChildStreamsApp.arrivalsSettings(wired, applicationId, stateDir);
        progress.accept("footprint: the arrivals app in its own JVM over " + bench.events() + " crossings");
        List<Figures> figures;
        try (Admin admin = Admin.create(kafka); ChildJvm app = ChildStreamsApp.start(settings, log)) {
            InputLag lag = new InputLag(admin);
            ChildWatch watch = new ChildWatch(app, log, "the streams app of the footprint section", LIMIT);
            watch.until(() -> lag.progress(applicationId) >= 0.5);
            long rssUnderLoad = app.rssBytes();
            long heap = app.heapUsedAfterGcBytes();
            watch.until(() -> lag.caughtUp(applicationId));
            figures = new ArrayList<>(List.of(
                    new Figures(HEAP, "MiB", List.of(heap / MIB)),
                    new Figures("streams app: RSS under load", "MiB", List.of(rssUnderLoad / MIB)),
                    new Figures("streams app: peak RSS", "MiB", List.of(Math.max(watch.peakRssSampled(), rssUnderLoad) / MIB))));
        }
        // Measured once the app has closed: RocksDB writes its memtables out on close (Kafka Streams runs it without a
        // write-ahead log), so a size taken while it runs misses most of the state.
        figures.add(new Figures("state store on disk per million crossings", "MiB", List.of(sizeOf(stateDir) / MIB * 1e6 / bench.events())));
        figures.forEach(f -> progress.accept(String.format("  %s: %,.1f %s", f.name(), f.median(), f.unit())));
        return new Result(figures, applicationId, stateDir);
    }

    static long sizeOf(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
