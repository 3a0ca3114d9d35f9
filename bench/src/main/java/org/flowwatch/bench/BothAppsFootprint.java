package org.flowwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.Topics;

/**
 * Section 3, second part: both streams apps in one JVM ({@code flowwatch streams run --app all}) under
 * {@code -Xmx256m}, over the whole preloaded input: the arrivals app counts it and writes the valid crossings, the
 * sites app reads every one of them into its ledger and alerts. Heap in use after a forced full GC is taken when each
 * app is halfway (the larger is reported), RSS when the sites app is halfway, peak RSS (VmHWM) at the end. An
 * OutOfMemoryError ends the JVM or is written to its log: either fails the section.
 */
final class BothAppsFootprint {

    static final String HEAP = "both streams apps in one JVM, -Xmx256m: heap used after full GC, under load";
    static final String MAX_HEAP = "-Xmx256m";
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final double MIB = 1024 * 1024;

    private final Settings wired;
    private final Consumer<String> progress;

    BothAppsFootprint(Settings wired, Consumer<String> progress) {
        this.wired = wired;
        this.progress = progress;
    }

    List<Figures> run(Map<String, Object> kafka, Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String arrivals = "flowwatch-bench-both-arrivals-" + run;
        String sites = "flowwatch-bench-both-sites-" + run;
        Map<String, String> settings = ChildStreamsApp.bothAppsSettings(wired, arrivals, sites, dir.resolve("both-apps-state"));
        Path log = dir.resolve("both-apps.log");
        progress.accept("footprint: both streams apps in one JVM under " + MAX_HEAP + " over the same crossings");
        try (Admin admin = Admin.create(kafka);
             ChildJvm apps = ChildStreamsApp.start(settings, log, List.of(MAX_HEAP), "all")) {
            ChildWatch watch = new ChildWatch(apps, log, "both streams apps under " + MAX_HEAP, LIMIT);
            InputLag crossings = new InputLag(admin);
            long heap;
            long rssUnderLoad;
            try {
                watch.until(() -> crossings.progress(arrivals) >= 0.5);
                heap = apps.heapUsedAfterGcBytes();
                watch.until(() -> crossings.caughtUp(arrivals));
                // Every valid crossing is on its topic now: the sites app's input is complete.
                InputLag valid = new InputLag(admin, Topics.CROSSINGS_VALID.name());
                watch.until(() -> valid.progress(sites) >= 0.5);
                rssUnderLoad = apps.rssBytes();
                heap = Math.max(heap, apps.heapUsedAfterGcBytes());
                watch.until(() -> valid.caughtUp(sites));
            } catch (IllegalStateException stopped) {
                requireNoOutOfMemory(log); // the likelier cause, said first
                throw stopped;
            }
            requireNoOutOfMemory(log);
            List<Figures> figures = List.of(
                    new Figures(HEAP, "MiB", List.of(heap / MIB)),
                    new Figures("both streams apps in one JVM, -Xmx256m: RSS under load", "MiB", List.of(rssUnderLoad / MIB)),
                    new Figures("both streams apps in one JVM, -Xmx256m: peak RSS", "MiB", List.of(apps.peakRssBytes() / MIB)));
            figures.forEach(f -> progress.accept(String.format("  %s: %,.1f %s", f.name(), f.median(), f.unit())));
            return figures;
        }
    }

    private static void requireNoOutOfMemory(Path log) throws IOException {
        if (Files.readString(log).contains("OutOfMemoryError")) {
            throw new IllegalStateException("both streams apps ran out of heap under " + MAX_HEAP + "; their log: " + log);
        }
    }
}
