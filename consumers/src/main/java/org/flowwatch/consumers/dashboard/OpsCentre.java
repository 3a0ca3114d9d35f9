package org.flowwatch.consumers.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.flowwatch.consumers.metrics.DomainMetrics;
import org.flowwatch.consumers.view.TopicViewer;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * {@code flowwatch ops}: viewers of the eight topics the operations centre watches keep one {@link OpsPicture}, which
 * the dashboard serves and the domain metrics report on the process's registry.
 */
public final class OpsCentre implements AutoCloseable {

    private final OpsPicture picture;
    private final DomainMetrics metrics;
    private final List<TopicViewer<?>> viewers;
    private final AlertAcks acks;
    private final DashboardServer server;

    private OpsCentre(OpsSettings settings, FlowwatchSerdes serdes, MeterRegistry registry, Clock clock) {
        picture = new OpsPicture(settings.timeZone());
        metrics = new DomainMetrics(picture, registry);
        viewers = List.of(
                follow(settings, serdes, Topics.ARRIVALS_HOURLY, picture::hourly),
                follow(settings, serdes, Topics.ARRIVALS_DAILY, picture::daily),
                follow(settings, serdes, Topics.ARRIVALS_LATE, picture::late),
                follow(settings, serdes, Topics.ARRIVALS_ROLLING, picture::rolling),
                follow(settings, serdes, Topics.SITE_STATUS, picture::site),
                follow(settings, serdes, Topics.ALERTS_CURRENT, picture::alert),
                follow(settings, serdes, Topics.ALERT_ACKS, picture::ack),
                follow(settings, serdes, Topics.SITES, picture::place));
        acks = new AlertAcks(settings.kafka(), serdes);
        server = DashboardServer.start(picture, acks, clock, settings.httpHost(), settings.httpPort(), settings.apiToken());
    }

    /** The topics must exist (the caller creates missing ones). */
    public static OpsCentre start(OpsSettings settings, FlowwatchSerdes serdes, MeterRegistry registry, Clock clock) {
        return new OpsCentre(settings, serdes, registry, clock);
    }

    /** The topics the operations centre reads and writes, for the caller to create. */
    public static List<TopicSpec<?, ?>> topics() {
        return List.of(Topics.ARRIVALS_HOURLY, Topics.ARRIVALS_DAILY, Topics.ARRIVALS_LATE, Topics.ARRIVALS_ROLLING, Topics.SITE_STATUS, Topics.ALERTS_CURRENT, Topics.ALERT_ACKS,
                Topics.SITES);
    }

    private <V> TopicViewer<V> follow(OpsSettings settings, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                                      BiConsumer<String, V> apply) {
        return new TopicViewer<>(settings.kafka(), serdes, topic, batch -> {
            batch.forEach(record -> apply.accept(record.key(), record.value()));
            metrics.refresh();
        }).start();
    }

    /** True once every viewer has read what its topic held at start. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (TopicViewer<?> viewer : viewers) {
            if (!viewer.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    public OpsPicture picture() {
        return picture;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        viewers.forEach(TopicViewer::close);
        acks.close();
    }
}
