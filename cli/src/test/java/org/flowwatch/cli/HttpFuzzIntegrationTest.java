package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flowwatch.consumers.dashboard.OpsCentre;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.producers.gateway.GatewaySettings;
import org.flowwatch.producers.gateway.IngestGateway;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and oversized requests to every HTTP API a running pipeline serves: the ingest gateway, the count
 * queries, the sites and alerts queries and the ops endpoint. Random paths, methods, parameters with hostile values,
 * bodies of random bytes, broken or deeply nested JSON, bodies past the size limit, wrong tokens. Every answer must
 * be under 500 and carry no stack trace. {@code -Dflowwatch.fuzz.requests=N} per API (default 1,000).
 */
@Tag("integration")
@Timeout(300)
class HttpFuzzIntegrationTest {

    private static final int REQUESTS = Integer.getInteger("flowwatch.fuzz.requests", 1_000);
    private static final String TOKEN = "fuzz-token-kornidzor";
    private static final int MAX_BODY = 65_536; // gateway.max.request.bytes
    private static final List<String> PARAMS = List.of("scope", "id", "direction", "granularity", "from", "to", "period", "at",
            "region", "kind", "severity", "site", "post");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final Random random = new Random(404);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldAnswerEveryMalformedRequestUnder500WithoutAStackTrace(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("kafka.bootstrap.servers", stack.bootstrapServers());
            given.put("registry.url", stack.registryUrl());
            given.put("streams.state.dir", dir.resolve("state").toString());
            given.put("query.http.port", Integer.toString(LocalPorts.free("the query server")));
            given.put("sites.query.port", "0");
            given.put("ops.port", "0");
            given.put("gateway.port", "0");
            given.put("gateway.tokens", "kornidzor:" + TOKEN);
            given.put("ops.http.host", "127.0.0.1");
            given.put("ops.http.port", "0");
            given.put("http.api.token", TOKEN);
            Settings settings = new ConfigOptions().load(given);
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            ReferenceCommand.publishDefaults(settings);
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            try (RunningApps apps = RunningApps.start(settings, true, true, true);
                 CrossingPublisher publisher = new CrossingPublisher(CommonSettings.kafkaClient(settings), serdes);
                 MovementPublisher movements = new MovementPublisher(CommonSettings.kafkaClient(settings), serdes);
                 OpsCentre dashboard = OpsCentre.start(OpsSettings.from(settings), serdes, new SimpleMeterRegistry(), Clock.systemUTC())) {
                IngestGateway gateway = IngestGateway.start(GatewaySettings.from(settings), publisher, movements, Clock.systemUTC());
                try {
                    assertThat(apps.awaitRunning(Duration.ofSeconds(90))).hasSize(2);
                    Map<String, List<String>> apis = new TreeMap<>(Map.of(
                            "gateway http://127.0.0.1:" + gateway.port(), List.of("/v1/crossings", "/v1/kobo", "/v1/odk", "/v1/movements", "/health"),
                            "counts http://127.0.0.1:" + settings.integer("query.http.port"), List.of("/counts", "/rolling"),
                            "sites http://127.0.0.1:" + apps.sitesQueryPort(), List.of("/sites", "/sites/goris", "/alerts"),
                            "ops http://127.0.0.1:" + apps.opsPort(), List.of("/metrics", "/health", "/ready"),
                            // (not /api/events: a GET there is an event stream that never ends, by design)
                            "dashboard http://127.0.0.1:" + dashboard.port(), List.of("/", "/api/state", "/api/alerts/surge-kornidzor/ack",
                                    "/api/alerts//ack", "/api/alerts/" + "x".repeat(300) + "/ack")));
                    await().alias("count queries ready").atMost(Duration.ofSeconds(60)).until(() ->
                            send("GET", apis.keySet().stream().filter(k -> k.startsWith("counts")).findFirst().orElseThrow().split(" ")[1]
                                    + "/rolling?scope=all&period=1h", null, false).statusCode() < 500);

                    // when each API gets its share of hostile requests
                    List<String> failures = new ArrayList<>();
                    int sent = 0;
                    int closedOnOversizedBody = 0;
                    for (var api : apis.entrySet()) {
                        String base = api.getKey().split(" ")[1];
                        for (int i = 0; i < REQUESTS; i++) {
                            String method = METHODS.get(random.nextInt(METHODS.size()));
                            String path = random.nextInt(10) == 0 ? "/" + hostileValue() : api.getValue().get(random.nextInt(api.getValue().size()));
                            byte[] body = body();
                            String uri = base + URLEncoderSafe.path(path) + query();
                            boolean withToken = random.nextInt(4) != 0;
                            HttpResponse<String> response;
                            try {
                                response = sendRetryingAStaleConnection(method, uri, body, withToken);
                            } catch (IOException closed) {
                                // A server may refuse a body past its limit (413) and close before the client has
                                // finished sending it; the client then sees the connection closed, not the answer.
                                if (body == null || body.length <= MAX_BODY) {
                                    failures.add(api.getKey() + " " + method + " " + path + " -> " + closed);
                                }
                                closedOnOversizedBody++;
                                continue;
                            } finally {
                                sent++;
                            }
                            if (response.statusCode() >= 500 || response.body().contains("Exception") || response.body().contains("\tat ")) {
                                failures.add(api.getKey() + " " + method + " " + path + " -> " + response.statusCode() + " "
                                        + response.body().substring(0, Math.min(200, response.body().length())));
                            }
                        }
                    }

                    // then none answered 5xx or leaked a stack trace
                    System.out.printf("HTTP fuzz: %,d requests to %d APIs, %d answers 5xx or with a stack trace, %d oversized bodies "
                            + "refused by closing the connection%n", sent, apis.size(), failures.size(), closedOnOversizedBody);
                    assertThat(failures).isEmpty();
                } finally {
                    gateway.close();
                }
            }
        }
    }

    // The client may pick a pooled connection the server has just closed (after refusing an oversized body): it then
    // reads no bytes at all. Browsers and HTTP libraries retry that once on a new connection; so does the fuzz.
    private HttpResponse<String> sendRetryingAStaleConnection(String method, String uri, byte[] body, boolean withToken)
            throws IOException, InterruptedException {
        try {
            return send(method, uri, body, withToken);
        } catch (IOException stale) {
            if (body != null && body.length > MAX_BODY) {
                throw stale;
            }
            return send(method, uri, body, withToken);
        }
    }

    private HttpResponse<String> send(String method, String uri, byte[] body, boolean withToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (withToken) {
            // (a header cannot carry control characters at all: the hostile token is percent-encoded)
            request.header("Authorization", "Bearer " + (random.nextInt(5) == 0 ? URLEncoder.encode(hostileValue(), StandardCharsets.UTF_8) : TOKEN));
        }
        if (random.nextBoolean()) {
            request.header("Content-Type", random.nextBoolean() ? "application/json" : "text/" + random.nextInt());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        int params = random.nextInt(5);
        for (int i = 0; i < params; i++) {
            query.append(i == 0 ? '?' : '&').append(PARAMS.get(random.nextInt(PARAMS.size()))).append('=')
                    .append(URLEncoder.encode(hostileValue(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private String hostileValue() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "x".repeat(4_000 + random.nextInt(4_000));
            case 2 -> "+99999-01-01T00:00:00Z";
            case 3 -> "-1";
            case 4 -> "NaN";
            case 5 -> "2023-09-25T12:00:00";
            case 6 -> "' OR 1=1 --";
            case 7 -> "\u0000\u202e\ud83d\ude00";
            case 8 -> "../../etc/passwd";
            case 9 -> Long.toString(random.nextLong());
            case 10 -> List.of("all", "post", "region", "hour", "day", "1h", "24h", "arrival", "kornidzor", "AM-SU").get(random.nextInt(10));
            default -> "2023-09-2" + random.nextInt(10) + "T0" + random.nextInt(10) + ":00:00Z";
        };
    }

    private byte[] body() {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> randomBytes(random.nextInt(2_000));
            case 2 -> "{\"people\":".getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"people\":\"" + hostileValue() + "\",\"crossed_at\":\"" + hostileValue() + "\",\"event_id\":\"" + hostileValue() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            case 5 -> randomBytes(70_000 + random.nextInt(1_000_000)); // past gateway.max.request.bytes (64 KiB)
            case 6 -> "{\"value\":[{\"__id\":null}],\"@odata.context\":1}".getBytes(StandardCharsets.UTF_8);
            default -> ("{\"people\":" + random.nextInt() + ",\"direction\":\"" + hostileValue() + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Paths keep their slashes; anything else that a URI cannot hold is percent-encoded. */
    private static final class URLEncoderSafe {
        static String path(String path) {
            StringBuilder encoded = new StringBuilder();
            for (String segment : path.split("/", -1)) {
                if (!encoded.isEmpty() || path.startsWith("/")) {
                    encoded.append('/');
                }
                encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return encoded.toString().replaceFirst("^//", "/");
        }
    }
}
