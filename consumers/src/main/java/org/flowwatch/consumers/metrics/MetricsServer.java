package org.flowwatch.consumers.metrics;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Serves the registry as Prometheus text at {@code /metrics} (Javalin, as every flowwatch HTTP surface). */
public final class MetricsServer implements AutoCloseable {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private MetricsServer(Javalin app) {
        this.app = app;
    }

    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
                .get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()))
                .start(host, port);
        return new MetricsServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
