package org.flowwatch.schemas.topics;

import java.time.Instant;
import java.util.Locale;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;

/**
 * Keys of the count topics, e.g. {@code post/kornidzor/HOUR/ARRIVAL/2023-09-25T10:00:00Z}: readable in kcat, and
 * one key per window and direction, so a compacted topic keeps the latest revision of every count.
 */
public final class ArrivalKeys {

    private ArrivalKeys() {
    }

    public static String of(CountScope scope, String scopeId, Granularity granularity, Direction direction, Instant windowStart) {
        return scope.name().toLowerCase(Locale.ROOT) + "/" + scopeId + "/" + granularity + "/" + direction + "/" + windowStart;
    }

    public static String of(ArrivalCount count) {
        return of(count.getScope(), count.getScopeId(), count.getGranularity(), count.getDirection(), count.getWindowStart());
    }
}
