package org.flowwatch.schemas.serde;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the registry is and how to reach it. {@code url} is the base of the Confluent API: for Confluent, Karapace
 * and Redpanda the server root; for Apicurio {@code http://host:port/apis/ccompat/v7}.
 *
 * @param basicAuth "user:password", when the registry requires basic auth
 */
public record RegistrySettings(URI url, Optional<String> basicAuth, Duration requestTimeout) {

    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(URI.create(url), Optional.empty(), Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        // Never print the credentials.
        return "RegistrySettings[url=" + url + ", basicAuth=" + (basicAuth.isPresent() ? "****" : "none") + "]";
    }
}
