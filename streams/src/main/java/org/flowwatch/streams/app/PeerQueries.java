package org.flowwatch.streams.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another instance of the same app (at the {@code application.server} it advertises) the query a user asked
 * here, marked as forwarded so that it answers from what it holds and asks no one else. Carries the API token on.
 */
public final class PeerQueries {

    /** The query parameter that marks a forwarded query. */
    public static final String FORWARDED = "forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(PeerQueries.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiToken token;

    public PeerQueries(ApiToken token) {
        this.token = token;
    }

    /** The peer's answer to {@code path?query}, or empty if it did not answer or answered with a 5xx. */
    public Optional<HttpResponse<String>> ask(HostInfo peer, String path, String query) {
        String params = (query == null || query.isEmpty() ? "" : query + "&") + FORWARDED + "=true";
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + path + "?" + params);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            if (token.required()) {
                request.header(ApiToken.AUTHORIZATION, token.header());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() >= 500 ? Optional.empty() : Optional.of(response);
        } catch (IOException e) {
            LOG.debug("Instance {} did not answer a forwarded query: {}", peer, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
