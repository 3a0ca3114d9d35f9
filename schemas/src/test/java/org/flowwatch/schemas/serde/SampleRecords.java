package org.flowwatch.schemas.serde;

import java.time.Instant;
import java.util.UUID;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.schemas.avro.VulnerabilityTotals;

/** Fully populated records for serde tests: every optional field set, every count distinct, fixed times. */
final class SampleRecords {

    static final Instant T0 = Instant.parse("2023-09-01T06:00:00Z");
    static final UUID EVENT_ID = UUID.fromString("6f1c2a7e-3b1d-4c55-9e0a-1d2f3a4b5c6d");

    private SampleRecords() {
    }

    static CrossingEvent fullCrossing() {
        return CrossingEvent.newBuilder()
                .setEventId(EVENT_ID)
                .setPostId("BP-07")
                .setOccurredAt(T0)
                .setRecordedAt(T0.plusSeconds(95))
                .setDirection(Direction.ARRIVAL)
                .setPeople(11)
                .setBreakdown(new SexAgeBreakdown(new AgeBands(1, 2, 3, 4, 0), new AgeBands(0, 1, 0, 0, 0)))
                .setVehicles(2)
                .setVulnerabilities(new Vulnerabilities(1, 2, 3, 4))
                .setDestinationSiteId("RC-GORIS")
                .setOrigin("Stepanakert")
                .build();
    }

    static ArrivalCount fullArrivalCount() {
        return ArrivalCount.newBuilder()
                .setScope(CountScope.POST)
                .setScopeId("BP-07")
                .setGranularity(Granularity.HOUR)
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(3600))
                .setDirection(Direction.ARRIVAL)
                .setPeople(842L)
                .setGroups(97L)
                .setVehicles(31L)
                .setFemale(new BandTotals(40L, 61L, 55L, 260L, 38L))
                .setMale(new BandTotals(44L, 58L, 50L, 201L, 35L))
                .setVulnerabilities(new VulnerabilityTotals(3L, 12L, 27L, 9L))
                .setStatus(CountStatus.FINAL)
                .setUpdatedAt(T0.plusSeconds(5400))
                .build();
    }
}
