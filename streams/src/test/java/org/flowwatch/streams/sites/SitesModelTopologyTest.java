package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Consumption over time, people moving on, run-out, unreported items and vulnerable people, through the topology. */
class SitesModelTopologyTest {

    private static final Duration HOUR = Duration.ofHours(1);
    @AutoClose
    private final SitesDriver sites = new SitesDriver().withGorisScenario();

    @Test
    void shouldUseUpStockOnAQuietNightWithNoInputAtAll() {
        // given 30,000 L for 1,000 people at Goris (2 days of cover)
        sites.waterAndPeopleAtGoris(30_000, 1_000, T0);
        sites.statuses.readValuesToList();

        // when 12 hours pass with nothing on any topic
        sites.advanceWallClock(Duration.ofHours(12));

        // then 12 x 625 = 7,500 L are used: about 22,500 L left, counted 12 h ago at 30,000 L
        ItemStatus water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getStock()).isCloseTo(22_500, within(1.0));
        assertThat(water.getEstimated()).isTrue();
        assertThat(water.getCountedStock()).isEqualTo(30_000);
        assertThat(water.getCountedAt()).isEqualTo(T0);
        assertThat(water.getDaysOfCover()).isCloseTo(1.5, within(0.001));
    }

    @Test
    void shouldRaiseRunOutWhileDaysOfCoverStillLookFine() {
        // given 100 people an hour routed to Goris for six hours (600 there), then 30,000 L counted:
        // 30,000 / 9,000 L a day = 3.3 days of cover, no SHORTAGE
        for (int h = 0; h < 6; h++) {
            sites.arrivals("kornidzor", 100, T0.plus(HOUR.multipliedBy(h)));
        }
        Instant counted = T0.plus(HOUR.multipliedBy(6));

        // when
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 30_000, "litre", counted);

        // then by hand: 100 more people an hour, 15/24 x (600 t + 50 t^2) = 30,000 => t^2 + 12 t - 960 = 0
        // => t = (-12 + sqrt(144 + 3,840)) / 2 = 25.56 h: inside the 48 h lead time, over the 24 h critical one
        ItemStatus water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getHoursToRunOut()).isCloseTo(25.6, within(0.05));
        assertThat(water.getRunsOutAt()).isBetween(counted.plus(Duration.ofMinutes(1530)), counted.plus(Duration.ofMinutes(1536)));
        assertThat(water.getRunsOutEarliest()).isBefore(water.getRunsOutAt());
        assertThat(water.getRunsOutLatest()).isAfter(water.getRunsOutAt());
        List<Alert> alerts = sites.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getKind).doesNotContain(AlertKind.SHORTAGE);
        Alert runOut = alerts.stream().filter(a -> a.getKind() == AlertKind.RUN_OUT).findFirst().orElseThrow();
        assertThat(runOut.getState()).isEqualTo(AlertState.OPEN);
        assertThat(runOut.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(runOut.getEvidence().get("hoursToRunOut")).isCloseTo(25.6, within(0.05));
        // 12:00Z + 25.56 h = Sat 13:33Z = 17:33 in Yerevan
        assertThat(runOut.getSummary()).startsWith("Goris: water runs out in ~26 h (Sat 17:3").contains("for 600 people");
    }

    @Test
    void shouldResolveRunOutWhenAConvoyIsAnnouncedAndEscalateWhenItIsOverdue() {
        // given 1,000 people (brought in one transfer: no trend of arrivals) and 20,000 L: 32 h, a RUN_OUT warning
        sites.move(MovementKind.ARRIVAL, null, "goris", 1_000, T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 20_000, "litre", T0);
        assertThat(runOuts()).extracting(Alert::getState).containsExactly(AlertState.OPEN);

        // when a convoy of 60,000 L is announced for T0 + 10 h: 80,000 L, beyond the 72 h horizon
        sites.supply(convoy("C-17", 60_000, T0.plus(HOUR.multipliedBy(10))), T0.plus(HOUR));
        List<Alert> changes = runOuts();
        assertThat(changes).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
        ItemStatus water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getExpectedDeliveries()).singleElement().satisfies(delivery -> assertThat(delivery.getCounted()).isTrue());

        // when it is not confirmed 6 h after its ETA (clock moved on by a stock count at T0 + 16 h + 1 min)
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 10_000, "litre", T0.plus(Duration.ofMinutes(16 * 60 + 1)));

        // then it no longer counts and the status says so: 10,000 L for 1,000 people = 16 h, CRITICAL
        water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getExpectedDeliveries()).singleElement().satisfies(delivery -> assertThat(delivery.getCounted()).isFalse());
        assertThat(water.getHoursToRunOut()).isCloseTo(16, within(0.05));
        assertThat(runOuts()).extracting(Alert::getState, Alert::getSeverity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, Severity.CRITICAL));
    }

    @Test
    void shouldNameItemsNotReportedAfterSixHoursAndResolveWhenTheyAre() {
        // given 500 people at Goris and no stock figure at all
        sites.arrivals("kornidzor", 500, T0);
        ItemStatus water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getReported()).isFalse();
        assertThat(water.getDaysOfCover()).isNull();

        // when six hours pass
        sites.advanceWallClock(Duration.ofHours(6));

        // then
        Alert unreported = sites.alertsOf(AlertKind.UNREPORTED).get(0);
        assertThat(unreported.getState()).isEqualTo(AlertState.OPEN);
        assertThat(unreported.getLabels()).containsEntry("items", "water").containsEntry("site", "goris");
        assertThat(unreported.getSummary()).isEqualTo("Goris: no stock figure for water, with 500 people there for 6 h");

        // when water is counted
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 50_000, "litre", T0.plus(Duration.ofHours(6)));
        assertThat(sites.alertsOf(AlertKind.UNREPORTED)).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
    }

    @Test
    void shouldKeepVulnerablePeoplePerSiteAndNameThemInAlerts() {
        // given a group of 40 with 3 unaccompanied children and 2 needing medical care, and too little water
        sites.crossing(CrossingBuilder.aCrossing().atPost("kornidzor").people(40).at(T0)
                .vulnerabilities(new Vulnerabilities(3, 0, 2, 1)).build());
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 100, "litre", T0);

        // then
        SiteStatus goris = last(sites.statuses.readValuesToList());
        assertThat(goris.getVulnerable().getUnaccompaniedChildren()).isEqualTo(3);
        assertThat(goris.getVulnerable().getNeedsMedicalCare()).isEqualTo(2);
        assertThat(goris.getVulnerable().getPregnant()).isEqualTo(1);
        assertThat(runOuts().get(0).getSummary()).endsWith("; 3 unaccompanied children, 2 people needing medical care");

        // when half of them move on: the shares stay, the counts halve (estimated)
        sites.move(MovementKind.DEPARTURE, "goris", null, 20, T0);
        goris = last(sites.statuses.readValuesToList());
        assertThat(goris.getPopulation()).isEqualTo(20);
        assertThat(goris.getVulnerable().getNeedsMedicalCare()).isEqualTo(1);
    }

    @Test
    void shouldEstimateDeparturesWithTheTransitModelAndSaySo() {
        // given Vayk, a transit site where half the people move on within 12 h, and 2,000 people there
        sites.site(Site.newBuilder().setSiteId("vayk").setName("Vayk").setKind(SiteKind.RECEPTION_CENTRE).setAdm1Code("AM-VD")
                .setAdm1Name("Vayots Dzor").setMedianStayHours(12.0).build());
        sites.move(MovementKind.ARRIVAL, null, "vayk", 2_000, T0);

        // when 12 h pass and then 12 more (population 0 via CAPACITY is not needed: the figure is what counts)
        sites.advanceWallClock(Duration.ofHours(12));
        SiteStatus vayk = statusOf("vayk");

        // then
        assertThat(vayk.getPopulation()).isEqualTo(1_000);
        assertThat(vayk.getPopulationEstimated()).isTrue();
        assertThat(vayk.getEstimatedDepartures()).isEqualTo(1_000);
    }

    @Test
    void shouldEscalateAnItemStillNotReportedAfterADay() {
        // given 500 people at Goris, no stock figure, and the UNREPORTED warning after 6 h
        sites.arrivals("kornidzor", 500, T0);
        sites.advanceWallClock(Duration.ofHours(6));
        assertThat(sites.alertsOf(AlertKind.UNREPORTED)).extracting(Alert::getState, Alert::getSeverity)
                .containsExactly(tuple(AlertState.OPEN, Severity.WARNING));

        // when 18 more hours pass with still no figure
        sites.advanceWallClock(Duration.ofHours(18));

        // then the same episode is critical, and says for how long
        assertThat(last(sites.alertsOf(AlertKind.UNREPORTED))).extracting(Alert::getState, Alert::getSeverity, Alert::getSummary)
                .containsExactly(AlertState.ESCALATED, Severity.CRITICAL, "Goris: no stock figure for water, with 500 people there for 24 h");
    }

    @Test
    void shouldResolveCapacityWhenPeopleMoveOn() {
        // given Goris full: 20,000 people for 20,000 places
        sites.arrivals("kornidzor", 20_000, T0);
        assertThat(sites.alertsOf(AlertKind.CAPACITY)).extracting(Alert::getState, Alert::getSeverity)
                .containsExactly(tuple(AlertState.OPEN, Severity.CRITICAL));

        // when 6,000 are relocated to housing two hours later: 14,000 people, 70 % of the places
        sites.move(MovementKind.DEPARTURE, "goris", null, 6_000, T0.plus(HOUR.multipliedBy(2)));

        // then the episode resolves, and the status says 14,000
        assertThat(last(sites.alertsOf(AlertKind.CAPACITY))).extracting(Alert::getState, Alert::getSummary)
                .containsExactly(AlertState.RESOLVED, "Goris: 14,000 people for 20,000 places (70%)");
        assertThat(statusOf("goris").getPopulation()).isEqualTo(14_000);
    }

    @Test
    void shouldFlagADistributionLargerThanTheStockAndTakeItToZeroInsteadOfRefusingIt() {
        sites.arrivals("kornidzor", 100, T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 1_000, "litre", T0);

        sites.supply("goris", "water", SupplyKind.DISTRIBUTION, 5_000, "litre", T0.plusSeconds(60));

        assertThat(sites.rejected.isEmpty()).isTrue();
        ItemStatus water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getStock()).isZero();
        assertThat(water.getOverdrawnAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void shouldDeadLetterBadInputWithAReasonAndChangeNothing() {
        // given
        sites.arrivals("kornidzor", 100, T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 1_000, "litre", T0);
        sites.statuses.readValuesToList();

        // when: a convoy whose ETA is before it was announced, a negative count, and a departure larger than the
        // population for which no crossing comes while the crossings move on 6 h
        sites.supply(convoy("C-9", 10_000, T0.minus(HOUR)), T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, -5, "litre", T0);
        sites.move(MovementKind.DEPARTURE, "goris", null, 101, T0);

        // then
        var rejected = sites.rejected.readRecordsToList();
        assertThat(rejected).extracting(record -> header(record, "flowwatch.reject.rule"))
                .containsExactly("eta-in-the-past", "quantity-negative");
        assertThat(header(rejected.get(0), "flowwatch.reject.reason")).contains("C-9", "ETA before");
        assertThat(sites.statuses.isEmpty()).as("nothing else changed").isTrue();
        sites.crossing(aCrossing().atPost("kornidzor").destination("yerevan").people(1).at(T0.plus(Duration.ofHours(6))).build());
        assertThat(sites.rejected.readRecordsToList()).extracting(record -> header(record, "flowwatch.reject.rule"))
                .containsExactly("population-negative");
        assertThat(sites.statuses.readKeyValuesToList()).filteredOn(status -> status.key.equals("goris"))
                .extracting(status -> status.value.getPopulation()).containsOnly(100L);
    }

    @Test
    void shouldKeepADepartureWaitingWhileItsPeoplesCrossingsAreBehindTheOtherInputs() {
        // given 10 people at Goris
        sites.arrivals("kornidzor", 10, T0);

        // when 30 are said to leave, and movements and supplies run 12 h ahead before the crossings of 20 more are read
        // (a replay at full speed: the few movements are read long before the many crossings of the same hours)
        sites.move(MovementKind.DEPARTURE, "goris", null, 30, T0.plus(HOUR));
        sites.supply("goris", "water", SupplyKind.DELIVERY, 1, "litre", T0.plus(Duration.ofHours(13)));
        assertThat(sites.rejected.isEmpty()).as("still waiting: the crossings have not moved on").isTrue();
        sites.arrivals("kornidzor", 20, T0.plus(Duration.ofMinutes(30)));

        // then the departure applies once its people are counted: no one is left, nothing refused
        assertThat(sites.statuses.readKeyValuesToMap().get("goris").getPopulation()).isEqualTo(0);
        assertThat(sites.rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldHoldADepartureReportedBeforeTheCrossingsOfItsPeopleAndApplyItWhenTheyCome() {
        // given 10 people counted at Goris, and a departure of 30 reported before the crossings of 20 of them
        // reached the ledger (a post's journal still draining)
        sites.arrivals("kornidzor", 10, T0);
        sites.move(MovementKind.DEPARTURE, "goris", null, 30, T0.plus(HOUR));
        assertThat(last(sites.statuses.readValuesToList()).getPopulation()).isEqualTo(10);

        // when the post's backlog arrives: 25 more people
        sites.arrivals("kornidzor", 25, T0.plus(Duration.ofMinutes(30)));

        // then the departure applies: 10 + 25 - 30 = 5, nothing dead-lettered
        assertThat(last(sites.statuses.readValuesToList()).getPopulation()).isEqualTo(5);
        assertThat(sites.rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishAnUnchangedStatusAgainAfterTheRefresh() {
        // given water nobody uses, counted at Goris with 100 people there (the status holds times in its items)
        sites.item("water", "litre", org.flowwatch.schemas.avro.NeedBasis.DAILY_CONSUMPTION, 0);
        sites.arrivals("kornidzor", 100, T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 1_000, "litre", T0);
        SiteStatus before = last(sites.statuses.readValuesToList());

        // when 20 quiet minutes pass (the refresh is 15 min) and nothing but the time changed
        sites.advanceWallClock(Duration.ofMinutes(20));

        // then the same status, as of 20 min later
        SiteStatus again = sites.statuses.readValue();
        assertThat(again.getUpdatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(again.getItems().get(0).getCountedAt()).isEqualTo(before.getItems().get(0).getCountedAt());
        assertThat(again.getPopulation()).isEqualTo(100);
    }

    @Test
    void shouldMoveAPopulationByExactlyTheDifferenceOfACorrectionOnceAndTakeAWithdrawalOff() {
        // given a group of 12 with 2 unaccompanied children counted at Goris
        java.util.UUID id = java.util.UUID.randomUUID();
        CrossingBuilder group = CrossingBuilder.aCrossing().eventId(id).atPost("kornidzor").people(12).at(T0)
                .vulnerabilities(new Vulnerabilities(2, 0, 0, 0));
        sites.crossing(group.build());

        // when the officer corrects it to 21 (revision 1), it comes twice, and the first revision is resent after it
        sites.crossing(group.people(21).revision(1).build());
        sites.crossing(group.people(21).revision(1).build());
        sites.crossing(group.people(12).revision(0).build());

        // then 21 people, once, and the 2 children once
        SiteStatus goris = last(sites.statuses.readValuesToList());
        assertThat(goris.getPopulation()).isEqualTo(21);
        assertThat(goris.getVulnerable().getUnaccompaniedChildren()).isEqualTo(2);

        // when the crossing is withdrawn (revision 2)
        sites.crossing(group.people(0).revision(2).withdrawn().vulnerabilities(null).build());

        // then nobody of it counts
        goris = last(sites.statuses.readValuesToList());
        assertThat(goris.getPopulation()).isZero();
        assertThat(goris.getVulnerable().getUnaccompaniedChildren()).isZero();
    }

    @Test
    void shouldCallAnItemWithOnlyAConvoyAnnouncedNotReportedInsteadOfRunOut() {
        // given 500 people at Goris and a convoy of water announced, but no water ever counted or delivered
        sites.arrivals("kornidzor", 500, T0);
        sites.supply(convoy("C-1", 20_000, T0.plus(Duration.ofHours(5))), T0);

        // then water is "not reported" with the convoy expected, and nothing says it ran out
        ItemStatus water = last(sites.statuses.readValuesToList()).getItems().get(0);
        assertThat(water.getReported()).isFalse();
        assertThat(water.getExpectedDeliveries()).extracting(d -> d.getConvoyId()).containsExactly("C-1");
        assertThat(sites.alerts.readValuesToList()).extracting(Alert::getKind)
                .doesNotContain(AlertKind.RUN_OUT, AlertKind.SHORTAGE);
    }

    @Test
    void shouldApplyAResentDepartureAndSupplyOnce() {
        // given 100 people and 1,000 L at Goris
        sites.arrivals("kornidzor", 100, T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 1_000, "litre", T0);
        SiteMovement departure = SiteMovement.newBuilder().setEventId(java.util.UUID.randomUUID()).setKind(MovementKind.DEPARTURE)
                .setFromSiteId("goris").setPeople(30).setOccurredAt(T0).setRecordedAt(T0).build();
        SupplyEvent delivery = SupplyEvent.newBuilder().setEventId(java.util.UUID.randomUUID()).setSiteId("goris").setItem("water")
                .setKind(SupplyKind.DELIVERY).setQuantity(500).setUnit("litre").setOccurredAt(T0).setRecordedAt(T0).build();

        // when a phone that timed out sends each twice
        for (int copy = 0; copy < 2; copy++) {
            sites.movement(departure);
            sites.supply(delivery);
        }

        // then each counts once
        SiteStatus goris = last(sites.statuses.readValuesToList());
        assertThat(goris.getPopulation()).isEqualTo(70);
        assertThat(goris.getItems().get(0).getStock()).isEqualTo(1_500);
    }

    private List<Alert> runOuts() {
        return sites.alertsOf(AlertKind.RUN_OUT);
    }

    private SiteStatus statusOf(String siteId) {
        return sites.statuses.readKeyValuesToMap().get(siteId);
    }

    private static SupplyEvent.Builder convoy(String id, double litres, Instant eta) {
        return SupplyEvent.newBuilder().setSiteId("goris").setItem("water").setKind(SupplyKind.CONVOY_ANNOUNCED)
                .setQuantity(litres).setUnit("litre").setConvoyId(id).setExpectedAt(eta);
    }

    private static <T> T last(List<T> values) {
        return values.get(values.size() - 1);
    }

    private static String header(org.apache.kafka.streams.test.TestRecord<String, ?> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
