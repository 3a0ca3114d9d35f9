package org.flowwatch.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.flowwatch.consumers.export.CompactedSnapshot;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard over real HTTP, reading and writing the real topics of the embedded stack. */
@Tag("integration")
@Timeout(90)
@ExtendWith(EmbeddedStackExtension.class)
class DashboardServerIntegrationTest {

    private static final Instant HOUR = Instant.parse("2023-09-26T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-09-26T09:15:00Z"), ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldServeStatePushUpdatesAndMetricsFromTheOutputTopics(EmbeddedStack stack) throws Exception {
        // given counts, a site and an alert on the topics, and the ops centre following them
        OpsRecords records = new OpsRecords(stack);
        String post = "post-" + id;
        String site = "site-" + id;
        records.operationHour("op-" + id, HOUR, 1_234);
        records.postRolling(post, HOUR.plus(Duration.ofHours(1)), 42, 900);
        records.site(site, "Goris " + id, 12_400, 10_000, 0.8);
        Alert alert = records.waterShortage(site, "Goris " + id + ": water covers 0.8 days for 12,400 people");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (OpsCentre centre = OpsCentre.start(records.settings(), records.serdes(), registry, CLOCK)) {
            String base = "http://127.0.0.1:" + centre.port();

            // when the state is asked for, then it shows them, the site's water coloured by its open alert
            await().alias("state with this test's records").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode state = getJson(base + "/api/state");
                assertThat(state.path("hours").findValuesAsText("start")).contains(HOUR.toString());
                assertThat(find(state.path("posts"), "post", post).path("last24Hours").asLong()).isEqualTo(900);
                JsonNode card = find(state.path("sites"), "site", site);
                assertThat(card.path("capacity").asInt()).isEqualTo(10_000);
                assertThat(card.path("items").get(0).path("severity").asText()).isEqualTo("critical");
                assertThat(find(state.path("alerts"), "id", alert.getAlertId()).path("acknowledged").asBoolean()).isFalse();
            });

            // when a browser follows the events and the post's count changes, then the change is pushed to it
            List<String> events = follow(base + "/api/events");
            records.postRolling(post, HOUR.plus(Duration.ofMinutes(70)), 57, 915);
            await().alias("pushed update").atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events.stream()
                    .filter(line -> line.startsWith("data:")).map(this::parse)
                    .anyMatch(state -> find(state.path("posts"), "post", post).path("lastHour").asLong() == 57))
                    .as("%d lines: %.300s", events.size(), events).isTrue());

            // and the domain metrics say the same
            await().alias("metrics").atMost(Duration.ofSeconds(10)).until(() -> registry.scrape().contains(
                    "flowwatch_arrivals_last_hour{post=\"" + post + "\"} 57.0"));
            assertThat(registry.scrape()).contains("flowwatch_site_population{site=\"" + site + "\"} 12400.0")
                    .contains("flowwatch_site_capacity{site=\"" + site + "\"} 10000.0")
                    .contains("flowwatch_site_days_of_cover{item=\"water\",site=\"" + site + "\"} 0.8")
                    .containsPattern("flowwatch_alerts_open\\{kind=\"shortage\",severity=\"critical\"} [1-9]");
        }
    }

    @Test
    void shouldKeepAnAcknowledgementInTheTopicSoASecondInstanceShowsIt(EmbeddedStack stack) throws Exception {
        // given an open alert on a running dashboard
        OpsRecords records = new OpsRecords(stack);
        Alert alert = records.waterShortage("ack-" + id, "Sisian " + id + ": water covers 0.8 days");
        try (OpsCentre first = OpsCentre.start(records.settings(), records.serdes(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CLOCK)) {
            await().alias("alert shown").atMost(Duration.ofSeconds(30))
                    .until(() -> first.picture().openAlert(alert.getAlertId()).isPresent());

            // when someone acknowledges the version they saw
            HttpResponse<String> response = post("http://127.0.0.1:" + first.port() + "/api/alerts/" + alert.getAlertId() + "/ack",
                    "{\"version\": 1}");

            // then it is stored in the acks topic, and a dashboard started afterwards shows it acknowledged
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("acknowledgedAt").asText()).isEqualTo("2023-09-26T09:15:00Z");
            AlertAck stored = CompactedSnapshot.read(records.settings().kafka(), records.serdes(), Topics.ALERT_ACKS,
                    Duration.ofSeconds(20)).get(alert.getAlertId());
            assertThat(stored.getAlertVersion()).isEqualTo(1);
            try (OpsCentre second = OpsCentre.start(records.settings(), records.serdes(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CLOCK)) {
                await().alias("second instance sees the ack").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(find(getJson("http://127.0.0.1:" + second.port() + "/api/state").path("alerts"), "id",
                                alert.getAlertId()).path("acknowledged").asBoolean()).isTrue());
            }
        }
    }

    @Test
    void shouldAnswerBadRequestsWithAJsonErrorNamingTheProblem(EmbeddedStack stack) throws Exception {
        // given an open alert at version 1
        OpsRecords records = new OpsRecords(stack);
        Alert alert = records.waterShortage("bad-" + id, "Vayk " + id + ": water covers 0.8 days");
        try (OpsCentre centre = OpsCentre.start(records.settings(), records.serdes(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CLOCK)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> centre.picture().openAlert(alert.getAlertId()).isPresent());
            String acks = "http://127.0.0.1:" + centre.port() + "/api/alerts/";

            // when / then
            assertError(post(acks + "SHORTAGE/nowhere-" + id + "/ack", ""), 404, "no open alert with id 'SHORTAGE/nowhere-" + id + "'");
            assertError(post(acks + alert.getAlertId() + "/ack", "version=1"), 400, "body must be JSON");
            assertError(post(acks + alert.getAlertId() + "/ack", "{\"version\": \"one\"}"), 400, "'version' must be a whole number");
            assertError(post(acks + alert.getAlertId() + "/ack", "{\"version\": 7}"), 409, "it is at version 1, not 7");
            assertError(post(acks + "bad%20id/ack", ""), 400, "alert id must be");
            assertError(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + centre.port() + "/api/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString()), 404, "no such resource: GET /api/nothing");
            assertThat(centre.picture().view().alerts().stream().filter(open -> open.id().equals(alert.getAlertId())))
                    .allMatch(open -> !open.acknowledged());
        }
    }

    @Test
    void shouldAskForTheTokenOnTheApiButServeThePageWhenATokenIsConfigured(EmbeddedStack stack) throws Exception {
        // given a dashboard with a token
        String token = "dashboard-token-" + id;
        OpsRecords records = new OpsRecords(stack);
        Alert alert = records.waterShortage("tok-" + id, "Goris " + id + ": water covers 0.8 days");
        try (OpsCentre centre = OpsCentre.start(records.settings(ApiToken.of(token)), records.serdes(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CLOCK)) {
            String base = "http://127.0.0.1:" + centre.port();

            // when / then: without the token, or with a wrong one, the API answers 401 naming the problem
            assertError(get(base + "/api/state", null, null), 401, "needs a token");
            assertError(get(base + "/api/events", null, null), 401, "needs a token");
            assertError(get(base + "/api/state", "Bearer wrong-" + token, null), 401, "not the one");
            assertError(post(base + "/api/alerts/" + alert.getAlertId() + "/ack", "{\"version\": 1}"), 401, "needs a token");
            // the page itself (no data in it) loads, so it can ask for the token
            assertThat(get(base + "/", null, null).statusCode()).isEqualTo(200);
            // with the token as a bearer header, or in the cookie the page sets, the API answers
            assertThat(get(base + "/api/state", "Bearer " + token, null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/state", null, "flowwatch_token=" + token).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String url, String authorization, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).path("error").asText()).contains(message);
    }

    private List<String> follow(String url) {
        List<String> lines = new CopyOnWriteArrayList<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(), // as EventSource sends
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> consume(response.body(), lines));
        return lines;
    }

    private static void consume(Stream<String> body, List<String> lines) {
        new Thread(() -> body.forEach(lines::add), "sse-reader").start();
    }

    private JsonNode parse(String dataLine) {
        try {
            return json.readTree(dataLine.substring("data:".length()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String url) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
