package org.flowwatch.streams.arrivals.counting;

import java.time.Duration;
import java.time.Instant;
import org.flowwatch.schemas.avro.RollingCount;

/** Turns the figure of one key's rolling period ({@link RollingBuckets}) into the rolling count consumers read. */
public final class RollingTally {

    private RollingTally() {
    }

    public static RollingCount of(ScopeKey key, Duration length, RollingBuckets.Sum sum) {
        return RollingCount.newBuilder()
                .setScope(key.scope()).setScopeId(key.scopeId()).setDirection(key.direction())
                .setPeriod(length.toString())
                .setWindowStart(Instant.ofEpochMilli(sum.start())).setWindowEnd(Instant.ofEpochMilli(sum.end()))
                .setPeople(sum.people()).setGroups(sum.groups()).setVehicles(sum.vehicles())
                .setUpdatedAt(Instant.ofEpochMilli(sum.updatedAt() == 0 ? sum.start() : sum.updatedAt()))
                .build();
    }
}
