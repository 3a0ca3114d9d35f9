package org.flowwatch.consumers.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.flowwatch.consumers.i18n.Translations;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.i18n.Messages;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.http.ApiToken;

/**
 * The operations centre's web page and its API (Javalin): {@code /} the bundled page (no CDN: it must work with no
 * internet), {@code GET /api/state} the current {@link OpsView}, {@code GET /api/events} the same view pushed as a
 * server-sent event "state" whenever the picture changes (at most every 500 ms), {@code POST /api/alerts/{id}/ack} (alert ids contain slashes).
 * With {@code http.api.token} set, the API answers 401 unless the request carries the token (bearer header or the
 * page's cookie). Bad requests get a 4xx JSON body {@code {"error": "..."}} naming the problem.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9._:/@-]{1,200}");
    private static final long PUSH_EVERY_MS = 500;
    private static final List<String> PAGE_KEYS = List.of("page.", "count.", "item.");
    // Marks a 4xx our handler answered, so the not-found handler (for paths with no route) leaves it alone.
    private static final String ANSWERED = "flowwatch.answered";

    private final OpsPicture picture;
    private final AlertAcks acks;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-push");
        thread.setDaemon(true);
        return thread;
    });
    private final Javalin app;
    private long pushedVersion = -1;

    private DashboardServer(OpsPicture picture, AlertAcks acks, Clock clock, String host, int port, ApiToken token) {
        this.picture = picture;
        this.acks = acks;
        this.clock = clock;
        this.app = Javalin.create(config -> {
                    config.showJavalinBanner = false;
                    config.staticFiles.add("/flowwatch/dashboard/public", Location.CLASSPATH);
                })
                .before("/api/*", ctx -> token.check(ctx.header(ApiToken.AUTHORIZATION), ctx.cookie(ApiToken.COOKIE)))
                .get("/api/state", ctx -> ctx.json(picture.view()))
                .get("/i18n/{lang}", DashboardServer::dictionary)
                .sse("/api/events", this::follow)
                .post("/api/alerts/<id>/ack", this::acknowledge)
                .exception(ApiToken.Refused.class, (e, ctx) -> ctx.status(HttpStatus.UNAUTHORIZED)
                        .header(ApiToken.CHALLENGE_HEADER, ApiToken.CHALLENGE).json(error(e.getMessage())))
                .exception(AlertAcks.AckNotStoredException.class, (e, ctx) ->
                        ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(error(e.getMessage())))
                .error(HttpStatus.NOT_FOUND, ctx -> {
                    if (ctx.path().startsWith("/api/") && ctx.attribute(ANSWERED) == null) {
                        ctx.json(error("no such resource: " + ctx.method() + " " + ctx.path()));
                    }
                })
                .start(host, port);
        pusher.scheduleWithFixedDelay(this::pushIfChanged, PUSH_EVERY_MS, PUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** {@code token}: what the API ({@code /api/*}) asks for; the page itself is open (it holds no data). */
    public static DashboardServer start(OpsPicture picture, AlertAcks acks, Clock clock, String host, int port, ApiToken token) {
        return new DashboardServer(picture, acks, clock, host, port, token);
    }

    /** The page's words in one language: the page.*, count.* and item.* patterns of the translation files. */
    private static void dictionary(Context ctx) {
        Locale language;
        try {
            language = Languages.parse(ctx.pathParam("lang"));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.NOT_FOUND).json(error(e.getMessage()));
            return;
        }
        Messages messages = Translations.in(language);
        Map<String, String> words = new TreeMap<>();
        PAGE_KEYS.forEach(prefix -> messages.patterns(prefix).forEach((key, pattern) -> words.put(prefix + key, pattern)));
        ctx.header("Cache-Control", "max-age=300").json(words);
    }

    public int port() {
        return app.port();
    }

    private void follow(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, stateJson());
    }

    private void acknowledge(Context ctx) throws AlertAcks.AckNotStoredException {
        String id = ctx.pathParam("id");
        if (!ALERT_ID.matcher(id).matches()) {
            reject(ctx, HttpStatus.BAD_REQUEST, "alert id must be 1 to 200 letters, digits or ._:/@-");
            return;
        }
        Integer shownVersion;
        try {
            shownVersion = shownVersion(ctx.body());
        } catch (IllegalArgumentException e) {
            reject(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        Alert alert = picture.openAlert(id).orElse(null);
        if (alert == null) {
            reject(ctx, HttpStatus.NOT_FOUND, "no open alert with id '" + id + "' (resolved, or never opened)");
        } else if (shownVersion != null && shownVersion != alert.getVersion()) {
            reject(ctx, HttpStatus.CONFLICT, "alert '" + id + "' changed: it is at version " + alert.getVersion()
                    + ", not " + shownVersion + "; look at it again before acknowledging");
        } else {
            AlertAck ack = acks.acknowledge(alert, clock.instant());
            ctx.json(Map.of("alertId", ack.getAlertId(), "alertVersion", ack.getAlertVersion(),
                    "acknowledgedAt", ack.getAcknowledgedAt().toString()));
        }
    }

    /** The optional body {"version": N}: the alert version the user saw. */
    private Integer shownVersion(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode version;
        try {
            version = json.readTree(body).path("version");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body must be JSON like {\"version\": 3} or empty");
        }
        if (version.isMissingNode() || version.isNull()) {
            return null;
        }
        if (!version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1) {
            throw new IllegalArgumentException("'version' must be a whole number from 1, the alert version shown");
        }
        return version.asInt();
    }

    private void pushIfChanged() {
        long version = picture.version();
        if (version != pushedVersion && !clients.isEmpty()) {
            String state = stateJson();
            clients.forEach(client -> send(client, state));
        }
        pushedVersion = version;
    }

    private void send(SseClient client, String state) {
        if (client.terminated()) {
            clients.remove(client);
        } else {
            client.sendEvent("state", state);
        }
    }

    private String stateJson() {
        try {
            return json.writeValueAsString(picture.view());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ops view is plain values and always serialises", e);
        }
    }

    private static void reject(Context ctx, HttpStatus status, String message) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).json(error(message));
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        clients.forEach(SseClient::close);
        app.stop();
    }
}
