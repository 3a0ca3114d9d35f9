package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool, not a check (off unless {@code -Dflowwatch.render.dashboards=true}): runs the demo's whole first day at
 * an hour a second under a real Prometheus and draws each provisioned dashboard from its own queries into
 * {@code docs/grafana-<dashboard>.png} for the README. Run:
 * {@code ./mvnw -pl deploy verify -Dflowwatch.render.dashboards=true -Dit.test=DashboardPicturesTool}.
 */
@Tag("integration")
@Timeout(600)
@EnabledIfSystemProperty(named = "flowwatch.render.dashboards", matches = "true")
class DashboardPicturesTool {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void shouldDrawEveryDashboardFromTheDemosData(@TempDir Path dir) throws Exception {
        try (DemoUnderPrometheus demo = DemoUnderPrometheus.start(dir, List.of("--hours", "24", "--speed", "1800"))) {
            Instant from = Instant.now();
            demo.awaitLive(Duration.ofSeconds(300));
            // a little more live time, so rates and the after-replay state show
            Awaitility.await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
            DashboardPicture picture = new DashboardPicture(demo, from, Instant.now(), Duration.ofSeconds(2));
            for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
                Path png = DOCS.resolve("grafana-" + dashboard.file().replace(".json", ".png"));
                picture.draw(dashboard, png);
                assertThat(Files.size(png)).as(png.toString()).isPositive();
            }
        }
    }
}
