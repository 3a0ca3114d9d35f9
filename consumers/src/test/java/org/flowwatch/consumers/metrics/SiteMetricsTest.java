package org.flowwatch.consumers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.junit.jupiter.api.Test;

class SiteMetricsTest {

    private static final Instant T0 = Instant.parse("2023-09-26T09:00:00Z");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SiteMetrics metrics = new SiteMetrics(registry);

    @Test
    void shouldExposeHoursToRunOutOnlyWhileARunOutIsProjected() {
        // given water projected to run out in 23 h, food beyond the horizon
        metrics.site("goris-1", goris(water(23.0), food()));

        // then
        assertThat(registry.scrape()).contains("flowwatch_site_item_hours_to_run_out{item=\"water\",site=\"goris-1\"} 23.0")
                .doesNotContain("item=\"food\"");

        // when the projection moves, then the series follows
        metrics.site("goris-1", goris(water(11.5), food()));
        assertThat(registry.get("flowwatch.site.item.hours.to.run.out").tag("item", "water").gauge().value()).isEqualTo(11.5);

        // when a delivery takes the run-out beyond the horizon, then the series is gone (not NaN)
        metrics.site("goris-1", goris(water(null), food()));
        assertThat(registry.scrape()).doesNotContain("flowwatch_site_item_hours_to_run_out");
        assertThat(registry.find("flowwatch.site.item.hours.to.run.out").gauges()).isEmpty();

        // when water is projected to run out again, then the series is back
        metrics.site("goris-1", goris(water(30.0), food()));
        assertThat(registry.get("flowwatch.site.item.hours.to.run.out").tag("site", "goris-1").gauge().value()).isEqualTo(30.0);
    }

    @Test
    void shouldExposeVulnerablePeopleAndEstimatedPopulationPerSite() {
        // when
        metrics.site("goris-1", goris(water(23.0)));

        // then
        assertThat(registry.scrape())
                .contains("flowwatch_site_vulnerable_people{need=\"unaccompanied_children\",site=\"goris-1\"} 37.0")
                .contains("flowwatch_site_vulnerable_people{need=\"over_60\",site=\"goris-1\"} 210.0")
                .contains("flowwatch_site_population_estimated{site=\"goris-1\"} 1.0");

        // when the site is removed (tombstone), then its series go with it
        metrics.site("goris-1", null);
        assertThat(registry.scrape()).doesNotContain("goris-1");
    }

    @Test
    void shouldLeaveVulnerableOutWhenTheSiteAppDoesNotKnowThem() {
        // when
        metrics.site("kapan-2", SiteStatus.newBuilder(goris(water(null))).setSiteId("kapan-2").setVulnerable(null).build());

        // then
        assertThat(registry.scrape()).doesNotContain("flowwatch_site_vulnerable_people").contains("site=\"kapan-2\"");
    }

    private static SiteStatus goris(ItemStatus... items) {
        return SiteStatus.newBuilder().setSiteId("goris-1").setName("Goris").setAdm1Code("AM-SU").setPopulation(1_840)
                .setItems(List.of(items)).setUpdatedAt(T0).setPopulationEstimated(true).setEstimatedDepartures(320)
                .setVulnerable(new VulnerablePeople(37L, 12L, 5L, 9L, 210L)).build();
    }

    private static ItemStatus water(Double hoursToRunOut) {
        return ItemStatus.newBuilder().setItemId("water").setUnit("litre").setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(4_200)
                .setNeedPerDay(27_600.0).setMinimumPerPerson(15).setHoursToRunOut(hoursToRunOut)
                .setRunsOutAt(hoursToRunOut == null ? null : T0.plus(Duration.ofMinutes(Math.round(hoursToRunOut * 60)))).build();
    }

    private static ItemStatus food() {
        return ItemStatus.newBuilder().setItemId("food").setUnit("kcal").setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(9e6)
                .setNeedPerDay(4e6).setDaysOfCover(2.3).setMinimumPerPerson(2_100).build();
    }
}
