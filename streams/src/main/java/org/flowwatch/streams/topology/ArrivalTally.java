package org.flowwatch.streams.topology;

import java.time.Instant;
import org.apache.kafka.streams.kstream.Window;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;

/** Adds crossings into an {@link ArrivalCount}; pure functions, so they are tested without Kafka. */
final class ArrivalTally {

    private ArrivalTally() {
    }

    /** An empty count; scope and window are filled in when the window's result is published. */
    static ArrivalCount empty() {
        return ArrivalCount.newBuilder()
                .setScope(CountScope.POST).setScopeId("").setGranularity(Granularity.HOUR)
                .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
                .setDirection(Direction.ARRIVAL)
                .setPeople(0).setGroups(0).setVehicles(0)
                .setStatus(CountStatus.PROVISIONAL).setUpdatedAt(Instant.EPOCH)
                .build();
    }

    static ArrivalCount add(CrossingEvent crossing, ArrivalCount tally) {
        return ArrivalCount.newBuilder(tally)
                .setPeople(tally.getPeople() + crossing.getPeople())
                .setGroups(tally.getGroups() + 1)
                .setVehicles(tally.getVehicles() + crossing.getVehicles())
                .setUpdatedAt(latest(tally.getUpdatedAt(), crossing.getOccurredAt()))
                .build();
    }

    /** The tally of one post's window, labelled as the count consumers read. */
    static ArrivalCount forPostWindow(String postId, Window window, ArrivalCount tally) {
        return ArrivalCount.newBuilder(tally)
                .setScope(CountScope.POST).setScopeId(postId).setGranularity(Granularity.HOUR)
                .setWindowStart(window.startTime()).setWindowEnd(window.endTime())
                .build();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
