package org.flowwatch.streams.arrivals.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.kstream.TimeWindows;
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
import org.flowwatch.streams.arrivals.dedupe.Retractions;
import org.junit.jupiter.api.Test;

class ArrivalTallyTest {

    private static final Instant AT = Instant.parse("2023-09-25T10:15:00Z");
    private static final CrossingEvent FAMILY = aCrossing().people(5).vehicles(1).at(AT)
            .breakdown(new SexAgeBreakdown(new AgeBands(1, 0, 1, 1, 0), new AgeBands(0, 1, 0, 0, 1)))
            .vulnerabilities(new Vulnerabilities(0, 1, 0, 1)).build();

    @Test
    void shouldAddEveryFigureOfACrossingAndLabelTheWindow() {
        // given a family of five and a single man an hour later
        ArrivalTally tally = ArrivalTally.empty().add(ArrivalTally.of(FAMILY))
                .add(ArrivalTally.of(aCrossing().people(1).at(AT.plusSeconds(600)).build()));

        // when
        ArrivalCount count = tally.label(new ScopeKey(CountScope.REGION, "AM-SU", Direction.ARRIVAL), Granularity.HOUR,
                hourOf(AT), CountStatus.FINAL);

        // then
        assertThat(count.getPeople()).isEqualTo(6);
        assertThat(count.getGroups()).isEqualTo(2);
        assertThat(count.getVehicles()).isEqualTo(1);
        assertThat(count.getFemale()).isEqualTo(new BandTotals(1L, 0L, 1L, 1L, 0L));
        assertThat(count.getMale()).isEqualTo(new BandTotals(0L, 1L, 0L, 0L, 1L));
        assertThat(count.getVulnerabilities()).isEqualTo(new VulnerabilityTotals(0L, 1L, 0L, 1L));
        assertThat(count.getUpdatedAt()).isEqualTo(AT.plusSeconds(600));
        assertThat(count.getScopeId()).isEqualTo("AM-SU");
        assertThat(count.getWindowStart()).isEqualTo(Instant.parse("2023-09-25T10:00:00Z"));
        assertThat(count.getStatus()).isEqualTo(CountStatus.FINAL);
    }

    @Test
    void shouldTakeARetractionBackOutToZero() {
        // when a counted crossing is retracted
        ArrivalTally tally = ArrivalTally.empty().add(ArrivalTally.of(FAMILY)).add(ArrivalTally.of(Retractions.of(FAMILY)));

        // then nothing of it is left, and the store keeps it so (negative figures survive the store's layout)
        ArrivalTally restored = roundTrip(tally);
        assertThat(restored.people()).isZero();
        assertThat(restored.groups()).isZero();
        assertThat(restored.vehicles()).isZero();
        assertThat(restored.femaleTotals()).isEqualTo(new BandTotals(0L, 0L, 0L, 0L, 0L));
        assertThat(restored.vulnerabilityTotals()).isEqualTo(new VulnerabilityTotals(0L, 0L, 0L, 0L));
        assertThat(roundTrip(ArrivalTally.of(Retractions.of(FAMILY))).people()).isEqualTo(-5);
    }

    @Test
    void shouldCarryTheFiguresAndTheEncodedCrossingAcrossTheRepartition() {
        // given
        byte[] encoded = {0, 0, 0, 0, 7, 42, -1};
        CountedCrossing counted = new CountedCrossing(ArrivalTally.of(FAMILY), encoded);

        // when
        var serde = CountedCrossing.serde();
        CountedCrossing read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", counted));

        // then
        assertThat(read.crossing()).containsExactly(encoded);
        assertThat(read.occurredAt()).isEqualTo(AT.toEpochMilli());
        assertThat(read.figures().label(new ScopeKey(CountScope.ALL, "all", Direction.ARRIVAL), Granularity.DAY,
                hourOf(Instant.EPOCH), CountStatus.PROVISIONAL))
                .isEqualTo(counted.figures().label(new ScopeKey(CountScope.ALL, "all", Direction.ARRIVAL), Granularity.DAY,
                        hourOf(Instant.EPOCH), CountStatus.PROVISIONAL));
    }

    @Test
    void shouldSayToResetWhenTheStoreHoldsAnotherLayout() {
        // given what an earlier version kept in the window stores (an Avro ArrivalCount in our wire format)
        byte[] earlier = {0, 0, 0, 0, 3, 2, 4};

        // then
        assertThatThrownBy(() -> ArrivalTally.serde().deserializer().deserialize("t", earlier))
                .isInstanceOf(SerializationException.class).hasMessageContaining("flowwatch reset --app arrivals");
    }

    private static ArrivalTally roundTrip(ArrivalTally tally) {
        var serde = ArrivalTally.serde();
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", tally));
    }

    /** The hour a moment falls in, as the hourly counts window it. */
    private static Window hourOf(Instant at) {
        return TimeWindows.ofSizeWithNoGrace(Duration.ofHours(1)).windowsFor(at.toEpochMilli()).values().iterator().next();
    }
}
