package org.flowwatch.consumers.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.flowwatch.consumers.view.TopicViewer;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * The ops centre's gauges of the sites app's projection, beside {@link DomainMetrics}:
 * {@code flowwatch_site_item_hours_to_run_out{site,item}}, {@code flowwatch_site_vulnerable_people{site,need}} and
 * {@code flowwatch_site_population_estimated{site}} (1 while the transit model estimates departures).
 *
 * <p>A run-out series exists only while a run-out is projected within the horizon: when the projection goes (a
 * delivery, fewer people, or beyond the horizon) the series is removed, not set to NaN. Prometheus then marks it
 * stale at the next scrape, so the alert on it resolves, {@code count()} and {@code bottomk()} see only real
 * projections, and "no projection" reads as no series, as for any object that is gone; a NaN would keep a series
 * that every query has to filter out.
 */
public final class SiteMetrics implements AutoCloseable {

    private static final Map<String, ToDoubleFunction<VulnerablePeople>> NEEDS = needs();

    private final MeterRegistry registry;
    private final Map<String, SiteStatus> sites = new ConcurrentHashMap<>();
    private final Map<String, Meter> meters = new HashMap<>();
    private TopicViewer<SiteStatus> viewer;

    public SiteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Follows {@code flowwatch.sites.status.v1} from its start (a viewer: no consumer group) until closed. */
    public static SiteMetrics follow(Map<String, Object> kafka, FlowwatchSerdes serdes, MeterRegistry registry) {
        SiteMetrics metrics = new SiteMetrics(registry);
        metrics.viewer = new TopicViewer<>(kafka, serdes, Topics.SITE_STATUS,
                batch -> batch.forEach(record -> metrics.site(record.key(), record.value()))).start();
        return metrics;
    }

    /** The latest status of a site (null: the site is gone): registers and removes its series to match. */
    public synchronized void site(String key, SiteStatus status) {
        if (status == null) {
            sites.remove(key);
        } else {
            sites.put(key, status);
        }
        Map<String, Runnable> wanted = status == null ? Map.of() : wanted(key, status);
        Set<String> ofSite = meters.keySet().stream().filter(id -> id.startsWith(key + "/")).collect(Collectors.toSet());
        ofSite.stream().filter(id -> !wanted.containsKey(id)).forEach(id -> registry.remove(meters.remove(id)));
        wanted.forEach((id, register) -> {
            if (!meters.containsKey(id)) {
                register.run();
            }
        });
    }

    private Map<String, Runnable> wanted(String site, SiteStatus status) {
        Map<String, Runnable> wanted = new LinkedHashMap<>();
        wanted.put(site + "/estimated", () -> gauge(site + "/estimated", Gauge.builder("flowwatch.site.population.estimated",
                sites, s -> estimated(s.get(site))).description("1 while the site's departures are estimated by its transit model")
                .tag("site", site)));
        status.getItems().stream().filter(item -> hoursToRunOut(item) != null).forEach(item -> {
            String id = site + "/run-out/" + item.getItemId();
            wanted.put(id, () -> gauge(id, Gauge.builder("flowwatch.site.item.hours.to.run.out", sites,
                    s -> runOut(s.get(site), item.getItemId())).description("hours until the item is projected to run out "
                    + "at the site (only while projected within the horizon)").tag("site", site).tag("item", item.getItemId())));
        });
        if (status.getVulnerable() != null) {
            NEEDS.forEach((need, count) -> wanted.put(site + "/vulnerable/" + need, () -> gauge(site + "/vulnerable/" + need,
                    Gauge.builder("flowwatch.site.vulnerable.people", sites, s -> vulnerable(s.get(site), count))
                            .description("people with specific needs at the site").tag("site", site).tag("need", need))));
        }
        return wanted;
    }

    private void gauge(String id, Gauge.Builder<?> builder) {
        meters.put(id, builder.register(registry));
    }

    private static Double hoursToRunOut(ItemStatus item) {
        return item.getRunsOutAt() == null ? null : item.getHoursToRunOut();
    }

    private static double runOut(SiteStatus status, String item) {
        return status == null ? Double.NaN : status.getItems().stream().filter(i -> i.getItemId().equals(item))
                .map(SiteMetrics::hoursToRunOut).filter(Objects::nonNull).findFirst().orElse(Double.NaN);
    }

    private static double vulnerable(SiteStatus status, ToDoubleFunction<VulnerablePeople> count) {
        return status == null || status.getVulnerable() == null ? Double.NaN : count.applyAsDouble(status.getVulnerable());
    }

    private static double estimated(SiteStatus status) {
        return status == null ? Double.NaN : status.getPopulationEstimated() ? 1 : 0;
    }

    private static Map<String, ToDoubleFunction<VulnerablePeople>> needs() {
        Map<String, ToDoubleFunction<VulnerablePeople>> needs = new LinkedHashMap<>();
        needs.put("unaccompanied_children", VulnerablePeople::getUnaccompaniedChildren);
        needs.put("disabled", VulnerablePeople::getDisabled);
        needs.put("needs_medical_care", VulnerablePeople::getNeedsMedicalCare);
        needs.put("pregnant", VulnerablePeople::getPregnant);
        needs.put("over_60", VulnerablePeople::getOver60);
        return needs;
    }

    @Override
    public synchronized void close() {
        if (viewer != null) {
            viewer.close();
        }
        meters.values().forEach(registry::remove);
        meters.clear();
    }
}
