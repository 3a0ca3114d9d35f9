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
 * @param autoRegister whether serializers of the catalogue's topics register a schema the subject lacks
 *     ({@code registry.auto.register}); off in production, where {@code flowwatch registry apply} registers every
 *     contract before the apps start and a missing schema is an error naming that command
 * @param tls the trust store (and key store, for mutual TLS) of an {@code https} registry; {@link RegistryTls#NONE}:
 *     the JVM's trusted authorities
 */
public record RegistrySettings(URI url, Optional<String> basicAuth, Duration requestTimeout, Duration retryFor,
                               boolean autoRegister, RegistryTls tls) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A {@code retryFor} without end. */
    public static final Duration UNTIL_IT_ANSWERS = ChronoUnit.FOREVER.getDuration();

    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryFor, "retryFor");
        Objects.requireNonNull(tls, "tls");
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
    }

    public RegistrySettings(URI url, Optional<String> basicAuth, Duration requestTimeout, Duration retryFor, boolean autoRegister) {
        this(url, basicAuth, requestTimeout, retryFor, autoRegister, RegistryTls.NONE);
    }

    /** The registry at {@code url}, no auth, default timeout, no retries, auto-registration on. */
    public static RegistrySettings of(String url) {
        return new RegistrySettings(URI.create(url), Optional.empty(), DEFAULT_TIMEOUT, Duration.ZERO, true);
    }

    public RegistrySettings withRetryFor(Duration retry) {
        return new RegistrySettings(url, basicAuth, requestTimeout, retry, autoRegister, tls);
    }

    public RegistrySettings withAutoRegister(boolean register) {
        return new RegistrySettings(url, basicAuth, requestTimeout, retryFor, register, tls);
    }

    @Override
    public String toString() {
        // Never print the credentials.
        return "RegistrySettings[url=" + url + ", basicAuth=" + (basicAuth.isPresent() ? "****" : "none")
                + ", autoRegister=" + autoRegister + ", tls=" + tls + "]";
    }
}
