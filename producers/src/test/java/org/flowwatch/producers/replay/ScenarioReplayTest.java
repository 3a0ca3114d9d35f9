package org.flowwatch.producers.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.CommonSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReplayTest {

    @TempDir
    Path dir;

    @Test
    void shouldFollowReportedCumulativeFiguresAtEveryReportedPoint() throws InterruptedException {
        // given
        ListSink sink = new ListSink();
        // when: the whole curve, as fast as possible
        new ScenarioReplay(settings(Map.of("replay.hours", "all"))).run(sink, (hour, people) -> { });
        // then
        SoftAssertions softly = new SoftAssertions();
        for (CurvePoint point : ArrivalsCurve.reported2023().points()) {
            long before = sink.crossings.stream().filter(c -> c.getOccurredAt().isBefore(point.at()))
                    .mapToLong(CrossingEvent::getPeople).sum();
            softly.assertThat(before).as("people crossed before %s", point.at()).isEqualTo(point.cumulativePeople());
        }
        softly.assertAll();
    }

    @Test
    void shouldGiveSameGroundTruthAndEventsWhenSeedIsSame() throws InterruptedException {
        // given
        Map<String, String> faults = Map.of("replay.hours", "30", "replay.resend.share", "0.05",
                "replay.silence.post", "kornidzor");
        ListSink first = new ListSink();
        ListSink second = new ListSink();
        // when
        ScenarioReplay.Sent one = new ScenarioReplay(settings(faults)).run(first, (hour, people) -> { });
        ScenarioReplay.Sent two = new ScenarioReplay(settings(faults)).run(second, (hour, people) -> { });
        ScenarioReplay.Sent otherSeed = new ScenarioReplay(settings(with(faults, "replay.seed", "7"))).run(new ListSink(), (h, p) -> { });
        // then
        assertThat(two.truth().asMap()).isEqualTo(one.truth().asMap());
        assertThat(second.crossings).isEqualTo(first.crossings);
        assertThat(second.supplies).isEqualTo(first.supplies);
        assertThat(second.movements).as("departures, eventIds included").isNotEmpty().isEqualTo(first.movements);
        assertThat(otherSeed.truth().asMap()).isNotEqualTo(one.truth().asMap());
    }

    @Test
    void shouldCountResentEventIdsOnceInGroundTruth() throws InterruptedException {
        // given
        ListSink sink = new ListSink();
        // when
        ScenarioReplay.Sent sent = new ScenarioReplay(settings(Map.of("replay.hours", "12", "replay.resend.share", "0.1")))
                .run(sink, (hour, people) -> { });
        // then
        Map<UUID, Integer> distinct = new LinkedHashMap<>();
        sink.crossings.forEach(c -> distinct.put(c.getEventId(), c.getPeople()));
        assertThat(sent.resends()).isPositive();
        assertThat(sink.crossings).hasSize((int) (sent.groups() + sent.resends()));
        assertThat(distinct).hasSize((int) sent.groups());
        assertThat(distinct.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(sent.people());
    }

    @Test
    void shouldHoldSilentPostsCrossingsAndHeartbeatsUntilSilenceEnds() throws InterruptedException {
        // given: the post silent from hour 20 to hour 24
        ReplaySettings settings = settings(Map.of("replay.hours", "30", "replay.silence.post", "kornidzor",
                "replay.silence.after", "20h", "replay.silence.length", "4h"));
        Instant silentFrom = settings.silence().orElseThrow().from();
        Instant silentUntil = settings.silence().orElseThrow().until();
        ListSink sink = new ListSink();
        // when
        new ScenarioReplay(settings).run(sink, (hour, people) -> { });
        // then: no heartbeat during the silence, and the groups of the silence come after later ones were recorded
        assertThat(sink.heartbeats).noneMatch(h -> !h.getSentAt().isBefore(silentFrom) && h.getSentAt().isBefore(silentUntil));
        int firstLate = indexOfFirst(sink, c -> !c.getOccurredAt().isBefore(silentFrom) && c.getOccurredAt().isBefore(silentUntil));
        assertThat(sink.crossings.subList(0, firstLate)).allMatch(c -> c.getOccurredAt().isBefore(silentFrom));
        assertThat(sink.crossings.get(firstLate - 1).getOccurredAt()).isBefore(silentFrom);
        assertThat(sink.crossings.stream().filter(c -> c.getOccurredAt().isBefore(silentUntil)).count()).isPositive();
    }

    @Test
    void shouldSendSuppliesAtDestinationSites() throws InterruptedException {
        ListSink sink = new ListSink();
        new ScenarioReplay(settings(Map.of("replay.hours", "24"))).run(sink, (hour, people) -> { });
        assertThat(sink.supplies).extracting(s -> s.getSiteId().toString()).containsOnly("goris", "vayk");
        assertThat(sink.supplies).extracting(s -> s.getKind().name()).contains("DELIVERY", "DISTRIBUTION");
    }

    @Test
    void shouldAnnounceConvoysDeliverThemUnderSameIdAndHoldOneWhenReplayingADay() throws InterruptedException {
        // given
        ListSink sink = new ListSink();
        // when
        new ScenarioReplay(settings(Map.of("replay.hours", "24"))).run(sink, (hour, people) -> { });
        // then
        Map<String, SupplyEvent> announced = new LinkedHashMap<>();
        sink.supplies.stream().filter(s -> s.getKind() == SupplyKind.CONVOY_ANNOUNCED).forEach(s -> announced.put(s.getConvoyId(), s));
        Map<String, SupplyEvent> delivered = new LinkedHashMap<>();
        sink.supplies.stream().filter(s -> s.getKind() == SupplyKind.DELIVERY).forEach(s -> delivered.put(s.getConvoyId(), s));
        assertThat(announced.values()).allSatisfy(convoy -> assertThat(convoy.getExpectedAt()).isAfter(convoy.getOccurredAt()));
        assertThat(delivered).isNotEmpty();
        assertThat(announced).containsKeys(delivered.keySet().toArray(String[]::new));
        delivered.forEach((convoy, delivery) -> {
            assertThat(delivery.getQuantity()).as(convoy).isEqualTo(announced.get(convoy).getQuantity());
            assertThat(delivery.getOccurredAt()).as(convoy).isEqualTo(announced.get(convoy).getExpectedAt());
        });
        Instant end = settings(Map.of("replay.hours", "24")).end();
        assertThat(announced.values()).filteredOn(convoy -> convoy.getExpectedAt().isBefore(end))
                .filteredOn(convoy -> !delivered.containsKey(convoy.getConvoyId()))
                .as("a convoy held at the corridor, overdue by the end").extracting(SupplyEvent::getConvoyId)
                .containsExactly("replay-vayk-water-2");
    }

    @Test
    void shouldReportDistributionPeriodsAndCountStockOnceADay() throws InterruptedException {
        ListSink sink = new ListSink();
        new ScenarioReplay(settings(Map.of("replay.hours", "48"))).run(sink, (hour, people) -> { });
        assertThat(sink.supplies).filteredOn(s -> s.getKind() == SupplyKind.DISTRIBUTION).isNotEmpty().allSatisfy(distribution ->
                assertThat(distribution.getPeriodStart()).isEqualTo(distribution.getOccurredAt().minus(java.time.Duration.ofHours(6))));
        assertThat(sink.supplies).filteredOn(s -> s.getKind() == SupplyKind.STOCK_COUNT)
                .extracting(s -> s.getSiteId() + "/" + s.getItem() + "@" + s.getOccurredAt().atOffset(ArrivalsCurve.ARMENIA).getHour())
                .containsExactlyInAnyOrder("goris/water@11", "goris/food@11", "vayk/water@11", "vayk/food@11",
                        "goris/water@11", "goris/food@11", "vayk/water@11", "vayk/food@11");
        assertThat(sink.supplies).filteredOn(s -> s.getKind() == SupplyKind.STOCK_COUNT).allSatisfy(count ->
                assertThat(count.getQuantity()).isNotNegative());
    }

    @Test
    void shouldWriteGroundTruthAsJsonOrCsv() throws InterruptedException, java.io.IOException {
        // when
        new ScenarioReplay(settings(Map.of("replay.truth.file", dir.resolve("truth.csv").toString()))).run(new ListSink(), (h, p) -> { });
        ScenarioReplay.Sent sent = new ScenarioReplay(settings(Map.of("replay.truth.file", dir.resolve("truth.json").toString())))
                .run(new ListSink(), (h, p) -> { });
        // then
        assertThat(Files.readAllLines(dir.resolve("truth.csv"))).first().isEqualTo("post,period,start,people");
        assertThat(Files.readAllLines(dir.resolve("truth.csv"))).contains("kornidzor,total,2023-09-24T08:00:00Z," + sent.people());
        assertThat(Files.readString(dir.resolve("truth.json"))).contains("\"people\" : " + sent.people());
    }

    private static int indexOfFirst(ListSink sink, java.util.function.Predicate<CrossingEvent> test) {
        for (int i = 0; i < sink.crossings.size(); i++) {
            if (test.test(sink.crossings.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such crossing");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    static ReplaySettings settings(Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("replay.speed", "0"));
        all.putAll(flags);
        return ReplaySettings.from(CommonSettings.loader().defaults(ReplaySettings.DEFAULTS).flags(all).load());
    }
}
