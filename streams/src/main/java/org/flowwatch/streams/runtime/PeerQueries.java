package org.flowwatch.streams.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;

/**
 * Passes a query one instance of an app received on to another instance of the same app, over HTTP: the same path and
 * parameters plus a marker parameter, by which the other answers from its own stores and passes it on no further, and
 * the API token when one is required. The counts and the sites query servers both forward this way.
 */
public final class PeerQueries {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String marker;
    private final ApiToken token;

    /** @param marker the parameter ({@code marker=true}) that tells the other instance the query was passed on */
    public PeerQueries(String marker, ApiToken token) {
        this.marker = marker;
        this.token = token;
    }

    /** {@code host}'s answer to {@code path?query} (query may be null), marked as passed on; the body as text. */
    public HttpResponse<String> get(HostInfo host, String path, String query) throws IOException, InterruptedException {
        String marked = (query == null || query.isEmpty() ? "" : query + "&") + marker + "=true";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path + "?" + marked))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token.required()) {
            request.header(ApiToken.AUTHORIZATION, token.header());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
