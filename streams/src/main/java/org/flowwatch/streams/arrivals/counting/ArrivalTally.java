package org.flowwatch.streams.arrivals.counting;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.apache.kafka.streams.kstream.Window;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.VulnerabilityTotals;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.streams.arrivals.dedupe.Retractions;

/**
 * What a count adds up: people, groups, vehicles, people by sex and age band, vulnerable people, and the latest event
 * time in it. One crossing's figures are a tally of one group (a {@link Retractions retraction}'s are negative, a
 * group less, so a window where the original was counted never goes below zero). Labelled as an {@link ArrivalCount}
 * only when a count is published: the store's key already says scope and window.
 */
public final class ArrivalTally {

    private static final byte LAYOUT = 1;
    private static final int FIGURES = 3 + 5 + 5 + 4 + 1;

    private long people;
    private long groups;
    private long vehicles;
    private final long[] female = new long[5];
    private final long[] male = new long[5];
    private final long[] vulnerable = new long[4];
    private long latest;

    /** An empty count. */
    public static ArrivalTally empty() {
        return new ArrivalTally();
    }

    /** The figures one crossing adds to its counts. */
    public static ArrivalTally of(CrossingEvent crossing) {
        ArrivalTally figures = new ArrivalTally();
        figures.people = crossing.getPeople();
        figures.groups = Retractions.groups(crossing);
        figures.vehicles = crossing.getVehicles();
        SexAgeBreakdown breakdown = crossing.getBreakdown();
        if (breakdown != null) {
            copy(breakdown.getFemale(), figures.female);
            copy(breakdown.getMale(), figures.male);
        }
        Vulnerabilities group = crossing.getVulnerabilities();
        if (group != null) {
            figures.vulnerable[0] = group.getUnaccompaniedChildren();
            figures.vulnerable[1] = group.getDisabled();
            figures.vulnerable[2] = group.getNeedsMedicalCare();
            figures.vulnerable[3] = group.getPregnant();
        }
        figures.latest = crossing.getOccurredAt().toEpochMilli();
        return figures;
    }

    /** Adds {@code figures} into this tally and returns it: in place, the aggregation hands a copy it just read. */
    public ArrivalTally add(ArrivalTally figures) {
        people += figures.people;
        groups += figures.groups;
        vehicles += figures.vehicles;
        addInto(female, figures.female);
        addInto(male, figures.male);
        addInto(vulnerable, figures.vulnerable);
        latest = Math.max(latest, figures.latest);
        return this;
    }

    public long people() {
        return people;
    }

    public long groups() {
        return groups;
    }

    public long vehicles() {
        return vehicles;
    }

    /** The latest event time added in (epoch millis; a crossing's own: when it occurred). */
    public long latest() {
        return latest;
    }

    public BandTotals femaleTotals() {
        return bands(female);
    }

    public BandTotals maleTotals() {
        return bands(male);
    }

    public VulnerabilityTotals vulnerabilityTotals() {
        return new VulnerabilityTotals(vulnerable[0], vulnerable[1], vulnerable[2], vulnerable[3]);
    }

    /** The tally of one window of one scope, labelled as the count consumers read. */
    public ArrivalCount label(ScopeKey key, Granularity granularity, Window window, CountStatus status) {
        return ArrivalCount.newBuilder()
                .setScope(key.scope()).setScopeId(key.scopeId()).setDirection(key.direction())
                .setGranularity(granularity)
                .setWindowStart(window.startTime()).setWindowEnd(window.endTime())
                .setPeople(people).setGroups(groups).setVehicles(vehicles)
                .setFemale(femaleTotals()).setMale(maleTotals()).setVulnerabilities(vulnerabilityTotals())
                .setStatus(status).setUpdatedAt(Instant.ofEpochMilli(latest))
                .build();
    }

    /**
     * A layout byte and 18 zig-zag varints, written by hand: the window stores and suppression buffers read and write
     * a tally on every crossing, and in Avro (a whole ArrivalCount with its nested records) that decode and encode
     * was 13 % of the topology's time in the benchmark. No library serde holds a handful of longs.
     */
    public static Serde<ArrivalTally> serde() {
        Serializer<ArrivalTally> serializer = (topic, tally) -> {
            if (tally == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(tally.size());
            tally.writeTo(out);
            return out.array();
        };
        Deserializer<ArrivalTally> deserializer = (topic, bytes) -> bytes == null ? null : readFrom(ByteBuffer.wrap(bytes));
        return Serdes.serdeFrom(serializer, deserializer);
    }

    // Written field by field, with no array in between: the window stores serialise a tally on every crossing.
    int size() {
        return 1 + ByteUtils.sizeOfVarlong(people) + ByteUtils.sizeOfVarlong(groups) + ByteUtils.sizeOfVarlong(vehicles)
                + sizeOf(female) + sizeOf(male) + sizeOf(vulnerable) + ByteUtils.sizeOfVarlong(latest);
    }

    void writeTo(ByteBuffer out) {
        out.put(LAYOUT);
        ByteUtils.writeVarlong(people, out);
        ByteUtils.writeVarlong(groups, out);
        ByteUtils.writeVarlong(vehicles, out);
        write(female, out);
        write(male, out);
        write(vulnerable, out);
        ByteUtils.writeVarlong(latest, out);
    }

    private static int sizeOf(long[] figures) {
        int size = 0;
        for (long figure : figures) {
            size += ByteUtils.sizeOfVarlong(figure);
        }
        return size;
    }

    private static void write(long[] figures, ByteBuffer out) {
        for (long figure : figures) {
            ByteUtils.writeVarlong(figure, out);
        }
    }

    static ArrivalTally readFrom(ByteBuffer in) {
        byte layout = in.get();
        if (layout != LAYOUT) {
            throw new SerializationException("tally layout " + layout + " is not " + LAYOUT
                    + ": state written by another version of flowwatch; reset the arrivals app (flowwatch reset --app arrivals)");
        }
        long[] figures = new long[FIGURES];
        for (int i = 0; i < FIGURES; i++) {
            figures[i] = ByteUtils.readVarlong(in);
        }
        ArrivalTally tally = new ArrivalTally();
        tally.people = figures[0];
        tally.groups = figures[1];
        tally.vehicles = figures[2];
        System.arraycopy(figures, 3, tally.female, 0, 5);
        System.arraycopy(figures, 8, tally.male, 0, 5);
        System.arraycopy(figures, 13, tally.vulnerable, 0, 4);
        tally.latest = figures[17];
        return tally;
    }

    private static void copy(AgeBands bands, long[] into) {
        into[0] = bands.getAge0to4();
        into[1] = bands.getAge5to11();
        into[2] = bands.getAge12to17();
        into[3] = bands.getAge18to59();
        into[4] = bands.getAge60plus();
    }

    private static void addInto(long[] into, long[] figures) {
        for (int i = 0; i < into.length; i++) {
            into[i] += figures[i];
        }
    }

    private static BandTotals bands(long[] totals) {
        return new BandTotals(totals[0], totals[1], totals[2], totals[3], totals[4]);
    }
}
