package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.producers.gateway.GatewaySettings;
import org.flowwatch.producers.gateway.IngestGateway;
import org.flowwatch.producers.gateway.PostTokens;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 with the real parts: a Kobo submission through the gateway, then its edit in Kobo (same meta/rootUuid, new
 * meta/instanceID, meta/deprecatedID), sent twice; the arrivals app on the embedded broker counts the edited figure.
 */
@Tag("integration")
@Timeout(180)
class KoboCorrectionIntegrationTest {

    private static final String POST = "kornidzor";
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String HOUR = "granularity=hour&from=2023-09-25T10:00:00Z&to=2023-09-25T11:00:00Z";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldCountTheEditedFigureOnceWhenKoboSendsAnEditOfACountedSubmission(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0)) {
            Settings settings = settings(stack, Map.of());
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            ReferenceCommand.publishDefaults(settings);
            int queryPort = LocalPorts.free("the query server");
            StreamsSettings streams = StreamsSettings.from(settings(stack, Map.of(
                    "streams.application.id", "flowwatch-arrivals-kobo-" + UUID.randomUUID(),
                    "streams.state.dir", dir.resolve("state").toString(), "query.http.port", Integer.toString(queryPort))));
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            Map<String, Object> kafka = Map.of("bootstrap.servers", stack.bootstrapServers());
            try (StreamsRunner runner = ArrivalsApp.start(streams);
                 AutoCloseable queries = ArrivalsApp.serveQueries(runner, streams).orElseThrow();
                 CrossingPublisher publisher = new CrossingPublisher(kafka, serdes);
                 MovementPublisher movements = new MovementPublisher(kafka, serdes);
                 IngestGateway gateway = IngestGateway.start(new GatewaySettings("127.0.0.1", 0, 65536,
                         PostTokens.load(null, POST + ":" + TOKEN), Duration.ofSeconds(20),
                         GroupSizeLimit.from(CommonSettings.loader().load())), publisher, movements, Clock.systemUTC())) {
                // given 12 people counted from a Kobo submission
                String root = "uuid:" + UUID.randomUUID();
                assertThat(kobo(gateway, submission(root, root, null, 12, "2023-09-25T14:06:40+04:00"))).isEqualTo(201);
                await().alias("original counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(people(queryPort, "post", POST)).isEqualTo(12));

                // when the submission is edited in Kobo to 21 and the edit is sent twice
                String edit = submission(root, "uuid:" + UUID.randomUUID(), root, 21, "2023-09-26T10:30:00+04:00");
                assertThat(kobo(gateway, edit)).isEqualTo(201);
                assertThat(kobo(gateway, edit)).isEqualTo(201);

                // then the post, region and operation count the 21 people, once
                await().alias("edit counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            assertThat(people(queryPort, "post", POST)).isEqualTo(21);
                            assertThat(people(queryPort, "region", "AM-SU")).isEqualTo(21);
                            assertThat(people(queryPort, "all", null)).isEqualTo(21);
                        });
            }
        }
    }

    private static String submission(String rootUuid, String instanceId, String deprecatedId, int people, String end) {
        return "{\"start\":\"2023-09-25T14:03:12.000+04:00\",\"end\":\"" + end + "\",\"_submission_time\":\"2023-09-27T08:15:02\","
                + "\"crossing/crossed_at\":\"2023-09-25T14:05:00.000+04:00\",\"crossing/people\":\"" + people + "\","
                + "\"crossing/direction\":\"arrival\",\"meta/rootUuid\":\"" + rootUuid + "\",\"meta/instanceID\":\"" + instanceId + "\""
                + (deprecatedId == null ? "" : ",\"meta/deprecatedID\":\"" + deprecatedId + "\"") + "}";
    }

    private int kobo(IngestGateway gateway, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/kobo"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("kobo:" + TOKEN).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private long people(int port, String scope, String id) throws Exception {
        String uri = "http://127.0.0.1:" + port + "/counts?scope=" + scope + (id == null ? "" : "&id=" + id) + "&" + HOUR;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("totalPeople").asLong();
    }

    private static Settings settings(EmbeddedStack stack, Map<String, String> overrides) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
                "registry.url", stack.registryUrl(), "kafka.statestore.cache.max.bytes", "0", "kafka.commit.interval.ms", "100"));
        config.overrides.putAll(overrides);
        return config.load();
    }
}
