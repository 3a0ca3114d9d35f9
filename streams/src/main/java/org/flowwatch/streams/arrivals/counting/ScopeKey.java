package org.flowwatch.streams.arrivals.counting;

import java.util.Locale;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;

/**
 * The key crossings are counted under: scope, scope id and direction, written {@code post/kornidzor/ARRIVAL},
 * {@code region/AM-SU/DEPARTURE} or {@code all/all/ARRIVAL}. Ids may contain '/', so parsing takes the first and last
 * segments as scope and direction.
 */
public record ScopeKey(CountScope scope, String scopeId, Direction direction) {

    public static final String ALL = "all";

    public static ScopeKey parse(String key) {
        int first = key.indexOf('/');
        int last = key.lastIndexOf('/');
        if (first < 0 || last <= first) {
            throw new IllegalArgumentException("not a scope key: " + key);
        }
        return new ScopeKey(CountScope.valueOf(key.substring(0, first).toUpperCase(Locale.ROOT)),
                key.substring(first + 1, last), Direction.valueOf(key.substring(last + 1)));
    }

    @Override
    public String toString() {
        return scope.name().toLowerCase(Locale.ROOT) + "/" + scopeId + "/" + direction;
    }
}
