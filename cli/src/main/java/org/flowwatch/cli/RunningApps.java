package org.flowwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.app.ArrivalsApp;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.app.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.flowwatch.streams.sites.query.SitesQueryServer;

/** The streams apps one process runs (arrivals, sites with its query server, or both), started and stopped together. */
final class RunningApps implements AutoCloseable {

    private final List<Named> runners = new ArrayList<>();
    private SitesQueryServer queries;

    private record Named(String applicationId, StreamsRunner runner, String note) {
    }

    static RunningApps start(Settings settings, boolean arrivals, boolean sites) {
        RunningApps apps = new RunningApps();
        if (arrivals) {
            apps.runners.add(new Named(settings.string("streams.application.id"),
                    ArrivalsApp.start(StreamsSettings.from(settings)), ""));
        }
        if (sites) {
            SitesSettings sitesSettings = SitesSettings.from(settings);
            StreamsRunner runner = SitesApp.start(sitesSettings);
            apps.queries = SitesApp.serveQueries(runner, sitesSettings);
            apps.runners.add(new Named(settings.string("sites.application.id"), runner,
                    " (queries on http://" + sitesSettings.queryHost() + ":" + apps.queries.port() + "/sites and /alerts)"));
        }
        return apps;
    }

    /** One line per app that reached RUNNING, e.g. "streams app RUNNING: flowwatch-arrivals". */
    List<String> awaitRunning(Duration timeout) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (Named app : runners) {
            if (app.runner().awaitRunning(timeout)) {
                lines.add("streams app RUNNING: " + app.applicationId() + app.note());
            }
        }
        return lines;
    }

    /** Blocks until one app stops; its failure in one line, or empty if it was closed. */
    Optional<String> awaitFirstStopped() {
        CompletableFuture.anyOf(runners.stream().map(app -> CompletableFuture.runAsync(() -> awaitStopped(app.runner())))
                .toArray(CompletableFuture[]::new)).join();
        return runners.stream().flatMap(app -> app.runner().failure().stream()).findFirst().map(OneLineErrors::oneLine);
    }

    private static void awaitStopped(StreamsRunner runner) {
        try {
            runner.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (queries != null) {
            queries.close();
        }
        runners.forEach(app -> app.runner().close());
    }
}
