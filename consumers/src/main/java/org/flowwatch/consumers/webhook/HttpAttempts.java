package org.flowwatch.consumers.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One HTTP attempt, classified: the answer's status (with its Retry-After), or no answer within the timeout.
 * Redirects are never followed, so a public URL cannot bounce the request into a private network. Webhooks and HTTP
 * SMS gateways share it.
 */
public final class HttpAttempts {

    /** What the attempt came to, and the answer's body (empty when none came). */
    public record Outcome(AttemptResult result, String body) {
    }

    /** Enough for any gateway's answer; the rest of a larger body is not read. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public HttpAttempts(Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    public Outcome send(HttpRequest.Builder request) throws InterruptedException {
        try {
            HttpResponse<InputStream> response = client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            return new Outcome(AttemptResult.ofStatus(response.statusCode(),
                    Backoff.retryAfter(response.headers().firstValue("Retry-After"), clock.instant())), body);
        } catch (HttpTimeoutException e) {
            return new Outcome(AttemptResult.noAnswer("no answer within " + timeout.toMillis() + " ms"), "");
        } catch (IOException e) {
            return new Outcome(AttemptResult.noAnswer(described(e)), "");
        }
    }

    // The JDK client's ConnectException (refused, no route) carries no message: say what it means.
    private static String described(IOException e) {
        if (e.getMessage() != null) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e instanceof ConnectException ? ": could not connect" : "");
    }
}
