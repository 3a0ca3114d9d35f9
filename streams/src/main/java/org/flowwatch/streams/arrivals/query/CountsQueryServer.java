package org.flowwatch.streams.arrivals.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.streams.arrivals.counting.ScopeKey;
import org.flowwatch.streams.arrivals.topology.StoreNames;
import org.flowwatch.streams.arrivals.topology.WindowedCounts;
import org.flowwatch.streams.runtime.PeerQueries;
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
 * Bad parameters answer 400 naming the parameter. While a count moves between instances (an instance stopped or
 * added, a rebalance under way) the answer comes from a copy that may lag by a few commits (a standby replica, or a
 * store still restoring), marked with the header {@code X-Flowwatch-Copy: stale}; only when no instance holds any copy
 * of the count for five seconds does the answer become 503.
 */
public final class CountsQueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CountsQueryServer.class);
    private static final String FORWARDED = "forwarded";
    private static final String STALE_HEADER = "X-Flowwatch-Copy";
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE_POLL = Duration.ofMillis(200);
    private static final Map<String, WindowedCounts.Period> PERIODS = Map.of("1h", WindowedCounts.lastHour(), "24h", WindowedCounts.lastDay());

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PeerQueries peers;
    private final Javalin server;

    private CountsQueryServer(KafkaStreams streams, HostInfo self, ApiToken token) {
        this.streams = streams;
        this.self = self;
        this.peers = new PeerQueries(FORWARDED, token);
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

    private void counts(Context ctx) throws InterruptedException {
        CountQuery query = CountQuery.windows(ctx::queryParam);
        answer(ctx, StoreNames.of(query.granularity()), query.key(), local -> local.windows(query));
    }

    private void rolling(Context ctx) throws InterruptedException {
        ScopeKey key = CountQuery.key(ctx::queryParam);
        WindowedCounts.Period period = CountQuery.choice(ctx::queryParam, "period", PERIODS, null);
        Instant at = ctx.queryParam("at") == null ? null : CountQuery.instant(ctx::queryParam, "at");
        answer(ctx, period.store(), key, local -> local.rolling(key, period, at));
    }

    private void answer(Context ctx, String store, ScopeKey key, Function<LocalCounts, Object> fromHere) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        // A rebalance settles within seconds: keep the user waiting that long rather than answer an error. A forwarded
        // request answers at once, so that only the instance the user asked waits.
        while (!answered(ctx, store, key, fromHere)) {
            if (ctx.queryParam(FORWARDED) != null || System.nanoTime() > deadline) {
                unavailable(ctx);
                return;
            }
            Thread.sleep(SETTLE_POLL.toMillis());
        }
    }

    private boolean answered(Context ctx, String store, ScopeKey key, Function<LocalCounts, Object> fromHere) {
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(store, key.toString(), Serdes.String().serializer());
        } catch (IllegalStateException notRunning) { // also StreamsNotStartedException: starting or shutting down
            return false;
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return false;
        }
        if (owner.activeHost().equals(self)) {
            return answeredFrom(ctx, LocalCounts.active(streams), fromHere, false)
                    || answeredFrom(ctx, LocalCounts.copyOf(streams, owner.partition()), fromHere, true);
        }
        if (ctx.queryParam(FORWARDED) == null
                && (forwarded(ctx, owner.activeHost()) || owner.standbyHosts().stream().anyMatch(standby -> forwarded(ctx, standby)))) {
            return true;
        }
        // Forwarded here though the key is not ours (a rebalance is under way), or no holder answered: our own copy.
        return answeredFrom(ctx, LocalCounts.copyOf(streams, owner.partition()), fromHere, true);
    }

    private static boolean answeredFrom(Context ctx, LocalCounts counts, Function<LocalCounts, Object> fromHere, boolean stale) {
        Object answer;
        try {
            answer = fromHere.apply(counts);
        } catch (InvalidStateStoreException noCopyHere) {
            return false;
        }
        if (stale) {
            ctx.header(STALE_HEADER, "stale");
        }
        ctx.json(answer);
        return true;
    }

    /** Asks {@code host} to answer from what it holds; true if it did (any status but 5xx, which it passes on). */
    private boolean forwarded(Context ctx, HostInfo host) {
        try {
            HttpResponse<String> response = peers.get(host, ctx.path(), ctx.queryString());
            if (response.statusCode() >= 500) {
                return false;
            }
            response.headers().firstValue(STALE_HEADER).ifPresent(value -> ctx.header(STALE_HEADER, value));
            ctx.status(response.statusCode()).contentType("application/json").result(response.body());
            return true;
        } catch (java.io.IOException e) {
            LOG.debug("Instance {} holding a count did not answer: {}", host, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
