package org.flowwatch.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.schemas.testing.StackTopics.serdesWithTopics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.publish.SendTimeouts;
import org.flowwatch.producers.testing.TopicReader;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.MovementReason;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestGatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String post = "it-gw-" + UUID.randomUUID();
    private final String token = "token-" + UUID.randomUUID();
    private final String otherToken = "token-" + UUID.randomUUID();
    private final String site = "it-site-" + UUID.randomUUID();
    private final String siteToken = "token-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedStack stack;
    private FlowwatchSerdes serdes;
    private CrossingPublisher publisher;
    private MovementPublisher movements;
    private IngestGateway gateway;

    @BeforeAll
    void startGateway(EmbeddedStack stack) {
        this.stack = stack;
        serdes = serdesWithTopics(stack);
        publisher = new CrossingPublisher(Map.of("bootstrap.servers", stack.bootstrapServers()), serdes);
        movements = new MovementPublisher(Map.of("bootstrap.servers", stack.bootstrapServers()), serdes);
        gateway = IngestGateway.start(settings(4096, Duration.ofSeconds(20)), publisher, movements, Clock.systemUTC());
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
        publisher.close();
        movements.close();
    }

    @Test
    void shouldStoreCrossingAndAnswerOnlyOnceKafkaAcknowledged() throws Exception {
        // given
        UUID eventId = UUID.randomUUID();
        // when
        HttpResponse<String> response = post("/v1/crossings", bearer(token), crossingJson(eventId, 4));
        // then
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(onTopic()).extracting(crossing -> crossing.getEventId().toString()).contains(eventId.toString());
    }

    @Test
    void shouldRefuseWithoutValidToken() throws Exception {
        assertThat(post("/v1/crossings", Map.of(), crossingJson(UUID.randomUUID(), 1)).statusCode()).isEqualTo(401);
        assertThat(post("/v1/crossings", bearer("not-a-token-of-any-post"), crossingJson(UUID.randomUUID(), 1)).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseWritingForAnotherPost() throws Exception {
        // given: a crossing that names the post, sent with the token of another post
        String body = crossingJson(UUID.randomUUID(), 2).replace("{", "{\"post_id\":\"" + post + "\",");
        // when
        HttpResponse<String> response = post("/v1/crossings", bearer(otherToken), body);
        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(field(response)).isEqualTo("post_id");
    }

    @Test
    void shouldNameTheFieldWhenPayloadIsWrong() throws Exception {
        HttpResponse<String> malformed = post("/v1/crossings", bearer(token), "{\"people\": 3,");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(field(malformed)).isEqualTo("body");

        HttpResponse<String> tooMany = post("/v1/crossings", bearer(token), crossingJson(UUID.randomUUID(), 9000));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(field(tooMany)).isEqualTo("people");

        HttpResponse<String> noTime = post("/v1/crossings", bearer(token), "{\"event_id\":\"" + UUID.randomUUID() + "\",\"people\":2}");
        assertThat(noTime.statusCode()).isEqualTo(400);
        assertThat(field(noTime)).isEqualTo("crossed_at");
    }

    @Test
    void shouldStoreBusOf120AndRefuse201NamingLimitAndSettingWhenLimitIsTheDefault() throws Exception {
        // given
        UUID bus = UUID.randomUUID();
        // when
        HttpResponse<String> busAnswer = post("/v1/crossings", bearer(token), crossingJson(bus, 120));
        HttpResponse<String> overLimit = post("/v1/crossings", bearer(token), crossingJson(UUID.randomUUID(), 201));
        // then
        assertThat(busAnswer.statusCode()).isEqualTo(201);
        assertThat(onTopic()).filteredOn(crossing -> crossing.getEventId().toString().equals(bus.toString()))
                .extracting(CrossingEvent::getPeople).containsExactly(120);
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(field(overLimit)).isEqualTo("people");
        assertThat(JSON.readTree(overLimit.body()).path("error").asText())
                .isEqualTo("people: must be 1-200 (setting crossings.max.people), got 201");
    }

    @Test
    void shouldStoreSitesDepartureAndAnswerOnlyOnceKafkaAcknowledged() throws Exception {
        // given
        UUID eventId = UUID.randomUUID();
        // when
        HttpResponse<String> response = post("/v1/movements", bearer(siteToken), departureJson(", \"eventId\":\"" + eventId + "\""));
        // then
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).path("siteId").asText()).isEqualTo(site);
        assertThat(movementsOnTopic()).filteredOn(m -> m.getEventId().toString().equals(eventId.toString())).singleElement()
                .satisfies(departure -> {
                    assertThat(departure.getKind()).isEqualTo(MovementKind.DEPARTURE);
                    assertThat(departure.getPeople()).isEqualTo(40);
                    assertThat(departure.getReason()).isEqualTo(MovementReason.HOUSING);
                    assertThat(departure.getOccurredAt()).isEqualTo(java.time.Instant.parse("2023-09-26T04:00:00Z"));
                });
    }

    @Test
    void shouldGiveResentMovementWithoutEventIdTheSameEventId() throws Exception {
        // given: a phone that got no answer sends the same report again
        String report = departureJson("").replace("\"people\":40", "\"people\":7").replace("\"housing\"", "\"onward\"");
        // when
        HttpResponse<String> first = post("/v1/movements", bearer(siteToken), report);
        HttpResponse<String> again = post("/v1/movements", bearer(siteToken), report);
        // then
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).get("stored")).isEqualTo(JSON.readTree(first.body()).get("stored"));
    }

    @Test
    void shouldNameTheFieldWhenMovementIsWrong() throws Exception {
        Map<String, String> wrong = Map.of(
                "people", departureJson("").replace("\"people\":40", "\"people\":0"),
                "kind", departureJson("").replace("\"departure\"", "\"escape\""),
                "fromSiteId", departureJson("").replace("\"fromSiteId\":\"" + site + "\"", "\"toSiteId\":\"" + site + "\""),
                "occurredAt", departureJson("").replace("2023-09-26T08:00:00+04:00", "yesterday"),
                "reason", departureJson("").replace("\"housing\"", "\"tired\""));
        wrong.forEach((field, body) -> {
            HttpResponse<String> response = uncheckedPost("/v1/movements", bearer(siteToken), body);
            assertThat(response.statusCode()).as(field).isEqualTo(400);
            assertThat(uncheckedField(response)).as(field).isEqualTo(field);
        });
        HttpResponse<String> noPeople = post("/v1/movements", bearer(siteToken), departureJson("").replace("\"people\":40,", ""));
        assertThat(noPeople.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noPeople.body()).path("error").asText()).isEqualTo("people: required, 1 or more");
    }

    @Test
    void shouldRefuseMovementOfAnotherSiteAndCallersWithoutToken() throws Exception {
        // given: a departure from this test's site, sent with a border post's token
        String departure = departureJson("");
        // when
        HttpResponse<String> foreign = post("/v1/movements", bearer(token), departure);
        HttpResponse<String> anonymous = post("/v1/movements", Map.of(), departure);
        // then
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(field(foreign)).isEqualTo("fromSiteId");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseOversizedBody() throws Exception {
        String padded = crossingJson(UUID.randomUUID(), 1).replace("{", "{\"pad\":\"" + "x".repeat(8192) + "\",");
        assertThat(post("/v1/crossings", bearer(token), padded).statusCode()).isEqualTo(413);
    }

    @Test
    void shouldAnswer400WhenJsonIsNestedPastTheParsersLimit() throws Exception {
        // JSON nested 1,500 deep (the parser stops at 1,000) has no parse location; the answer was a 500 (found by
        // HttpFuzzIntegrationTest)
        var response = post("/v1/crossings", bearer(token), "[".repeat(1_500) + "]".repeat(1_500));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("nesting");
    }

    @Test
    void shouldStoreKoboSubmissionOnceUnderSameEventIdWhenKoboResendsIt() throws Exception {
        // given: a KoboToolbox REST-service submission, authenticated as Kobo can (Basic, the token as password)
        String submission = koboForm("crossing-submission", UUID.randomUUID().toString());
        // when: Kobo sends it, then sends it again (its 30 s timeout passed before our answer): both stored, one eventId
        String eventId = storedByKoboUnderOneEventId(submission, submission);
        // then
        List<CrossingEvent> stored = onTopic().stream().filter(c -> c.getEventId().toString().equals(eventId)).toList();
        assertThat(stored).hasSize(2).allSatisfy(crossing -> {
            assertThat(crossing.getPeople()).isEqualTo(5);
            assertThat(crossing.getOccurredAt()).isEqualTo(java.time.Instant.parse("2023-09-25T10:05:00Z"));
            assertThat(crossing.getDestinationSiteId()).isEqualTo("goris");
            assertThat(crossing.getBreakdown().getFemale().getAge18to59()).isEqualTo(2);
            assertThat(crossing.getVulnerabilities().getNeedsMedicalCare()).isEqualTo(1);
        });
    }

    @Test
    void shouldStoreKoboEditAsAHigherRevisionOfTheSameEventId() throws Exception {
        // given: a submission, then its edit in Kobo (same meta/rootUuid, new meta/instanceID, meta/deprecatedID): 5 -> 9
        String root = UUID.randomUUID().toString();
        // when: both sent: both stored, one eventId
        String eventId = storedByKoboUnderOneEventId(koboForm("crossing-submission", root), koboForm("crossing-edit", root));
        // then
        List<CrossingEvent> stored = onTopic().stream().filter(c -> c.getEventId().toString().equals(eventId)).toList();
        assertThat(stored).extracting(CrossingEvent::getPeople, CrossingEvent::getRevision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, 0), org.assertj.core.groups.Tuple.tuple(9, 117_873_000));
    }

    @Test
    void shouldStoreOdkPageUnderInstanceIds() throws Exception {
        String id = "uuid:" + UUID.randomUUID();
        String page = "{\"value\":[{\"__id\":\"" + id + "\",\"meta\":{\"instanceID\":\"" + id + "\"},"
                + "\"crossing\":{\"people\":3,\"crossed_at\":\"2023-09-26T09:00:00+04:00\"},"
                + "\"__system\":{\"submissionDate\":\"2023-09-27T10:00:00Z\"}}]}";
        HttpResponse<String> response = post("/v1/odk", bearer(token), page);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("stored").get(0).asText())
                .isEqualTo(SubmissionIds.eventIdFor(id).toString());
    }

    @Test
    void shouldAnswer503WhenKafkaDoesNotAcknowledge() throws Exception {
        // given: a gateway whose Kafka cannot be reached
        Map<String, Object> nowhere = SendTimeouts.within(Map.of("bootstrap.servers", "127.0.0.1:1"), Duration.ofSeconds(2));
        try (CrossingPublisher unreachable = new CrossingPublisher(nowhere, serdes);
             MovementPublisher unreachableMovements = new MovementPublisher(nowhere, serdes);
             IngestGateway cut = IngestGateway.start(settings(4096, Duration.ofSeconds(3)), unreachable, unreachableMovements,
                     Clock.systemUTC())) {
            // when
            HttpResponse<String> response = http.send(request(cut.port(), "/v1/crossings", bearer(token),
                    crossingJson(UUID.randomUUID(), 1)), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> movement = http.send(request(cut.port(), "/v1/movements", bearer(siteToken),
                    departureJson(", \"eventId\":\"" + UUID.randomUUID() + "\"")), HttpResponse.BodyHandlers.ofString());
            // then: Kobo retries on 503, and so does a site's phone
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(movement.statusCode()).isEqualTo(503);
            assertThat(movement.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void shouldCountRequestsByOutcomeCrossingsAndWhenEachPostWasLastSeen() throws Exception {
        // given a gateway reporting to its own registry
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Clock clock = Clock.fixed(java.time.Instant.parse("2023-09-26T09:00:00Z"), java.time.ZoneOffset.UTC);
        try (IngestGateway counted = IngestGateway.start(settings(4096, Duration.ofSeconds(20)), publisher, movements, clock,
                new GatewayMetrics(registry))) {
            // when: two stored, one without a token, one with a bad body, one too large
            for (int people : List.of(2, 3)) {
                assertThat(send(counted, bearer(token), crossingJson(UUID.randomUUID(), people)).statusCode()).isEqualTo(201);
            }
            assertThat(send(counted, Map.of(), crossingJson(UUID.randomUUID(), 1)).statusCode()).isEqualTo(401);
            assertThat(send(counted, bearer(token), "{\"people\": 3,").statusCode()).isEqualTo(400);
            assertThat(send(counted, bearer(token), "{\"pad\":\"" + "x".repeat(8192) + "\"}").statusCode()).isEqualTo(413);

            // then
            assertThat(registry.get("flowwatch.gateway.requests").tag("outcome", "stored").counter().count()).isEqualTo(2);
            assertThat(registry.get("flowwatch.gateway.requests").tag("outcome", "unauthorized").counter().count()).isEqualTo(1);
            assertThat(registry.get("flowwatch.gateway.requests").tag("outcome", "bad_request").counter().count()).isEqualTo(1);
            assertThat(registry.get("flowwatch.gateway.requests").tag("outcome", "too_large").counter().count()).isEqualTo(1);
            assertThat(registry.get("flowwatch.gateway.crossings").tag("result", "accepted").counter().count()).isEqualTo(2);
            assertThat(registry.get("flowwatch.gateway.crossings").tag("result", "rejected").counter().count()).isEqualTo(1);
            assertThat(registry.get("flowwatch.gateway.post.last.seen.seconds").tag("post", post).gauge().value())
                    .isEqualTo(clock.instant().getEpochSecond());
            assertThat(registry.find("flowwatch.gateway.post.last.seen.seconds").tag("post", "other-post").gauge())
                    .as("a post that sent nothing has no last-seen yet").isNull();
        }
    }

    private HttpResponse<String> send(IngestGateway target, Map<String, String> headers, String body) throws Exception {
        return http.send(request(target.port(), "/v1/crossings", headers, body), HttpResponse.BodyHandlers.ofString());
    }

    private GatewaySettings settings(long maxBytes, Duration ackTimeout) {
        PostTokens tokens = PostTokens.load(null, post + ":" + token + ",other-post:" + otherToken + "," + site + ":" + siteToken);
        // The group limit as every app loads it: the common defaults.
        return new GatewaySettings("127.0.0.1", 0, maxBytes, tokens, ackTimeout, GroupSizeLimit.from(CommonSettings.loader().load()));
    }

    private String departureJson(String more) {
        return "{\"kind\":\"departure\",\"fromSiteId\":\"" + site + "\",\"people\":40,"
                + "\"occurredAt\":\"2023-09-26T08:00:00+04:00\",\"reason\":\"housing\"" + more + "}";
    }

    private List<SiteMovement> movementsOnTopic() {
        return TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.SITE_MOVEMENTS, m -> site.equals(m.getFromSiteId()));
    }

    private HttpResponse<String> uncheckedPost(String path, Map<String, String> headers, String body) {
        try {
            return post(path, headers, body);
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed", e);
        }
    }

    private static String uncheckedField(HttpResponse<String> response) {
        try {
            return field(response);
        } catch (IOException e) {
            throw new AssertionError("answer is not JSON", e);
        }
    }

    private List<CrossingEvent> onTopic() {
        return TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.CROSSINGS, c -> c.getPostId().equals(post));
    }

    /**
     * Posts {@code first}, then {@code second} to the Kobo endpoint as Kobo does (Basic, any user name, the post's token
     * as password); asserts both are stored (201) under one eventId, and returns it.
     */
    private String storedByKoboUnderOneEventId(String first, String second) throws Exception {
        Map<String, String> basic = Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("kobo:" + token).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> firstAnswer = post("/v1/kobo", basic, first);
        HttpResponse<String> secondAnswer = post("/v1/kobo", basic, second);
        assertThat(firstAnswer.statusCode()).isEqualTo(201);
        assertThat(secondAnswer.statusCode()).isEqualTo(201);
        String eventId = JSON.readTree(firstAnswer.body()).get("stored").get(0).asText();
        assertThat(JSON.readTree(secondAnswer.body()).get("stored").get(0).asText()).isEqualTo(eventId);
        return eventId;
    }

    /** The Kobo REST-service payload {@code /kobo/<name>.json}, its root uuid made {@code rootUuid}. */
    private static String koboForm(String name, String rootUuid) throws IOException {
        try (InputStream in = IngestGatewayIntegrationTest.class.getResourceAsStream("/kobo/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", rootUuid);
        }
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        return http.send(request(gateway.port(), path, headers, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String crossingJson(UUID eventId, int people) {
        return "{\"event_id\":\"" + eventId + "\",\"people\":" + people + ",\"crossed_at\":\"2023-09-25T14:05:00+04:00\"}";
    }

    private static String field(HttpResponse<String> response) throws IOException {
        JsonNode body = JSON.readTree(response.body());
        return body.path("field").asText();
    }
}
