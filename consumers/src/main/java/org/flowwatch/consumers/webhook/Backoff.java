package org.flowwatch.consumers.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try again: exponential backoff from {@code initial}, capped at {@code max}, with "equal jitter" (a random
 * point in the upper half of the step) so endpoints coming back are not hit by every dispatcher at once. A
 * Retry-After the endpoint sent wins, even above the cap: it knows its own load.
 */
public record Backoff(Duration initial, Duration max, RandomGenerator random) {

    public Duration after(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long step = initial.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long capped = Math.min(step <= 0 ? max.toMillis() : step, max.toMillis());
        return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }

    /** Parses a Retry-After header: delta-seconds or an HTTP date; nonsense is ignored. */
    public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
