package org.flowwatch.streams.arrivals.query;

import java.util.List;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.avro.VulnerabilityTotals;
import org.flowwatch.streams.arrivals.counting.ArrivalTally;

/** The JSON shapes of the query API (plain records: Avro objects do not serialize cleanly to JSON). */
final class CountViews {

    private CountViews() {
    }

    /** One windowed count. Instants are ISO-8601 strings. */
    record Window(String windowStart, String windowEnd, long people, long groups, long vehicles,
                  Bands female, Bands male, Vulnerable vulnerabilities) {

        static Window of(org.apache.kafka.streams.kstream.Window window, ArrivalTally count) {
            return new Window(window.startTime().toString(), window.endTime().toString(), count.people(),
                    count.groups(), count.vehicles(), Bands.of(count.femaleTotals()), Bands.of(count.maleTotals()),
                    Vulnerable.of(count.vulnerabilityTotals()));
        }
    }

    record Bands(long age0to4, long age5to11, long age12to17, long age18to59, long age60plus) {
        static Bands of(BandTotals totals) {
            return totals == null ? null : new Bands(totals.getAge0to4(), totals.getAge5to11(), totals.getAge12to17(),
                    totals.getAge18to59(), totals.getAge60plus());
        }
    }

    record Vulnerable(long unaccompaniedChildren, long disabled, long needsMedicalCare, long pregnant) {
        static Vulnerable of(VulnerabilityTotals totals) {
            return totals == null ? null : new Vulnerable(totals.getUnaccompaniedChildren(), totals.getDisabled(),
                    totals.getNeedsMedicalCare(), totals.getPregnant());
        }
    }

    /** The answer to a windowed count query: the windows with at least one crossing, and their total. */
    record Counts(String scope, String id, String direction, String granularity, String from, String to,
                  long totalPeople, List<Window> windows) {
    }

    /** The answer to a rolling count query. */
    record Rolling(String scope, String id, String direction, String period, String windowStart, String windowEnd,
                   long people, long groups, long vehicles) {

        static Rolling of(RollingCount count) {
            return new Rolling(count.getScope().name().toLowerCase(java.util.Locale.ROOT), count.getScopeId(),
                    count.getDirection().name().toLowerCase(java.util.Locale.ROOT), count.getPeriod(),
                    count.getWindowStart().toString(), count.getWindowEnd().toString(), count.getPeople(), count.getGroups(),
                    count.getVehicles());
        }
    }
}
