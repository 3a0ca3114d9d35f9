package org.flowwatch.consumers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.flowwatch.consumers.dashboard.OpsPicture;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.RollingCount;
import org.junit.jupiter.api.Test;

class DomainMetricsTest {

    private static final Instant T0 = Instant.parse("2023-09-26T09:00:00Z");
    private final OpsPicture picture = new OpsPicture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DomainMetrics metrics = new DomainMetrics(picture, registry);

    @Test
    void shouldReportArrivalsInTheLastHourPerRegionApartFromPosts() {
        // given rolling counts of a post and of its region, the last hour and the last day
        rolling(CountScope.POST, "kornidzor", Duration.ofHours(1), 700);
        rolling(CountScope.POST, "kornidzor", Duration.ofHours(24), 9_000);
        rolling(CountScope.REGION, "AM-SU", Duration.ofHours(1), 760);
        rolling(CountScope.REGION, "AM-SU", Duration.ofHours(24), 9_400);
        rolling(CountScope.ALL, "all", Duration.ofHours(1), 800);

        // when
        metrics.refresh();

        // then
        assertThat(registry.get("flowwatch.arrivals.last.hour.region").tag("region", "AM-SU").gauge().value()).isEqualTo(760);
        assertThat(registry.get("flowwatch.arrivals.last.hour").tag("post", "kornidzor").gauge().value()).isEqualTo(700);
        assertThat(registry.find("flowwatch.arrivals.last.hour").tag("post", "AM-SU").gauge()).as("a region is no post").isNull();
        assertThat(picture.view().posts()).extracting(post -> post.post()).containsExactly("kornidzor");

        // when the region's hour changes, then the gauge follows
        rolling(CountScope.REGION, "AM-SU", Duration.ofHours(1), 120);
        assertThat(registry.get("flowwatch.arrivals.last.hour.region").tag("region", "AM-SU").gauge().value()).isEqualTo(120);
    }

    private void rolling(CountScope scope, String id, Duration period, long people) {
        RollingCount count = RollingCount.newBuilder().setScope(scope).setScopeId(id).setDirection(Direction.ARRIVAL)
                .setPeriod(period.toString()).setWindowStart(T0.minus(period)).setWindowEnd(T0).setPeople(people)
                .setGroups(people / 3).setUpdatedAt(T0).build();
        picture.rolling(scope + "/" + id + "/ARRIVAL/" + period, count);
    }
}
