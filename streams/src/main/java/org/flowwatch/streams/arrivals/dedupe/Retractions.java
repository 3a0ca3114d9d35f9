package org.flowwatch.streams.arrivals.dedupe;

import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;

/**
 * A retraction takes a counted revision back out of the counts: the same crossing with every figure negated (people,
 * vehicles, the breakdown, the vulnerabilities), so the counts add it like any crossing, and a group less. Only the
 * counting path sees retractions (never the valid-crossings topic); a counted crossing has at least 1 person, so a
 * negative people figure is what marks a retraction.
 */
public final class Retractions {

    private Retractions() {
    }

    public static CrossingEvent of(CrossingEvent counted) {
        return CrossingEvent.newBuilder(counted)
                .setPeople(-counted.getPeople())
                .setVehicles(-counted.getVehicles())
                .setBreakdown(counted.getBreakdown() == null ? null
                        : new SexAgeBreakdown(negate(counted.getBreakdown().getFemale()), negate(counted.getBreakdown().getMale())))
                .setVulnerabilities(negate(counted.getVulnerabilities()))
                .build();
    }

    public static boolean isRetraction(CrossingEvent crossing) {
        return crossing.getPeople() < 0;
    }

    /** What a crossing adds to a count's groups: one, or one less for a retraction. */
    public static int groups(CrossingEvent crossing) {
        return isRetraction(crossing) ? -1 : 1;
    }

    private static AgeBands negate(AgeBands bands) {
        return new AgeBands(-bands.getAge0to4(), -bands.getAge5to11(), -bands.getAge12to17(), -bands.getAge18to59(),
                -bands.getAge60plus());
    }

    private static Vulnerabilities negate(Vulnerabilities v) {
        return v == null ? null : new Vulnerabilities(-v.getUnaccompaniedChildren(), -v.getDisabled(),
                -v.getNeedsMedicalCare(), -v.getPregnant());
    }
}
