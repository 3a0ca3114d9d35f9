package org.flowwatch.producers.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.MovementReason;
import org.flowwatch.schemas.avro.SiteMovement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The whole 2023 curve replayed once: people move on from Goris and Vayk as they did. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayDeparturesTest {

    // oc-media.org: 47,322 of the 100,490 arrived were in state housing by 1 October 2023, 20:00 local time.
    private static final Instant HOUSING_REPORTED_AT = LocalDateTime.parse("2023-10-01T20:00").toInstant(ArrivalsCurve.ARMENIA);
    private static final double REPORTED_HOUSING_SHARE = 47_322.0 / 100_490;
    private static final String[] SITES = {"goris", "vayk"};

    private final ListSink sink = new ListSink();
    private ScenarioReplay.Sent sent;

    @BeforeAll
    void replayWholeCurve() throws InterruptedException {
        sent = new ScenarioReplay(ScenarioReplayTest.settings(Map.of("replay.hours", "all"))).run(sink, (hour, people) -> { });
    }

    @Test
    void shouldNeverDepartMorePeopleThanRoutedToSiteWhenWholeCurveIsReplayed() {
        SoftAssertions softly = new SoftAssertions();
        for (SiteMovement departure : sink.movements) {
            String site = departure.getFromSiteId();
            long routed = sink.crossings.stream().filter(c -> site.equals(c.getDestinationSiteId()))
                    .filter(c -> c.getOccurredAt().isBefore(departure.getOccurredAt())).mapToLong(CrossingEvent::getPeople).sum();
            long departed = sink.movements.stream().filter(m -> m.getFromSiteId().equals(site))
                    .filter(m -> !m.getOccurredAt().isAfter(departure.getOccurredAt())).mapToLong(SiteMovement::getPeople).sum();
            softly.assertThat(departed).as("departed from %s by %s", site, departure.getOccurredAt()).isLessThanOrEqualTo(routed);
        }
        softly.assertAll();
        assertThat(sink.movements).allSatisfy(m -> {
            assertThat(m.getKind()).isEqualTo(MovementKind.DEPARTURE);
            assertThat(m.getPeople()).isPositive();
            assertThat(m.getReason()).isIn(MovementReason.HOUSING, MovementReason.ONWARD);
        });
        assertThat(sink.movements).extracting(SiteMovement::getFromSiteId).contains(SITES);
    }

    @Test
    void shouldSendReportedShareToHousingByFirstOfOctober() {
        long arrived = sink.crossings.stream().filter(c -> c.getOccurredAt().isBefore(HOUSING_REPORTED_AT))
                .mapToLong(CrossingEvent::getPeople).sum();
        long housed = sink.movements.stream().filter(m -> m.getReason() == MovementReason.HOUSING)
                .filter(m -> m.getOccurredAt().isBefore(HOUSING_REPORTED_AT)).mapToLong(SiteMovement::getPeople).sum();
        assertThat(arrived).as("people replayed by 1 October, 20:00").isEqualTo(100_490);
        assertThat((double) housed / arrived).isCloseTo(REPORTED_HOUSING_SHARE, within(0.02));
    }

    @Test
    void shouldRaiseAndThenLowerEachSitesPopulation() {
        for (String site : SITES) {
            Map<Instant, Long> population = populationByHour(site);
            long peak = population.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            Instant peakAt = population.entrySet().stream().filter(e -> e.getValue() == peak).findFirst().orElseThrow().getKey();
            long last = population.get(sent.to().minus(Duration.ofHours(1)));
            assertThat(peak).as("%s peak population", site).isGreaterThan(5_000);
            assertThat(peakAt).as("%s peaks before the arrivals end", site).isBefore(HOUSING_REPORTED_AT);
            assertThat(last).as("%s population at the end", site).isLessThan(peak / 20);
        }
    }

    @Test
    void shouldRecordDeparturesPerSiteAndHourInGroundTruth() {
        for (String site : SITES) {
            Map<Instant, Long> departedByHour = new TreeMap<>();
            sink.movements.stream().filter(m -> m.getFromSiteId().equals(site)).forEach(m -> departedByHour.merge(
                    m.getOccurredAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS), (long) m.getPeople(), Long::sum));
            departedByHour.forEach((hour, people) -> assertThat(sent.truth().departuresInHour(site, hour))
                    .as("%s departures in %s", site, hour).isEqualTo(people));
            assertThat(sent.truth().departures(site, MovementReason.HOUSING) + sent.truth().departures(site, MovementReason.ONWARD))
                    .isEqualTo(departedByHour.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    /** People at {@code site} at the end of each replayed hour: routed there minus moved on. */
    private Map<Instant, Long> populationByHour(String site) {
        Map<Instant, Long> population = new TreeMap<>();
        for (Instant hour = sent.from(); hour.isBefore(sent.to()); hour = hour.plus(Duration.ofHours(1))) {
            Instant end = hour.plus(Duration.ofHours(1));
            long in = sink.crossings.stream().filter(c -> site.equals(c.getDestinationSiteId()) && c.getOccurredAt().isBefore(end))
                    .mapToLong(CrossingEvent::getPeople).sum();
            long out = sink.movements.stream().filter(m -> m.getFromSiteId().equals(site) && m.getOccurredAt().isBefore(end))
                    .mapToLong(SiteMovement::getPeople).sum();
            population.put(hour, in - out);
        }
        return population;
    }
}
