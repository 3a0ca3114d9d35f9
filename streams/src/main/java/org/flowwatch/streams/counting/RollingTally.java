package org.flowwatch.streams.counting;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Window;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.RollingCount;

/** Turns the tally of one hopping window into the rolling count consumers read. */
public final class RollingTally {

    private RollingTally() {
    }

    public static RollingCount of(ScopeKey key, Duration period, Window window, ArrivalCount tally) {
        return RollingCount.newBuilder()
                .setScope(key.scope()).setScopeId(key.scopeId()).setDirection(key.direction())
                .setPeriod(period.toString())
                .setWindowStart(window.startTime()).setWindowEnd(window.endTime())
                .setPeople(tally.getPeople()).setGroups(tally.getGroups()).setVehicles(tally.getVehicles())
                .setUpdatedAt(tally.getUpdatedAt())
                .build();
    }

    /** An empty rolling count, for a scope with no crossing in the period. */
    public static RollingCount none(ScopeKey key, Duration period, Instant start, Instant end) {
        return RollingCount.newBuilder()
                .setScope(key.scope()).setScopeId(key.scopeId()).setDirection(key.direction())
                .setPeriod(period.toString()).setWindowStart(start).setWindowEnd(end)
                .setPeople(0).setGroups(0).setVehicles(0).setUpdatedAt(start)
                .build();
    }
}
