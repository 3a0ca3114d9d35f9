package org.flowwatch.streams.sites.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.streams.sites.SitesTopology;

/**
 * Interactive queries over HTTP, JSON: {@code GET /sites[?region=]}, {@code GET /sites/{id}},
 * {@code GET /alerts[?kind=&severity=&region=&site=&post=]}. Every instance gives the whole answer: what its own stores
 * hold plus what the {@link OtherInstances} hold. Bad parameters get a 400 naming the parameter; a store not ready yet
 * (rebalancing, restoring), or another instance holding part of the answer not answering, a 503 to retry: never a
 * part of the sites or alerts as if it were all of them.
 */
public final class SitesQueryServer implements AutoCloseable {

    private static final List<String> STATUS_STORES = List.of(SitesTopology.STATUS_STORE);

    private final Javalin app;

    private SitesQueryServer(Javalin app) {
        this.app = app;
    }

    /** One instance alone: it answers from its own stores. */
    public static SitesQueryServer start(SitesView view, String host, int port, ApiToken token) {
        return start(view, OtherInstances.none(), host, port, token);
    }

    /** With a {@code token} ({@code http.api.token}) every request must carry it as a bearer token (401 otherwise). */
    public static SitesQueryServer start(SitesView view, OtherInstances others, String host, int port, ApiToken token) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
                .before(ctx -> token.check(ctx.header(ApiToken.AUTHORIZATION), null))
                .get("/sites", ctx -> ctx.json(sites(view, others, ctx)))
                .get("/sites/{id}", ctx -> site(view, others, ctx))
                .get("/alerts", ctx -> ctx.json(alerts(view, others, ctx)))
                .exception(ApiToken.Refused.class, (e, ctx) -> error(ctx.header(ApiToken.CHALLENGE_HEADER, ApiToken.CHALLENGE),
                        HttpStatus.UNAUTHORIZED, e.getMessage()))
                .exception(AlertFilter.BadQueryException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()))
                .exception(InvalidStateStoreException.class, (e, ctx) ->
                        error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the sites app is not ready (starting or rebalancing); retry shortly"))
                .exception(OtherInstances.Unanswered.class, (e, ctx) -> error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.start(host, port);
        return new SitesQueryServer(app);
    }

    public int port() {
        return app.port();
    }

    private static List<Map<String, Object>> sites(SitesView view, OtherInstances others, Context ctx) {
        String region = ctx.queryParam("region");
        List<Map<String, Object>> here = view.sites().stream().filter(site -> region == null || region.equals(site.getAdm1Code()))
                .map(Json::site).toList();
        return withOthers(here, others, ctx, STATUS_STORES, "siteId", Comparator.comparing(site -> (String) site.get("siteId")));
    }

    private static void site(SitesView view, OtherInstances others, Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Map<String, Object>> site = view.site(id).map(Json::site)
                .or(() -> isForwarded(ctx) ? Optional.empty() : others.one(STATUS_STORES, ctx.path()));
        site.ifPresentOrElse(ctx::json,
                () -> error(ctx, HttpStatus.NOT_FOUND, "no status for site '" + id + "' (unknown, or nothing has happened there yet)"));
    }

    private static List<Map<String, Object>> alerts(SitesView view, OtherInstances others, Context ctx) {
        List<Map<String, Object>> here = view.openAlerts().stream().filter(AlertFilter.from(params(ctx))).map(Json::alert).toList();
        return withOthers(here, others, ctx, SitesTopology.ALERT_STORES, "alertId",
                Comparator.<Map<String, Object>, Instant>comparing(alert -> Instant.parse((String) alert.get("startsAt")))
                        .thenComparing(alert -> (String) alert.get("alertId")));
    }

    /** Ours, and unless this request was forwarded to us, the other instances' answers to it: each entry once, in order. */
    private static List<Map<String, Object>> withOthers(List<Map<String, Object>> here, OtherInstances others, Context ctx,
                                                        List<String> stores, String id, Comparator<Map<String, Object>> order) {
        Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
        here.forEach(entry -> byId.put(entry.get(id), entry));
        if (!isForwarded(ctx)) {
            // while a task moves between instances both may briefly hold it: its entry is counted once
            others.all(stores, ctx.path(), ctx.queryString()).forEach(entry -> byId.putIfAbsent(entry.get(id), entry));
        }
        return byId.values().stream().sorted(order).toList();
    }

    private static boolean isForwarded(Context ctx) {
        return ctx.queryParam(OtherInstances.LOCAL_ONLY) != null;
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> params.put(key, values.isEmpty() ? null : values.get(0)));
        params.remove(OtherInstances.LOCAL_ONLY);
        return params;
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    @Override
    public void close() {
        app.stop();
    }
}
