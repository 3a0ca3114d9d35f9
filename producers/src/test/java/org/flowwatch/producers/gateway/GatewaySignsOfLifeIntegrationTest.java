package org.flowwatch.producers.gateway;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.producers.testing.TopicReader;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kobo/ODK submissions and POST /v1/ping are a post's sign of life: a heartbeat for the post the token names. */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class GatewaySignsOfLifeIntegrationTest {

    private final String post = "it-life-" + UUID.randomUUID();
    private final String token = "token-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldWriteHeartbeatWhenPostPingsOrSubmitsThroughOdk(EmbeddedStack stack) throws Exception {
        // given
        try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()));
        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.bootstrapServers());
        GatewaySettings settings = new GatewaySettings("127.0.0.1", 0, 65536, PostTokens.load(null, post + ":" + token),
                Duration.ofSeconds(20), new GroupSizeLimit(200));
        try (CrossingPublisher crossings = new CrossingPublisher(kafka, serdes);
             MovementPublisher movements = new MovementPublisher(kafka, serdes);
             TopicPublisher<PostHeartbeat> heartbeats = new TopicPublisher<>(Topics.HEARTBEATS, kafka, serdes);
             IngestGateway gateway = IngestGateway.start(settings, crossings, movements, Clock.systemUTC(),
                     GatewayMetrics.unread(), SignsOfLife.to(heartbeats))) {
            // when
            HttpResponse<String> ping = post(gateway, "/v1/ping", token, "");
            HttpResponse<String> odk = post(gateway, "/v1/odk", token, "{\"value\":[{\"__id\":\"uuid:" + UUID.randomUUID()
                    + "\",\"crossing\":{\"people\":3,\"crossed_at\":\"2023-09-26T09:00:00+04:00\"}}]}");
            HttpResponse<String> stranger = post(gateway, "/v1/ping", "not-a-token-of-any-post", "");

            // then
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(ping.body()).contains("\"postId\":\"" + post + "\"");
            assertThat(odk.statusCode()).isEqualTo(201);
            assertThat(stranger.statusCode()).isEqualTo(401);
            await().alias("two heartbeats").atMost(ofSeconds(30)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.HEARTBEATS, h -> h.getPostId().equals(post)))
                            .hasSize(2).extracting(PostHeartbeat::getClientVersion).containsOnly(SignsOfLife.CLIENT_VERSION));
        }
    }

    private HttpResponse<String> post(IngestGateway gateway, String path, String bearer, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
