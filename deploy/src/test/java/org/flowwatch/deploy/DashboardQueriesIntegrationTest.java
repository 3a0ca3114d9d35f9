package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

    private static final Path JAR = Path.of("..", "cli", "target", "flowwatch.jar");
    private static final Path DASHBOARDS = Path.of("grafana", "dashboards");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldAnswerEveryDashboardQueryWithDataWhenPrometheusScrapesTheDemo(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")),
                "prometheus is not installed: apt-get install prometheus (CI's .ci/run does)");
        assertThat(JAR).as("the cli jar, built earlier in the reactor").exists();

        // given the demo running with its ops endpoint, and Prometheus scraping it every second
        int opsPort = freePort();
        int prometheusPort = freePort();
        try (LocalProcess demo = LocalProcess.start(List.of(javaBin(), "-jar", JAR.toString(), "demo", "--kafka-port", "0",
                "--registry-port", "0", "--ops-port", String.valueOf(opsPort), "--query-port", "0", "--dashboard-port", "0", "--hours", "6", "--speed", "0",
                "--data-dir", dir.resolve("demo").toString()), dir.resolve("demo.log"));
             LocalProcess prometheus = LocalProcess.start(List.of("/usr/bin/prometheus",
                     "--config.file=" + scrapeConfig(dir, opsPort), "--storage.tsdb.path=" + dir.resolve("tsdb"),
                     "--web.listen-address=127.0.0.1:" + prometheusPort), dir.resolve("prometheus.log"))) {
            await().alias("demo replayed and live").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> demo.output().contains("Counts stay live") || !demo.isAlive());
            assertThat(demo.isAlive()).as(demo.output()).isTrue();

            // when each query is asked, then each returns at least one series
            for (String query : dashboardQueries()) {
                await().alias(query).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(resultOf(prometheusPort, query)).as(query).isNotEmpty());
            }
        }
    }

    private List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                json.readTree(file.toFile()).path("panels").forEach(panel ->
                        panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
            }
        }
        assertThat(queries).as("queries in " + DASHBOARDS).isNotEmpty().doesNotContain("");
        return queries;
    }

    private JsonNode resultOf(int port, String query) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asText()).as(query + " -> " + response.body()).isEqualTo("success");
        return body.path("data").path("result");
    }

    private static Path scrapeConfig(Path dir, int opsPort) throws IOException {
        return Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: flowwatch-streams
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(opsPort));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
