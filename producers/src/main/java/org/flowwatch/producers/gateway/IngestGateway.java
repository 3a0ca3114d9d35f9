package org.flowwatch.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.producers.kobo.KoboSubmission;
import org.flowwatch.producers.odk.OdkSubmission;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.post.FlatFields;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.sms.SmsWebhook;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteMovement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crossings over HTTP from phones and field apps, and movements of people reported by sites. A caller's bearer token
 * fixes the post (or site) it writes for. A request is answered 2xx only once Kafka acknowledged every record in it
 * (acks=all); if Kafka does not within the ack timeout the answer is 503, which KoboToolbox retries. Bad payloads get
 * 400 naming the field. Payloads are never logged: they describe people.
 */
public final class IngestGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewaySettings settings;
    private final CrossingPublisher publisher;
    private final MovementPublisher movements;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final SignsOfLife signsOfLife;
    private final CrossingFields crossingFields;
    private final Javalin app;

    private IngestGateway(GatewaySettings settings, CrossingPublisher publisher, MovementPublisher movements, Clock clock,
                          GatewayMetrics metrics, SignsOfLife signsOfLife, Optional<SmsWebhook> sms) {
        this.settings = settings;
        this.signsOfLife = signsOfLife;
        this.publisher = publisher;
        this.movements = movements;
        this.clock = clock;
        this.metrics = metrics;
        this.crossingFields = new CrossingFields(settings.groupLimit());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
        });
        app.post("/v1/crossings", ctx -> accept(ctx, (body, post) -> List.of(nativeCrossing(body, post)), this::storeCrossings));
        app.post("/v1/kobo", ctx -> accept(ctx, (body, post) -> List.of(KoboSubmission.toCrossing(body, post, clock.instant(), crossingFields)),
                this::storeSubmissions));
        app.post("/v1/odk", ctx -> accept(ctx, (body, post) -> OdkSubmission.toCrossings(body, post, clock.instant(), crossingFields),
                this::storeSubmissions));
        app.post("/v1/ping", this::ping);
        app.post("/v1/movements", ctx -> accept(ctx, (body, site) -> MovementSubmission.toMovement(body, site, clock.instant()),
                this::storeMovement));
        sms.ifPresent(webhook -> webhook.addRoutes(app));
        app.after("/v1/*", ctx -> metrics.answered(ctx.statusCode()));
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
    }

    /** Starts listening on the configured host and port (0 = any free port, see {@link #port()}). */
    public static IngestGateway start(GatewaySettings settings, CrossingPublisher publisher, MovementPublisher movements,
                                      Clock clock) {
        return start(settings, publisher, movements, clock, GatewayMetrics.unread());
    }

    /** The same, counting requests, crossings and each post's last submission in {@code metrics}. */
    public static IngestGateway start(GatewaySettings settings, CrossingPublisher publisher, MovementPublisher movements,
                                      Clock clock, GatewayMetrics metrics) {
        return start(settings, publisher, movements, clock, metrics, SignsOfLife.none(), Optional.empty());
    }

    /** The same, writing a heartbeat for the post of each Kobo/ODK submission and each {@code POST /v1/ping}. */
    public static IngestGateway start(GatewaySettings settings, CrossingPublisher publisher, MovementPublisher movements,
                                      Clock clock, GatewayMetrics metrics, SignsOfLife signsOfLife) {
        return start(settings, publisher, movements, clock, metrics, signsOfLife, Optional.empty());
    }

    /** The same, also taking texts from SMS gateways on {@code /v1/sms/*} when {@code sms} is present. */
    public static IngestGateway start(GatewaySettings settings, CrossingPublisher publisher, MovementPublisher movements,
                                      Clock clock, GatewayMetrics metrics, Optional<SmsWebhook> sms) {
        return start(settings, publisher, movements, clock, metrics, SignsOfLife.none(), sms);
    }

    /** The same with heartbeats for submissions and pings, and SMS texts when {@code sms} is present. */
    public static IngestGateway start(GatewaySettings settings, CrossingPublisher publisher, MovementPublisher movements,
                                      Clock clock, GatewayMetrics metrics, SignsOfLife signsOfLife, Optional<SmsWebhook> sms) {
        IngestGateway gateway = new IngestGateway(settings, publisher, movements, clock, metrics, signsOfLife, sms);
        gateway.app.start(settings.host(), settings.port());
        LOG.info("gateway listening on {}:{} for {} post token(s)", settings.host(), gateway.port(), settings.tokens().size());
        return gateway;
    }

    public int port() {
        return app.port();
    }

    private <T> void accept(Context ctx, Mapper<T> mapper, Store<T> store) {
        Optional<String> post = postOrUnauthorized(ctx);
        if (post.isEmpty()) {
            return;
        }
        T submitted;
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw new FieldException("body", "must be a JSON object");
            }
            submitted = mapper.map(body, post.get());
        } catch (JsonProcessingException e) {
            // A body past Jackson's limits (nesting 1,000 deep, huge numbers) has no location: say what the limit is.
            refuse(ctx, HttpStatus.BAD_REQUEST, "body", e.getLocation() == null
                    ? "body: is not JSON we accept (" + e.getOriginalMessage() + ")"
                    : "body: is not valid JSON (line " + e.getLocation().getLineNr() + ")");
            return;
        } catch (IOException e) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "body", "body: could not be read");
            return;
        } catch (FieldException e) {
            boolean foreign = e.field().equals(CrossingFields.POST_ID) || e instanceof MovementSubmission.ForeignSiteException;
            refuse(ctx, foreign ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
            return;
        }
        store.store(ctx, submitted);
    }

    private void storeCrossings(Context ctx, List<CrossingEvent> crossings) {
        if (acknowledged(ctx, crossings.stream().map(publisher::publish).toList(), "crossing")) {
            List<String> ids = crossings.stream().map(crossing -> crossing.getEventId().toString()).toList();
            metrics.stored(crossings.get(0).getPostId(), crossings.size(), clock.instant());
            ctx.status(HttpStatus.CREATED).json(Map.of("stored", ids, "postId", crossings.get(0).getPostId()));
        }
    }

    // A form submission is also the post's sign of life; fire and forget: its loss is no reason for Kobo to resend.
    private void storeSubmissions(Context ctx, List<CrossingEvent> crossings) {
        storeCrossings(ctx, crossings);
        if (ctx.statusCode() == HttpStatus.CREATED.getCode()) {
            signsOfLife.heard(crossings.get(0).getPostId(), clock.instant());
        }
    }

    /** {@code POST /v1/ping}: a device's sign of life for the post its token names; 200 once Kafka acknowledged it. */
    private void ping(Context ctx) {
        Optional<String> post = postOrUnauthorized(ctx);
        if (post.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        if (acknowledged(ctx, List.of(signsOfLife.heard(post.get(), now)), "heartbeat")) {
            ctx.status(HttpStatus.OK).json(Map.of("postId", post.get(), "heardAt", now.toString()));
        }
    }

    private void storeMovement(Context ctx, SiteMovement movement) {
        if (acknowledged(ctx, List.of(movements.publish(movement)), "movement")) {
            ctx.status(HttpStatus.CREATED).json(Map.of("stored", List.of(movement.getEventId().toString()),
                    "siteId", MovementPublisher.keyOf(movement)));
        }
    }

    /** Whether Kafka acknowledged every send within the ack timeout; if not, the answer is 503 and the caller resends. */
    private boolean acknowledged(Context ctx, List<Future<RecordMetadata>> acks, String what) {
        try {
            long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("gateway: {} {}(s) not acknowledged by Kafka, answering 503: {}", acks.size(), what, e.getMessage());
            ctx.header("Retry-After", "60").status(HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Map.of("error", "not stored: Kafka did not acknowledge in time; send the same submission again"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "shutting down; send again"));
        }
        return false;
    }

    private CrossingEvent nativeCrossing(JsonNode body, String post) {
        return crossingFields.toCrossing(FlatFields.of(body), post, null, null, clock.instant());
    }

    /** The post the caller's token names; without one the answer is 401 and the result empty. */
    private Optional<String> postOrUnauthorized(Context ctx) {
        Optional<String> post = authenticatedPost(ctx);
        if (post.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer").status(HttpStatus.UNAUTHORIZED)
                    .json(Map.of("error", "a valid bearer token of a post is required"));
        }
        return post;
    }

    private Optional<String> authenticatedPost(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return settings.tokens().postFor(header.substring(7).trim());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicPassword(header.substring(6).trim()).flatMap(settings.tokens()::postFor);
        }
        return Optional.empty();
    }

    // KoboToolbox REST services offer Basic auth only (or custom headers): the password is the post's token.
    private static Optional<String> basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void refuse(Context ctx, HttpStatus status, String field, String message) {
        ctx.status(status).json(Map.of("error", message, "field", field));
    }

    @Override
    public void close() {
        app.stop();
    }

    /** What a request's body says, for the post or site its token names; throws FieldException naming a bad field. */
    @FunctionalInterface
    private interface Mapper<T> {
        T map(JsonNode body, String callerId);
    }

    /** Publishes what a request said and answers it once Kafka acknowledged. */
    @FunctionalInterface
    private interface Store<T> {
        void store(Context ctx, T submitted);
    }
}
