package org.flowwatch.streams.arrivals.query;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.streams.arrivals.counting.ScopeKey;

/**
 * The parameters of a count query, parsed and checked: {@code scope} (post, region, all), {@code id} (post id or adm1
 * code; not for all), {@code direction} (arrival by default), and for windowed counts {@code granularity} (hour, day),
 * {@code from} and {@code to} (ISO-8601 instants, at most 366 days apart); for rolling counts {@code period} (1h, 24h)
 * and optionally {@code at}.
 */
record CountQuery(ScopeKey key, Granularity granularity, Instant from, Instant to) {

    private static final Duration LONGEST_RANGE = Duration.ofDays(366);

    static CountQuery windows(Function<String, String> params) {
        ScopeKey key = key(params);
        Granularity granularity = choice(params, "granularity", Map.of("hour", Granularity.HOUR, "day", Granularity.DAY), null);
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        if (!to.isAfter(from)) {
            throw new BadQueryParameter("to", "must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw new BadQueryParameter("to", "must be at most 366 days after 'from'");
        }
        return new CountQuery(key, granularity, from, to);
    }

    static ScopeKey key(Function<String, String> params) {
        CountScope scope = choice(params, "scope", Map.of("post", CountScope.POST, "region", CountScope.REGION, "all", CountScope.ALL), null);
        Direction direction = choice(params, "direction", Map.of("arrival", Direction.ARRIVAL, "departure", Direction.DEPARTURE),
                Direction.ARRIVAL);
        if (scope == CountScope.ALL) {
            return new ScopeKey(scope, ScopeKey.ALL, direction);
        }
        String id = params.apply("id");
        if (id == null || id.isBlank()) {
            throw new BadQueryParameter("id", "is required for scope " + scope.name().toLowerCase(Locale.ROOT) + " (a post id or an adm1 code)");
        }
        return new ScopeKey(scope, id, direction);
    }

    static <T> T choice(Function<String, String> params, String name, Map<String, T> choices, T fallback) {
        String value = params.apply(name);
        if (value == null && fallback != null) {
            return fallback;
        }
        T chosen = value == null ? null : choices.get(value.toLowerCase(Locale.ROOT));
        if (chosen == null) {
            throw new BadQueryParameter(name, "must be one of " + String.join(", ", Arrays.stream(choices.keySet().toArray(String[]::new)).sorted().toList()));
        }
        return chosen;
    }

    static Instant instant(Function<String, String> params, String name) {
        String value = params.apply(name);
        if (value == null) {
            throw new BadQueryParameter(name, "is required (an ISO-8601 instant such as 2023-09-24T00:00:00Z)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQueryParameter(name, "must be an ISO-8601 instant such as 2023-09-24T00:00:00Z");
        }
    }
}
