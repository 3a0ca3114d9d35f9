package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every provisioned Grafana dashboard returns data from a real Prometheus scraping the running demo
 * (the README's `flowwatch demo`, as a child process): a dashboard whose panels are empty helps nobody in a crisis.
 */
@Tag("integration")
@Timeout(300)
class DashboardQueriesIntegrationTest {

    @Test
    void shouldAnswerEveryDashboardQueryWithDataWhenPrometheusScrapesTheDemo(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(DemoUnderPrometheus.PROMETHEUS),
                "prometheus is not installed: apt-get install prometheus (CI's .ci/run does)");
        List<String> queries = GrafanaDashboard.all().stream().flatMap(dashboard -> dashboard.queries().stream()).toList();
        assertThat(queries).as("queries in " + GrafanaDashboard.DIRECTORY).isNotEmpty().doesNotContain("");

        // given the demo running with its ops endpoint, and Prometheus scraping it every second
        try (DemoUnderPrometheus demo = DemoUnderPrometheus.start(dir, List.of("--hours", "6", "--speed", "0"))) {
            demo.awaitLive(Duration.ofSeconds(150));

            // when each query is asked, then each returns at least one series
            for (String query : queries) {
                await().alias(query).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(demo.query(query)).as(query).isNotEmpty());
            }
        }
    }
}
