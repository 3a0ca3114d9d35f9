package org.flowwatch.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.arrivals.query.CountsQueryServer;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.flowwatch.streams.sites.query.SitesQueryServer;

/**
 * The streams apps one process runs (arrivals, sites with its query server, or both), started and stopped together,
 * with the process's ops endpoint (metrics of every app, ready when all are RUNNING).
 */
final class RunningApps implements AutoCloseable {

    private final List<Named> runners = new ArrayList<>();
    private final OpsEndpoint ops;
    private SitesQueryServer queries;
    private Optional<CountsQueryServer> countQueries = Optional.empty();

    private RunningApps(OpsEndpoint ops) {
        this.ops = ops;
    }

    private record Named(String applicationId, StreamsRunner runner, String note) {
    }

    /** @param countQueries whether to serve the arrivals app's HTTP count queries ({@code query.http.port}) */
    static RunningApps start(Settings settings, boolean arrivals, boolean sites, boolean countQueries) {
        RunningApps apps = new RunningApps(OpsEndpoint.start(settings, "streams"));
        ApiToken token = ApiToken.from(settings);
        if (arrivals) {
            StreamsSettings arrivalsSettings = StreamsSettings.from(settings);
            StreamsRunner runner = ArrivalsApp.start(arrivalsSettings);
            if (countQueries) {
                apps.countQueries = ArrivalsApp.serveQueries(runner, arrivalsSettings, token);
            }
            apps.runners.add(new Named(settings.string("streams.application.id"), runner,
                    apps.countQueries.map(server -> " (count queries on http port " + server.port() + ")").orElse("")));
        }
        if (sites) {
            SitesSettings sitesSettings = SitesSettings.from(settings);
            StreamsRunner runner = SitesApp.start(sitesSettings);
            apps.queries = SitesApp.serveQueries(runner, sitesSettings, token);
            apps.runners.add(new Named(settings.string("sites.application.id"), runner,
                    " (queries on http://" + sitesSettings.queryHost() + ":" + apps.queries.port() + "/sites and /alerts)"));
        }
        apps.runners.forEach(app -> apps.ops.watch(app.applicationId(), app.runner().streams()));
        return apps;
    }

    /** The process's metrics registry, where other parts (the dashboard's domain metrics) add their gauges. */
    MeterRegistry registry() {
        return ops.registry();
    }

    int opsPort() {
        return ops.port();
    }

    /** The port of the sites app's HTTP queries (when it runs). */
    int sitesQueryPort() {
        return queries.port();
    }

    /** One line per app that reached RUNNING, e.g. "streams app RUNNING: flowwatch-arrivals". */
    List<String> awaitRunning(Duration timeout) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (Named app : runners) {
            if (app.runner().awaitRunning(timeout)) {
                lines.add("streams app RUNNING: " + app.applicationId() + app.note() + "; metrics on port " + ops.port());
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
        countQueries.ifPresent(CountsQueryServer::close);
        runners.forEach(app -> app.runner().close());
        ops.close();
    }
}
