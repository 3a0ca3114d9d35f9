package org.flowwatch.streams.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.streams.counting.ScopeKey;
import org.flowwatch.streams.topology.StoreNames;
import org.flowwatch.streams.topology.WindowedCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over HTTP (JSON). Each count lives on the instance that owns its key's partition; a query to
 * any instance is forwarded, once, to that owner ({@code KafkaStreams.queryMetadataForKey} over the
 * {@code application.server} each instance advertises), so every instance gives the same answer.
 *
 * <ul>
 *   <li>{@code GET /counts?scope=post|region|all&id=..&granularity=hour|day&from=..&to=..[&direction=arrival|departure]}</li>
 *   <li>{@code GET /rolling?scope=post|region|all&id=..&period=1h|24h[&at=..][&direction=..]}</li>
 * </ul>
 * Bad parameters answer 400 naming the parameter; a store that is moving between instances answers 503.
 */
public final class CountsQueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CountsQueryServer.class);
    private static final String FORWARDED = "forwarded";
    private static final Map<String, WindowedCounts.Period> PERIODS = Map.of("1h", WindowedCounts.lastHour(), "24h", WindowedCounts.lastDay());

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalCounts local;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiToken token;
    private final Javalin server;

    private CountsQueryServer(KafkaStreams streams, HostInfo self, ApiToken token) {
        this.streams = streams;
        this.self = self;
        this.token = token;
        this.local = new LocalCounts(streams);
        this.server = Javalin.create(config -> config.showJavalinBanner = false)
                .before(ctx -> token.check(ctx.header(ApiToken.AUTHORIZATION), null))
                .get("/counts", this::counts)
                .get("/rolling", this::rolling)
                .exception(ApiToken.Refused.class, (error, ctx) -> ctx.status(401)
                        .header(ApiToken.CHALLENGE_HEADER, ApiToken.CHALLENGE).json(Map.of("error", error.getMessage())))
                .exception(BadQueryParameter.class, (error, ctx) -> ctx.status(400).json(Map.of("error", error.getMessage())))
                .exception(InvalidStateStoreException.class, (error, ctx) -> unavailable(ctx));
    }

    /**
     * Serves queries on {@code self.port()} (all interfaces); {@code self} is what the other instances call. With a
     * {@code token} every request must carry it (401 otherwise); forwarded queries carry it on.
     */
    public static CountsQueryServer start(KafkaStreams streams, HostInfo self, ApiToken token) {
        CountsQueryServer queries = new CountsQueryServer(streams, self, token);
        queries.server.start(self.port());
        return queries;
    }

    private void counts(Context ctx) {
        CountQuery query = CountQuery.windows(ctx::queryParam);
        answer(ctx, StoreNames.of(query.granularity()), query.key(), () -> local.windows(query));
    }

    private void rolling(Context ctx) {
        ScopeKey key = CountQuery.key(ctx::queryParam);
        WindowedCounts.Period period = CountQuery.choice(ctx::queryParam, "period", PERIODS, null);
        Instant at = ctx.queryParam("at") == null ? null : CountQuery.instant(ctx::queryParam, "at");
        answer(ctx, period.store(), key, () -> local.rolling(key, period, at));
    }

    private void answer(Context ctx, String store, ScopeKey key, Supplier<Object> fromHere) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key.toString(), Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            unavailable(ctx);
        } else if (owner.activeHost().equals(self)) {
            ctx.json(fromHere.get());
        } else if (ctx.queryParam(FORWARDED) != null) {
            unavailable(ctx); // the owner we were told about does not think it owns the key: a rebalance is under way
        } else {
            forward(ctx, owner.activeHost());
        }
    }

    private void forward(Context ctx, HostInfo owner) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + ctx.path() + "?" + ctx.queryString() + "&" + FORWARDED + "=true");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            if (token.required()) {
                request.header(ApiToken.AUTHORIZATION, token.header());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ctx.status(response.statusCode()).contentType("application/json").result(response.body());
        } catch (java.io.IOException e) {
            LOG.warn("Instance {} holding the count did not answer: {}", owner, e.toString());
            ctx.status(502).json(Map.of("error", "the instance holding this count (" + owner + ") did not answer"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(ctx);
        }
    }

    private static void unavailable(Context ctx) {
        ctx.status(503).json(Map.of("error", "counts are moving between instances; try again in a few seconds"));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
