package org.flowwatch.cli.ops;

import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.http.ApiToken;

/**
 * What Prometheus and Kubernetes ask of every flowwatch process, on its own port: {@code /metrics} (Prometheus
 * text: JVM, Kafka client and Streams metrics, and our own sensors, which Kafka Streams reports with its metrics),
 * {@code /health} (the process answers) and {@code /ready} (every readiness check passes, e.g. streams RUNNING).
 * One per process: the dispatcher's and the gateway's own meters are registered on {@link #registry()} too.
 */
public final class OpsEndpoint implements AutoCloseable {

    private static final Set<String> PROBES = Set.of("/health", "/ready");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Readiness> checks = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();
    private final Javalin server;

    private OpsEndpoint(int port, String service, ApiToken token, boolean healthPublic) {
        registry.config().commonTags("service", service);
        registry.config().meterFilter(new StoreKindMetricNames());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        server = Javalin.create(config -> config.showJavalinBanner = false)
                .before(ctx -> {
                    if (!(healthPublic && PROBES.contains(ctx.path()))) {
                        token.check(ctx.header(ApiToken.AUTHORIZATION), null);
                    }
                })
                .exception(ApiToken.Refused.class, (e, ctx) -> ctx.status(401)
                        .header(ApiToken.CHALLENGE_HEADER, ApiToken.CHALLENGE).json(Map.of("error", e.getMessage())))
                .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()))
                .get("/health", ctx -> ctx.json(Map.of("status", "UP")))
                .get("/ready", ctx -> {
                    List<String> failing = checks.stream().filter(check -> !check.ready().getAsBoolean()).map(Readiness::name).toList();
                    ctx.status(failing.isEmpty() ? 200 : 503).json(Map.of("ready", failing.isEmpty(), "waitingFor", failing));
                })
                .start("0.0.0.0", port);
    }

    /**
     * Serves on {@code ops.port} (0 = any free port), asking for {@code http.api.token} when set (but not on
     * {@code /health} and {@code /ready} when {@code ops.health.public}); {@code service} tags every metric.
     */
    public static OpsEndpoint start(Settings settings, String service) {
        return new OpsEndpoint(settings.integer("ops.port"), service, ApiToken.from(settings), settings.bool("ops.health.public"));
    }

    /** Adds the app's Kafka Streams metrics (and so our sensors) and makes readiness wait for RUNNING. */
    public OpsEndpoint watch(String name, KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        binders.add(metrics);
        checks.add(new Readiness(name + " RUNNING", () -> streams.state() == KafkaStreams.State.RUNNING));
        return this;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        binders.forEach(binder -> {
            try {
                binder.close();
            } catch (Exception e) {
                // closing a metrics binder only stops its refresh; nothing to recover
            }
        });
        registry.close();
    }

    private record Readiness(String name, BooleanSupplier ready) {
    }
}
