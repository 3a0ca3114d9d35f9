package org.flowwatch.consumers.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Set;
import org.flowwatch.consumers.dashboard.OpsPicture;

/**
 * Gauges for Grafana computed from the authoritative output topics (via {@link OpsPicture}), so every ops instance
 * reports the same figures: {@code flowwatch_arrivals_last_hour{post}}, {@code flowwatch_arrivals_last_hour_region{region}},
 * {@code flowwatch_site_population{site}},
 * {@code flowwatch_site_capacity{site}}, {@code flowwatch_site_days_of_cover{site,item}} and, through
 * {@link OpenAlerts#register}, {@code flowwatch_alerts_open{kind,severity}}. Posts, sites and items appear as the
 * topics name them, so gauges are registered as new ones are seen ({@link #refresh}). The run-out projection, vulnerable
 * people and estimated population per site are {@link SiteMetrics}', which follows the site statuses itself (the
 * picture keeps no projection).
 */
public final class DomainMetrics {

    private final OpsPicture picture;
    private final MeterRegistry registry;
    private final Set<String> registered = new HashSet<>();

    public DomainMetrics(OpsPicture picture, MeterRegistry registry) {
        this.picture = picture;
        this.registry = registry;
        picture.openAlerts().register(registry);
    }

    /** Registers the gauges of posts, sites and items seen since the last call. */
    public synchronized void refresh() {
        picture.posts().forEach(post -> once("post/" + post, () -> Gauge.builder("flowwatch.arrivals.last.hour", picture,
                p -> p.lastHour(post)).description("people arrived at the post in the last 60 minutes").tag("post", post)
                .register(registry)));
        picture.regions().forEach(region -> once("region/" + region, () -> Gauge.builder("flowwatch.arrivals.last.hour.region",
                picture, p -> p.lastHourInRegion(region)).description("people arrived at the region's posts in the last 60 minutes")
                .tag("region", region).register(registry)));
        picture.siteIds().forEach(site -> once("site/" + site, () -> {
            Gauge.builder("flowwatch.site.population", picture, p -> p.population(site))
                    .description("people staying at the site").tag("site", site).register(registry);
            Gauge.builder("flowwatch.site.capacity", picture, p -> p.capacity(site))
                    .description("people the site can host (NaN when not set)").tag("site", site).register(registry);
        }));
        picture.coveredItems().forEach((site, items) -> items.forEach(item -> once("cover/" + site + "/" + item, () ->
                Gauge.builder("flowwatch.site.days.of.cover", picture, p -> p.daysOfCover(site, item))
                        .description("days the site's stock of the item lasts at its population").tag("site", site)
                        .tag("item", item).register(registry))));
    }

    private void once(String key, Runnable register) {
        if (registered.add(key)) {
            register.run();
        }
    }
}
