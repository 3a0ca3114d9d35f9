package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's {@code flowwatch demo} as a child process, with a real Prometheus (Debian's package) scraping its ops
 * endpoint every second, and the Prometheus HTTP API to ask: what the dashboards see in a deployment.
 */
record DemoUnderPrometheus(LocalProcess demo, LocalProcess prometheus, int prometheusPort) implements AutoCloseable {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path JAR = Path.of("..", "cli", "target", "flowwatch.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts both; {@code replay} are the demo's replay flags, e.g. {@code --hours 6 --speed 0}. */
    static DemoUnderPrometheus start(Path dir, List<String> replay) throws IOException {
        assertThat(JAR).as("the cli jar, built earlier in the reactor").exists();
        int opsPort = freePort();
        int prometheusPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo", "--kafka-port", "0", "--registry-port", "0", "--ops-port", String.valueOf(opsPort),
                "--query-port", "0", "--dashboard-port", "0", "--data-dir", dir.resolve("demo").toString()));
        command.addAll(replay);
        LocalProcess demo = LocalProcess.start(command, dir.resolve("demo.log"));
        LocalProcess prometheus = LocalProcess.start(List.of(PROMETHEUS.toString(), "--config.file=" + scrapeConfig(dir, opsPort),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort), dir.resolve("prometheus.log"));
        return new DemoUnderPrometheus(demo, prometheus, prometheusPort);
    }

    /** Waits until the demo has replayed and counted and stays live. */
    void awaitLive(Duration atMost) throws IOException {
        await().alias("demo replayed and live").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> demo.output().contains("Counts stay live") || !demo.isAlive());
        assertThat(demo.isAlive()).as(demo.output()).isTrue();
    }

    /** The series of an instant query ({@code data.result}). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return ask("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql);
    }

    /** The same, as of {@code at}. */
    JsonNode query(String promql, Instant at) throws IOException, InterruptedException {
        return ask("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + at.getEpochSecond(), promql);
    }

    /** The series of a range query, one point per {@code step}. */
    JsonNode queryRange(String promql, Instant from, Instant to, Duration step) throws IOException, InterruptedException {
        return ask("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + from.getEpochSecond()
                + "&end=" + to.getEpochSecond() + "&step=" + step.toSeconds() + "s", promql);
    }

    private JsonNode ask(String pathAndQuery, String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + prometheusPort + pathAndQuery);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).as(promql + " -> " + response.body()).isEqualTo("success");
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

    @Override
    public void close() throws InterruptedException {
        try {
            prometheus.close();
        } finally {
            demo.close();
        }
    }
}
