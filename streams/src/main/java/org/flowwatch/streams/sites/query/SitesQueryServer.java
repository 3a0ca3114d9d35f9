package org.flowwatch.streams.sites.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.streams.app.PeerQueries;

/**
 * Interactive queries over HTTP, JSON: {@code GET /sites[?region=]}, {@code GET /sites/{id}},
 * {@code GET /alerts[?kind=&severity=&region=&site=&post=]}. Bad parameters get a 400 naming the parameter; a store
 * not ready yet (rebalancing, restoring) a 503 to retry. With several instances ({@link SitesPeers}) any of them gives
 * the whole answer: a site's status is asked of the instance holding it, the lists are gathered from every instance
 * (a 503 naming the instance that did not answer, rather than a list with sites silently missing).
 */
public final class SitesQueryServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() { };

    private final Javalin app;

    private SitesQueryServer(Javalin app) {
        this.app = app;
    }

    /** One instance's queries: everything is answered from {@code view}. */
    public static SitesQueryServer start(SitesView view, String host, int port, ApiToken token) {
        return start(view, SitesPeers.none(), host, port, token);
    }

    /** With a {@code token} ({@code http.api.token}) every request must carry it as a bearer token (401 otherwise). */
    public static SitesQueryServer start(SitesView view, SitesPeers peers, String host, int port, ApiToken token) {
        PeerQueries asking = new PeerQueries(token);
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
                .before(ctx -> token.check(ctx.header(ApiToken.AUTHORIZATION), null))
                .get("/sites", ctx -> gathered(ctx, sites(view, ctx.queryParam("region")), peers, asking,
                        Comparator.comparing(site -> (String) site.get("siteId"))))
                .get("/sites/{id}", ctx -> site(view, peers, asking, ctx))
                .get("/alerts", ctx -> gathered(ctx, view.openAlerts().stream().filter(AlertFilter.from(params(ctx)))
                        .map(Json::alert).toList(), peers, asking,
                        Comparator.comparing(alert -> Instant.parse((String) alert.get("startsAt")))))
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
                .map(Json::site).toList();
    }

    private static void site(SitesView view, SitesPeers peers, PeerQueries asking, Context ctx) {
        String id = ctx.pathParam("id");
        Optional<HostInfo> holder = forwarded(ctx) ? Optional.empty() : peers.holderOf(id);
        if (holder.isPresent()) {
            asking.ask(holder.get(), ctx.path(), ctx.queryString()).ifPresentOrElse(
                    answer -> ctx.status(answer.statusCode()).contentType("application/json").result(answer.body()),
                    () -> error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the instance holding site '" + id + "' ("
                            + holder.get() + ") did not answer; retry shortly"));
            return;
        }
        view.site(id).ifPresentOrElse(site -> ctx.json(Json.site(site)),
                () -> error(ctx, HttpStatus.NOT_FOUND, "no status for site '" + id + "' (unknown, or nothing has happened there yet)"));
    }

    // What this instance holds, and (unless the query was forwarded here) what every other instance holds.
    private static void gathered(Context ctx, List<Map<String, Object>> here, SitesPeers peers, PeerQueries asking,
                                 Comparator<Map<String, Object>> order) throws JsonProcessingException {
        List<Map<String, Object>> all = new ArrayList<>(here);
        for (HostInfo peer : forwarded(ctx) ? List.<HostInfo>of() : peers.others()) {
            Optional<HttpResponse<String>> answer = asking.ask(peer, ctx.path(), ctx.queryString());
            if (answer.isEmpty()) {
                error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "instance " + peer + ", which holds part of the answer, did not"
                        + " answer; retry shortly");
                return;
            }
            if (answer.get().statusCode() != 200) { // a 400 or 401 it gave is this query's too
                ctx.status(answer.get().statusCode()).contentType("application/json").result(answer.get().body());
                return;
            }
            all.addAll(JSON.readValue(answer.get().body(), LIST));
        }
        all.sort(order);
        ctx.json(all);
    }

    private static boolean forwarded(Context ctx) {
        return ctx.queryParam(PeerQueries.FORWARDED) != null;
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> params.put(key, values.isEmpty() ? null : values.get(0)));
        params.remove(PeerQueries.FORWARDED);
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
