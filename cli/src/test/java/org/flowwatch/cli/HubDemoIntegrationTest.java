package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.flowwatch.embedded.LocalPorts;

/**
 * {@code flowwatch demo --hub} as a user runs it: a centre and a hub on this machine, the replay written at the hub,
 * the link cut for two replay hours; the side-by-side page shows the link cut and both dashboards, and in the end the
 * hub and the centre each count every person sent exactly once.
 */
@Tag("integration")
@Timeout(300)
class HubDemoIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldCountAtTheHubWhileTheLinkIsCutAndAtTheCentreOnceItIsBack(@TempDir Path dir) throws Exception {
        int pagePort = LocalPorts.free("the hub demo");
        // when the demo runs with the link cut after hour 2 and restored after hour 4
        CompletableFuture<CommandRun> demo = CompletableFuture.supplyAsync(() -> CommandRun.of("demo", "--hub",
                "--exit-after-replay", "--hours", "6", "--speed", "1800", "--set", "demo.hub.cut.hours=2-4",
                "--kafka-port", "0", "--registry-port", "0", "--ops-port", "0", "--query-port", "0",
                "--dashboard-port", String.valueOf(pagePort), "--data-dir", dir.toString()));

        // then the page shows the link cut while it is, and serves both dashboards
        List<JsonNode> states = new ArrayList<>();
        await().alias("the page showed the link cut").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    linkState(pagePort).ifPresent(states::add);
                    return states.stream().anyMatch(state -> state.get("cut").asBoolean()) || demo.isDone();
                });
        JsonNode cut = states.stream().filter(state -> state.get("cut").asBoolean()).findFirst()
                .orElseThrow(() -> new AssertionError("the link never showed cut; demo said:\n" + demo.join().out() + demo.join().err()));
        assertThat(cut.get("hub").asText()).isEqualTo("syunik");
        assertThat(cut.get("replicating").asBoolean()).as("MirrorMaker runs while the link is cut").isFalse();
        for (String dashboard : List.of("centreDashboardPort", "hubDashboardPort")) {
            HttpResponse<String> page = get(cut.get(dashboard).asInt(), "/");
            assertThat(page.statusCode()).as(dashboard).isEqualTo(200);
            assertThat(page.body()).as(dashboard).contains("<html");
        }

        // and both ends count every person sent once the link is back
        CommandRun run = demo.join();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Streams apps RUNNING at centre").contains("Streams apps RUNNING at syunik")
                .contains("Link syunik <-> centre CUT").contains("Link syunik <-> centre RESTORED")
                .containsPattern("Counted at the hub ([\\d,]+) of \\1 people sent; at the centre \\1 of \\1");
    }

    private Optional<JsonNode> linkState(int port) {
        try {
            HttpResponse<String> response = get(port, "/api/link");
            return response.statusCode() == 200 ? Optional.of(json.readTree(response.body())) : Optional.empty();
        } catch (IOException notYetUp) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
