package org.flowwatch.streams.sites.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.http.ApiToken;

/**
 * Interactive queries over HTTP, JSON: {@code GET /sites[?region=]}, {@code GET /sites/{id}},
 * {@code GET /alerts[?kind=&severity=&region=&site=&post=]}. Bad parameters get a 400 naming the parameter; a store
 * not ready yet (rebalancing, restoring) a 503 to retry.
 */
public final class SitesQueryServer implements AutoCloseable {

    private final Javalin app;

    private SitesQueryServer(Javalin app) {
        this.app = app;
    }

    /** With a {@code token} ({@code http.api.token}) every request must carry it as a bearer token (401 otherwise). */
    public static SitesQueryServer start(SitesView view, String host, int port, ApiToken token) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
                .before(ctx -> token.check(ctx.header(ApiToken.AUTHORIZATION), null))
                .get("/sites", ctx -> ctx.json(sites(view, ctx.queryParam("region"))))
                .get("/sites/{id}", ctx -> site(view, ctx))
                .get("/alerts", ctx -> ctx.json(view.openAlerts().stream().filter(AlertFilter.from(params(ctx)))
                        .sorted(Comparator.comparing(Alert::getStartsAt)).map(Json::alert).toList()))
                .exception(ApiToken.Refused.class, (e, ctx) -> error(ctx.header(ApiToken.CHALLENGE_HEADER, ApiToken.CHALLENGE),
                        HttpStatus.UNAUTHORIZED, e.getMessage()))
                .exception(AlertFilter.BadQueryException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()))
                .exception(InvalidStateStoreException.class, (e, ctx) ->
                        error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the sites app is not ready (starting or rebalancing); retry shortly"));
        app.start(host, port);
        return new SitesQueryServer(app);
    }

    public int port() {
        return app.port();
    }

    private static List<Map<String, Object>> sites(SitesView view, String region) {
        return view.sites().stream().filter(site -> region == null || region.equals(site.getAdm1Code()))
                .sorted(Comparator.comparing(SiteStatus::getSiteId)).map(Json::site).toList();
    }

    private static void site(SitesView view, Context ctx) {
        String id = ctx.pathParam("id");
        view.site(id).ifPresentOrElse(site -> ctx.json(Json.site(site)),
                () -> error(ctx, HttpStatus.NOT_FOUND, "no status for site '" + id + "' (unknown, or nothing has happened there yet)"));
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> params.put(key, values.isEmpty() ? null : values.get(0)));
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
