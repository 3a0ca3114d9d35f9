package org.flowwatch.streams.counting;

import java.time.Instant;
import org.apache.kafka.streams.kstream.Window;
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
import org.flowwatch.streams.dedupe.Retractions;

/** Adds crossings into an {@link ArrivalCount}; plain functions, so they are tested without Kafka. */
public final class ArrivalTally {

    private ArrivalTally() {
    }

    /** An empty count; scope and window are filled in when the window's result is published. */
    public static ArrivalCount empty() {
        return ArrivalCount.newBuilder()
                .setScope(CountScope.POST).setScopeId("").setGranularity(Granularity.HOUR)
                .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
                .setDirection(Direction.ARRIVAL)
                .setPeople(0).setGroups(0).setVehicles(0)
                .setFemale(zeroBands()).setMale(zeroBands())
                .setVulnerabilities(new VulnerabilityTotals(0L, 0L, 0L, 0L))
                .setStatus(CountStatus.PROVISIONAL).setUpdatedAt(Instant.EPOCH)
                .build();
    }

    /**
     * Adds a crossing into {@code tally} and returns it; a {@link Retractions retraction} (negative figures) takes a
     * counted revision back out, so a window where the original was counted never goes below zero. In place, because the aggregation hands over a copy it has
     * just read from its store, and a builder from an existing record deep-copies every nested record (16 % of the
     * topology's time in the benchmark).
     */
    public static ArrivalCount add(CrossingEvent crossing, ArrivalCount tally) {
        SexAgeBreakdown breakdown = crossing.getBreakdown();
        tally.setPeople(tally.getPeople() + crossing.getPeople());
        tally.setGroups(tally.getGroups() + Retractions.groups(crossing));
        tally.setVehicles(tally.getVehicles() + crossing.getVehicles());
        if (breakdown != null) {
            tally.setFemale(plus(tally.getFemale(), breakdown.getFemale()));
            tally.setMale(plus(tally.getMale(), breakdown.getMale()));
        }
        tally.setVulnerabilities(plus(tally.getVulnerabilities(), crossing.getVulnerabilities()));
        tally.setUpdatedAt(latest(tally.getUpdatedAt(), crossing.getOccurredAt()));
        return tally;
    }

    /** The tally of one window of one scope, labelled as the count consumers read. */
    public static ArrivalCount label(ScopeKey key, Granularity granularity, Window window, ArrivalCount tally,
                                     CountStatus status) {
        return ArrivalCount.newBuilder(tally)
                .setScope(key.scope()).setScopeId(key.scopeId()).setDirection(key.direction())
                .setGranularity(granularity)
                .setWindowStart(window.startTime()).setWindowEnd(window.endTime())
                .setStatus(status)
                .build();
    }

    private static BandTotals zeroBands() {
        return new BandTotals(0L, 0L, 0L, 0L, 0L);
    }

    private static BandTotals plus(BandTotals totals, AgeBands bands) {
        BandTotals base = totals == null ? zeroBands() : totals;
        return new BandTotals(base.getAge0to4() + bands.getAge0to4(), base.getAge5to11() + bands.getAge5to11(),
                base.getAge12to17() + bands.getAge12to17(), base.getAge18to59() + bands.getAge18to59(),
                base.getAge60plus() + bands.getAge60plus());
    }

    private static VulnerabilityTotals plus(VulnerabilityTotals totals, Vulnerabilities group) {
        VulnerabilityTotals base = totals == null ? new VulnerabilityTotals(0L, 0L, 0L, 0L) : totals;
        if (group == null) {
            return base;
        }
        return new VulnerabilityTotals(base.getUnaccompaniedChildren() + group.getUnaccompaniedChildren(),
                base.getDisabled() + group.getDisabled(), base.getNeedsMedicalCare() + group.getNeedsMedicalCare(),
                base.getPregnant() + group.getPregnant());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
