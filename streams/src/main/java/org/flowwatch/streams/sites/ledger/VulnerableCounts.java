package org.flowwatch.streams.sites.ledger;

import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.schemas.avro.VulnerablePeople;

/**
 * The vulnerable people of a group or a site as five counts: unaccompanied children, disabled, needing medical care,
 * pregnant, over 60. A site's counts are estimates once people leave: whoever leaves, the shares are kept.
 */
public final class VulnerableCounts {

    public static final int KINDS = 5;

    private VulnerableCounts() {
    }

    public static double[] of(CrossingEvent crossing) {
        double[] counts = new double[KINDS];
        Vulnerabilities v = crossing.getVulnerabilities();
        if (v != null) {
            counts[0] = v.getUnaccompaniedChildren();
            counts[1] = v.getDisabled();
            counts[2] = v.getNeedsMedicalCare();
            counts[3] = v.getPregnant();
        }
        SexAgeBreakdown breakdown = crossing.getBreakdown();
        if (breakdown != null) {
            counts[4] = breakdown.getFemale().getAge60plus() + breakdown.getMale().getAge60plus();
        }
        return counts;
    }

    static void add(double[] site, double[] group) {
        for (int i = 0; i < KINDS; i++) {
            site[i] += Math.max(0, group[i]);
        }
    }

    static void scale(double[] site, double share) {
        for (int i = 0; i < KINDS; i++) {
            site[i] *= Math.max(0, Math.min(1, share));
        }
    }

    public static VulnerablePeople toStatus(double[] counts) {
        return VulnerablePeople.newBuilder()
                .setUnaccompaniedChildren(Math.round(counts[0])).setDisabled(Math.round(counts[1]))
                .setNeedsMedicalCare(Math.round(counts[2])).setPregnant(Math.round(counts[3]))
                .setOver60(Math.round(counts[4])).build();
    }
}
