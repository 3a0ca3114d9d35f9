package org.flowwatch.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the Confluent Schema Registry REST API, written here because Confluent's own client is not on Maven
 * Central. It speaks only the few calls flowwatch needs, which Confluent, Apicurio (ccompat), Karapace and Redpanda
 * all serve.
 *
 * <p>Schemas are sent in Avro's compact JSON form ({@code Schema.toString()}): Apicurio does not normalise, so the
 * same schema must always be sent as the same text or it would get a new id.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final RegistrySettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final RetryPolicy<HttpResponse<String>> retries;
    private final Map<Integer, Schema> schemasById;
    private final Map<String, Integer> idsBySubjectAndSchema;

    public HttpSchemaRegistryClient(RegistrySettings settings) {
        this(settings, httpClient(settings), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private HttpSchemaRegistryClient(RegistrySettings settings, HttpClient http, Map<Integer, Schema> schemasById,
                                     Map<String, Integer> idsBySubjectAndSchema) {
        this.settings = settings;
        this.http = http;
        this.schemasById = schemasById;
        this.idsBySubjectAndSchema = idsBySubjectAndSchema;
        this.retries = retryPolicy();
    }

    private static HttpClient httpClient(RegistrySettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
        if (settings.tls().isSet()) {
            builder.sslContext(settings.tls().context());
        }
        return builder.build();
    }

    /** The same connection and caches, retrying without end. */
    @Override
    public SchemaRegistryClient untilItAnswers() {
        return new HttpSchemaRegistryClient(settings.withRetryFor(RegistrySettings.UNTIL_IT_ANSWERS), http, schemasById,
                idsBySubjectAndSchema);
    }

    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        String key = subject + '\n' + text;
        Integer known = idsBySubjectAndSchema.get(key);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the call may wait on the registry for a long time (retries), and must not hold a lock
        // of the map meanwhile. Two threads asking at once both ask the registry, which gives both the same id.
        JsonNode answer;
        try {
            answer = post("/subjects/" + encode(subject) + "/versions", text, subject);
        } catch (IncompatibleSchemaException conflict) {
            // Apicurio answers 409 also when another instance created the subject a moment before us (two
            // streams instances starting together): if the schema is there now, that is the outcome we wanted.
            answer = lookUp(subject, text).orElseThrow(() -> conflict);
        }
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry answered a registration without an id", 200);
        }
        schemasById.putIfAbsent(id, schema);
        idsBySubjectAndSchema.putIfAbsent(key, id);
        return id;
    }

    @Override
    public Optional<Integer> idOf(String subject, Schema schema) {
        String text = schema.toString();
        Integer known = idsBySubjectAndSchema.get(subject + '\n' + text);
        if (known != null) {
            return Optional.of(known);
        }
        return lookUp(subject, text).map(answer -> answer.path("id").asInt(-1)).filter(id -> id >= 0).map(id -> {
            schemasById.putIfAbsent(id, schema);
            idsBySubjectAndSchema.putIfAbsent(subject + '\n' + text, id);
            return id;
        });
    }

    @Override
    public Optional<String> compatibility(String subject) {
        try {
            JsonNode answer = send(request("/config/" + encode(subject)).GET().build(), subject, null);
            String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
            return level.isEmpty() ? Optional.empty() : Optional.of(level);
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return Optional.empty(); // no level of its own: the subject follows the global one
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("compatibility", level));
        } catch (IOException e) {
            throw new SchemaRegistryException("could not encode compatibility " + level, e);
        }
        send(request("/config/" + encode(subject)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), subject, null);
    }

    /** The registered version of {@code schemaText} under {@code subject}, if there is one. */
    private Optional<JsonNode> lookUp(String subject, String schemaText) {
        try {
            return Optional.of(post("/subjects/" + encode(subject), schemaText, subject));
        } catch (SchemaRegistryException notThere) {
            return Optional.empty();
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send(request("/schemas/ids/" + id).GET().build(), null, id);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schema.toString(), subject);
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return true; // no version yet: nothing to be incompatible with
            }
            throw e;
        }
    }

    private JsonNode post(String path, String schemaText, String subject) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("schema", schemaText));
        } catch (IOException e) {
            throw new SchemaRegistryException("could not encode the schema for " + subject, e);
        }
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(), subject, null);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json");
        settings.basicAuth().ifPresent(credentials -> builder.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        return builder;
    }

    private JsonNode send(HttpRequest request, String subject, Integer schemaId) {
        HttpResponse<String> response;
        try {
            response = Failsafe.with(retries).get(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while calling the schema registry", e.getCause());
            }
            Optional<javax.net.ssl.SSLHandshakeException> handshake = tlsFailure(e.getCause());
            if (handshake.isPresent()) {
                throw new SchemaRegistryException("schema registry at " + settings.url() + " failed the TLS handshake ("
                        + handshake.get().getMessage() + "): check registry.ssl.truststore.location (and "
                        + "registry.ssl.keystore.location if it asks for a client certificate)", e.getCause());
            }
            throw new RegistryUnavailableException("schema registry at " + settings.url() + " is unreachable"
                    + triedFor() + ": " + e.getCause(), e.getCause());
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        String message = body.path("message").asText(response.body());
        int errorCode = body.path("error_code").asInt(status);
        if (schemaId != null && status == 404) {
            throw new UnknownSchemaException(schemaId);
        }
        if (status == 409) {
            throw new IncompatibleSchemaException(subject, message);
        }
        if (isTransient(status)) {
            throw new RegistryUnavailableException("schema registry failed (" + status + ")" + triedFor() + ": " + message, status);
        }
        if (status == 401 || status == 403) {
            throw new SchemaRegistryException("schema registry refused our credentials (" + status + "): check registry.basic.auth", status);
        }
        int reported = errorCode == SUBJECT_NOT_FOUND ? 404 : status;
        throw new SchemaRegistryException("schema registry answered " + status + " (" + errorCode + "): " + message, reported);
    }

    /**
     * Tries a call again while the registry cannot answer, for up to {@code retryFor}: a stream thread that gives
     * up at once would stop its app over a blip (a restart of the registry, a few seconds of a bad link).
     */
    private RetryPolicy<HttpResponse<String>> retryPolicy() {
        Duration retryFor = settings.retryFor();
        var policy = RetryPolicy.<HttpResponse<String>>builder()
                .handleIf(failure -> failure instanceof IOException && tlsFailure(failure).isEmpty())
                .handleResultIf(response -> isTransient(response.statusCode()));
        if (!retries()) {
            return policy.withMaxRetries(0).build();
        }
        Duration longestPause = MAX_BACKOFF.compareTo(retryFor.dividedBy(2)) < 0 ? MAX_BACKOFF : retryFor.dividedBy(2);
        policy.withMaxRetries(-1).withBackoff(FIRST_BACKOFF, longestPause).onFailedAttempt(attempt -> {
            if (attempt.getAttemptCount() == 1) {
                LOG.warn("Schema registry at {} cannot answer ({}); trying again {}", settings.url(), attempt.getLastException() != null
                        ? attempt.getLastException().toString() : "HTTP " + attempt.getLastResult().statusCode(), patience());
            }
        });
        return forever() ? policy.build() : policy.withMaxDuration(retryFor).build();
    }

    // A certificate not trusted (or a client certificate refused) is a setting to fix, not a registry to wait for.
    private static Optional<javax.net.ssl.SSLHandshakeException> tlsFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLHandshakeException handshake) {
                return Optional.of(handshake);
            }
        }
        return Optional.empty();
    }

    private String patience() {
        return forever() ? "until it answers" : "for up to " + settings.retryFor().toSeconds() + " s";
    }

    /** What a caller is told when the registry still cannot answer after the retries. */
    private String triedFor() {
        return retries() ? " (tried for " + settings.retryFor().toSeconds() + " s)" : "";
    }

    private boolean forever() {
        return settings.retryFor().equals(RegistrySettings.UNTIL_IT_ANSWERS);
    }

    private boolean retries() {
        return settings.retryFor().compareTo(Duration.ofSeconds(1)) >= 0;
    }

    private static boolean isTransient(int status) {
        return status >= 500 || status == TOO_MANY_REQUESTS;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
