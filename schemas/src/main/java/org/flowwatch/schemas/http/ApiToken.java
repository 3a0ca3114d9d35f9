package org.flowwatch.schemas.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * The bearer token an HTTP API asks for ({@code http.api.token}; empty = the API is open, as on a laptop). A caller
 * shows it as {@code Authorization: Bearer <token>} or, for the dashboard page (a browser's EventSource cannot set
 * headers), in the cookie {@value #COOKIE}. Compared in constant time; never logged, never echoed.
 */
public final class ApiToken {

    public static final String SETTING = "http.api.token";
    public static final String COOKIE = "flowwatch_token";
    public static final String AUTHORIZATION = "Authorization";
    /** The header a 401 carries, so clients know which scheme to use. */
    public static final String CHALLENGE_HEADER = "WWW-Authenticate";
    public static final String CHALLENGE = "Bearer realm=\"flowwatch\"";
    private static final int MIN_LENGTH = 16;
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    private ApiToken(byte[] token) {
        this.token = token;
    }

    /** The token of {@code http.api.token}, or none when it is empty; a short token is refused. */
    public static ApiToken from(Settings settings) {
        return settings.optional(SETTING).map(value -> {
            if (value.length() < MIN_LENGTH) {
                throw new ConfigException("setting '" + SETTING + "' must be at least " + MIN_LENGTH
                        + " characters (from " + settings.layer(SETTING) + "); e.g. openssl rand -hex 24");
            }
            return of(value);
        }).orElse(none());
    }

    public static ApiToken of(String token) {
        return new ApiToken(token.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiToken none() {
        return new ApiToken(null);
    }

    public boolean required() {
        return token != null;
    }

    /**
     * Why a request with this {@code Authorization} header and {@value #COOKIE} cookie (either may be null) is
     * refused, as a sentence for a 401 body; empty when it may pass.
     */
    public Optional<String> refusal(String authorization, String cookie) {
        if (!required()) {
            return Optional.empty();
        }
        String offered = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : cookie;
        if (offered == null || offered.isEmpty()) {
            return Optional.of(authorization == null
                    ? "this API needs a token: send 'Authorization: Bearer <token>' (the value of " + SETTING + ")"
                    : "the Authorization header must be 'Bearer <token>'");
        }
        return MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8))
                ? Optional.empty() : Optional.of("the bearer token is not the one this API accepts (" + SETTING + ")");
    }

    /**
     * Throws {@link Refused} (to be answered 401 with its message) unless the request may pass; the cookie as the
     * browser sent it (URL-encoded by the dashboard page).
     */
    public void check(String authorization, String cookie) {
        String decoded = cookie == null ? null : URLDecoder.decode(cookie, StandardCharsets.UTF_8);
        Optional<String> refusal = refusal(authorization, decoded);
        if (refusal.isPresent()) {
            throw new Refused(refusal.get());
        }
    }

    /** The {@code Authorization} header value to send to another instance of the same API (null when none is needed). */
    public String header() {
        return required() ? BEARER + new String(token, StandardCharsets.UTF_8) : null;
    }

    /** A request without the right token: answer 401, {@link #CHALLENGE_HEADER}: {@link #CHALLENGE}, and {@code {"error": message}}. */
    public static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return required() ? "ApiToken[****]" : "ApiToken[none]";
    }
}
