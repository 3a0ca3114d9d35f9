package org.flowwatch.consumers.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.Topics;

/**
 * The crossings that reached a count after its grace ({@code flowwatch.arrivals.late.v1}): the streams app writes one
 * record per count missed (post, region, all; hour and day apart), so each is kept once per missed window and change
 * ({@link #identity}).
 * {@link #tally} sums a window's late crossings into a count of its own, FINAL (its window has closed), to be added
 * to what the window counted.
 */
public final class LateCrossings {

    private LateCrossings() {
    }

    /** Every late crossing on the topic now, once per missed window and change (a resend of a record is dropped). */
    public static List<LateCrossing> read(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, Duration timeout) {
        Map<String, LateCrossing> distinct = new LinkedHashMap<>();
        CompactedSnapshot.scan(kafkaConfig, serdes, Topics.ARRIVALS_LATE, timeout, record -> {
            if (record.value() != null) {
                distinct.putIfAbsent(identity(record.value()), record.value());
            }
        });
        return new ArrayList<>(distinct.values());
    }

    /**
     * What makes a late record one change to one missed count: its window, the crossing's eventId and revision, and
     * whether it takes that revision back out. A correction beyond the grace writes two records under one eventId, the
     * retraction of what was counted (negative people, the old revision) and the new revision; both change the count.
     */
    public static String identity(LateCrossing late) {
        return missedWindow(late) + "/" + change(late.getCrossing());
    }

    /** The crossing's eventId, revision and sign: a resend repeats it, a correction does not. */
    public static String change(CrossingEvent crossing) {
        return crossing.getEventId() + "/" + crossing.getRevision() + (isRetraction(crossing) ? "/retracted" : "");
    }

    // The streams app marks a retraction by negative people (a counted crossing has at least one person).
    private static boolean isRetraction(CrossingEvent crossing) {
        return crossing.getPeople() < 0;
    }

    /** The ArrivalKeys key of the count the crossing missed. */
    public static String missedWindow(LateCrossing late) {
        return ArrivalKeys.of(late.getScope(), late.getScopeId(), late.getGranularity(), late.getCrossing().getDirection(),
                late.getWindowStart());
    }

    /** The late crossings of {@code granularity}, summed per missed window (by ArrivalKeys key), each change once. */
    public static Map<String, ArrivalCount> tally(Collection<LateCrossing> late, Granularity granularity) {
        Map<String, LateCrossing> distinct = new LinkedHashMap<>();
        late.stream().filter(crossing -> crossing.getGranularity() == granularity)
                .forEach(crossing -> distinct.putIfAbsent(identity(crossing), crossing));
        Map<String, ArrivalCount> windows = new LinkedHashMap<>();
        distinct.values().forEach(crossing -> windows.merge(missedWindow(crossing), asCount(crossing), DailyRollup::sum));
        return windows;
    }

    private static ArrivalCount asCount(LateCrossing late) {
        CrossingEvent crossing = late.getCrossing();
        boolean observed = crossing.getBreakdown() != null;
        return ArrivalCount.newBuilder().setScope(late.getScope()).setScopeId(late.getScopeId())
                .setGranularity(late.getGranularity()).setWindowStart(late.getWindowStart()).setWindowEnd(late.getWindowEnd())
                .setDirection(crossing.getDirection()).setPeople(crossing.getPeople()).setGroups(isRetraction(crossing) ? -1 : 1).setVehicles(crossing.getVehicles())
                .setFemale(observed ? totals(crossing.getBreakdown().getFemale()) : null)
                .setMale(observed ? totals(crossing.getBreakdown().getMale()) : null)
                .setStatus(CountStatus.FINAL).setUpdatedAt(late.getStreamTime()).build();
    }

    private static BandTotals totals(AgeBands bands) {
        return new BandTotals((long) bands.getAge0to4(), (long) bands.getAge5to11(), (long) bands.getAge12to17(),
                (long) bands.getAge18to59(), (long) bands.getAge60plus());
    }
}
