package org.flowwatch.schemas.serde;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the registry is and how to reach it. {@code url} is the base of the Confluent API: for Confluent, Karapace
 * and Redpanda the server root; for Apicurio {@code http://host:port/apis/ccompat/v7}.
 *
 * @param basicAuth "user:password", when the registry requires basic auth
 * @param requestTimeout how long one call may take
 * @param retryFor how long a call that failed for want of the registry (unreachable, 5xx, 429) is tried again, with
 *     backoff, before the caller gets {@link RegistryUnavailableException}; zero for callers that have a buffer of
 *     their own and must answer fast (a post's journal, the gateway's 503); under a second means no retries
 */
public record RegistrySettings(URI url, Optional<String> basicAuth, Duration requestTimeout, Duration retryFor) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A {@code retryFor} without end. */
    public static final Duration UNTIL_IT_ANSWERS = ChronoUnit.FOREVER.getDuration();

    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryFor, "retryFor");
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /** The registry at {@code url}, no auth, default timeout, no retries. */
    public static RegistrySettings of(String url) {
        return new RegistrySettings(URI.create(url), Optional.empty(), DEFAULT_TIMEOUT, Duration.ZERO);
    }

    public RegistrySettings withRetryFor(Duration retry) {
        return new RegistrySettings(url, basicAuth, requestTimeout, retry);
    }

    @Override
    public String toString() {
        // Never print the credentials.
        return "RegistrySettings[url=" + url + ", basicAuth=" + (basicAuth.isPresent() ? "****" : "none") + "]";
    }
}
