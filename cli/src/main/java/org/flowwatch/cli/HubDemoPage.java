package org.flowwatch.cli;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The page of {@code flowwatch demo --hub} (Javalin): the centre's and the hub's dashboards side by side, the link's
 * state and replication lag, and buttons that cut and restore it. {@code GET /api/link} is the state the page polls;
 * {@code POST /api/link/cut} and {@code /api/link/restore} switch the link (answered at once: stopping MirrorMaker takes
 * seconds, and the state shows when it is done).
 */
final class HubDemoPage implements AutoCloseable {

    /** People counted so far at each end. */
    record Counted(long atHub, long atCentre) {
    }

    private final Javalin app;

    private HubDemoPage(Javalin app) {
        this.app = app;
    }

    static HubDemoPage start(String host, int port, int centreDashboardPort, int hubDashboardPort, HubDemo.LinkSwitch link,
                             Supplier<Counted> counted) {
        Javalin app = Javalin.create(config -> {
                    config.showJavalinBanner = false;
                    config.staticFiles.add("/flowwatch/hubdemo", Location.CLASSPATH);
                })
                .get("/api/link", ctx -> ctx.json(state(link, counted.get(), centreDashboardPort, hubDashboardPort)))
                .post("/api/link/cut", ctx -> {
                    CompletableFuture.runAsync(link::cut);
                    ctx.status(HttpStatus.ACCEPTED).json(Map.of("link", "cutting"));
                })
                .post("/api/link/restore", ctx -> {
                    CompletableFuture.runAsync(link::restore);
                    ctx.status(HttpStatus.ACCEPTED).json(Map.of("link", "restoring"));
                })
                .start(host, port);
        return new HubDemoPage(app);
    }

    private static Map<String, Object> state(HubDemo.LinkSwitch link, Counted counted, int centreDashboardPort, int hubDashboardPort) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("hub", link.hubName());
        state.put("cut", link.isCut());
        state.put("replicating", link.replicating());
        state.put("lagUpSeconds", link.lagUp().toMillis() / 1000.0);
        state.put("lagDownSeconds", link.lagDown().toMillis() / 1000.0);
        state.put("countedAtHub", counted.atHub());
        state.put("countedAtCentre", counted.atCentre());
        state.put("centreDashboardPort", centreDashboardPort);
        state.put("hubDashboardPort", hubDashboardPort);
        return state;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
