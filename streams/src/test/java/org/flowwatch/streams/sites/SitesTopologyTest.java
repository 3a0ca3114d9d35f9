package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SitesTopologyTest {

    private static final Instant T1 = T0.plus(Duration.ofHours(1));
    private static final Instant T2 = T0.plus(Duration.ofHours(2));
    private static final Instant T3 = T0.plus(Duration.ofHours(3));

    @AutoClose
    private final SitesDriver sites = new SitesDriver().withGorisScenario();

    @Test
    void shouldOpenShortageWarningWhenDaysOfCoverFallUnderThree() {
        // given 45,000 L of water at Goris: 1,000 people need 15,000 L a day, exactly 3 days of cover
        sites.waterAndPeopleAtGoris(45_000, 1_000, T0);
        assertThat(sites.alertsOf(AlertKind.SHORTAGE)).as("3.0 days is not under 3").isEmpty();

        // when an hour later (the 1,000 used 15,000 / 24 = 625 L: 44,375 L left) one more person arrives through
        // Kornidzor (routed to Goris, its reception site): 44,375 / 15,015 = 2.955 days
        sites.arrivals("kornidzor", 1, T1);

        // then
        Alert alert = sites.alertsOf(AlertKind.SHORTAGE).get(0);
        assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
        assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(alert.getStartsAt()).isEqualTo(T1);
        assertThat(alert.getLabels()).containsEntry("site", "goris").containsEntry("item", "water").containsEntry("region", "AM-SU");
        assertThat(alert.getEvidence()).containsEntry("population", 1_001.0).containsEntry("stock", 44_375.0);
        assertThat(alert.getSummary()).isEqualTo("Goris: water covers 2.9 days for 1,001 people; need 15,015 L/day, stock 44,375 L");
        assertThat(sites.currentAlerts.readKeyValuesToMap()).containsKey(alert.getAlertId());
    }

    @Test
    void shouldEscalateThenDeEscalateThenResolveWithOneEpisodeId() {
        // given a warning: 30,000 L for 1,000 people = 2 days
        sites.waterAndPeopleAtGoris(30_000, 1_000, T0);

        // when more people arrive (3,000 need 45,000 L/day: 0.67 days), then a convoy brings 60,000 L (2 days),
        // then another 90,000 L (4 days, clearly over 3 x 1.1 = 3.3)
        sites.arrivals("kornidzor", 2_000, T1);
        sites.supply("goris", "water", SupplyKind.DELIVERY, 60_000, "litre", T2);
        sites.supply("goris", "water", SupplyKind.DELIVERY, 90_000, "litre", T3);

        // then
        var changes = sites.alertsOf(AlertKind.SHORTAGE);
        assertThat(changes).extracting(Alert::getState, Alert::getSeverity, Alert::getVersion, Alert::getUpdatedAt)
                .containsExactly(tuple(AlertState.OPEN, Severity.WARNING, 1, T0),
                        tuple(AlertState.ESCALATED, Severity.CRITICAL, 2, T1),
                        tuple(AlertState.DE_ESCALATED, Severity.WARNING, 3, T2),
                        tuple(AlertState.RESOLVED, Severity.WARNING, 4, T3));
        assertThat(changes).extracting(Alert::getAlertId).containsOnly(changes.get(0).getAlertId());
        assertThat(changes.get(3).getEndsAt()).isEqualTo(T3);
        var current = sites.currentAlerts.readKeyValuesToMap();
        assertThat(current).as("resolved: a tombstone leaves the current alerts").containsEntry(changes.get(0).getAlertId(), null);
    }

    @Test
    void shouldGiveAnEpisodeThatReopensAtTheInstantItResolvedAnIdOfItsOwn() {
        // given a warning at T0: 30,000 L for 1,000 people = 2 days
        sites.waterAndPeopleAtGoris(30_000, 1_000, T0);

        // when, stamped at the same instant, a delivery of 60,000 L makes it 6 days (resolved) and a stock count then
        // finds 30,000 L (2 days again)
        sites.supply("goris", "water", SupplyKind.DELIVERY, 60_000, "litre", T0);
        sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 30_000, "litre", T0);

        // then the second opening is a new episode with its own id: receivers deduplicate on id and version, so
        // "id v1" a second time would be dropped as a resend and the shortage would look resolved
        String first = "SHORTAGE/goris/water/" + T0;
        assertThat(sites.alertsOf(AlertKind.SHORTAGE)).extracting(Alert::getAlertId, Alert::getVersion, Alert::getState)
                .containsExactly(tuple(first, 1, AlertState.OPEN), tuple(first, 2, AlertState.RESOLVED),
                        tuple(first + "#2", 1, AlertState.OPEN));
        assertThat(sites.currentAlerts.readKeyValuesToMap()).containsEntry(first, null).containsKey(first + "#2");
    }

    @Test
    void shouldRaiseOneEpisodeWhenCoverWobblesAroundTheThreshold() {
        // given 1,000 people at Goris
        sites.arrivals("kornidzor", 1_000, T0);

        // when the stock moves 2.9 → 3.1 → 2.9 → 3.2 days (within the 10 % margin), then to 3.4 days
        double[] days = {2.9, 3.1, 2.9, 3.2, 3.4};
        for (int i = 0; i < days.length; i++) {
            sites.supply("goris", "water", SupplyKind.STOCK_COUNT, days[i] * 15_000, "litre", T0.plusSeconds(600L * (i + 1)));
        }

        // then one episode, opened once, resolved once when clearly back (3.4 > 3.3)
        assertThat(sites.alertsOf(AlertKind.SHORTAGE)).extracting(Alert::getState)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
    }

    @Test
    void shouldRaiseCapacityAlertAtNinetyAndHundredPercent() {
        // given Goris holds 20,000 people
        // when 17,999 then 18,000 then 20,000 people have arrived
        sites.arrivals("kornidzor", 17_999, T0);
        sites.arrivals("kornidzor", 1, T1);
        sites.arrivals("kornidzor", 2_000, T2);

        // then
        assertThat(sites.alertsOf(AlertKind.CAPACITY)).extracting(Alert::getKind, Alert::getState, Alert::getSeverity, Alert::getSummary)
                .containsExactly(
                        tuple(AlertKind.CAPACITY, AlertState.OPEN, Severity.WARNING, "Goris: 18,000 people for 20,000 places (90%)"),
                        tuple(AlertKind.CAPACITY, AlertState.ESCALATED, Severity.CRITICAL, "Goris: 20,000 people for 20,000 places (100%)"));
    }

    @Test
    void shouldJudgeSharedItemsByPersonAgainstTheMinimum() {
        // given shelter is a shared item: 3.5 m² per person is the Sphere minimum
        sites.item("shelter", "square_metre", NeedBasis.CAPACITY, 3.5);
        sites.supply("goris", "shelter", SupplyKind.STOCK_COUNT, 3_500, "square_metre", T0);

        // when 1,400 people share 3,500 m²: 2.5 m² each, 71 % of the minimum (critical under 75 %)
        sites.arrivals("kornidzor", 1_400, T1);

        // then
        Alert alert = sites.alertsOf(AlertKind.SHORTAGE).get(0);
        assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.getSummary()).isEqualTo("Goris: shelter gives 2.5 m² per person for 1,400 people; minimum 3.5 m², stock 3,500 m²");
    }

    @Test
    void shouldRaiseSurgeAtPostAndRegionThenResolveWhenTheHourCalms() {
        // given
        sites.arrivals("kornidzor", 600, T0);

        // when 1,100 people crossed within the hour (the surge level is 1,000)
        sites.arrivals("kornidzor", 500, T0.plus(Duration.ofMinutes(40)));
        // and two hours later only a few arrive
        sites.arrivals("kornidzor", 5, T3);

        // then
        var surges = sites.alertsOf(AlertKind.SURGE);
        assertThat(surges).extracting(a -> a.getLabels().get("scope"), Alert::getState)
                .containsExactlyInAnyOrder(tuple("post/kornidzor", AlertState.OPEN), tuple("region/AM-SU", AlertState.OPEN),
                        tuple("post/kornidzor", AlertState.RESOLVED), tuple("region/AM-SU", AlertState.RESOLVED));
        assertThat(surges.get(0).getSummary()).isEqualTo("Kornidzor: 1,100 arrivals in the last hour, surge level 1,000 (trailing average 0/h)");
    }

    @Test
    void shouldRaiseAndEscalatePostSilentByWallClockAndResolveOnItsNextMessage() {
        // given Kornidzor was heard at the start
        sites.arrivals("kornidzor", 1, T0);

        // when nothing comes for 31 minutes, then for 2 hours, then a heartbeat
        sites.advanceWallClock(Duration.ofMinutes(31));
        sites.advanceWallClock(Duration.ofMinutes(90));
        sites.heartbeat("kornidzor", T0);

        // then
        var silent = sites.alertsOf(AlertKind.POST_SILENT);
        assertThat(silent).extracting(Alert::getState, Alert::getSeverity)
                .containsExactly(tuple(AlertState.OPEN, Severity.WARNING), tuple(AlertState.ESCALATED, Severity.CRITICAL),
                        tuple(AlertState.RESOLVED, Severity.CRITICAL));
        assertThat(silent.get(0).getSummary()).isEqualTo("Kornidzor: no crossing or heartbeat for 31 min");
        assertThat(silent.get(0).getLabels()).containsEntry("post", "kornidzor");
    }

    @Test
    void shouldApplyAThresholdChangedAtRunTimeWithoutRestart() {
        // given 4 days of cover: no alert under the default thresholds (3 and 1)
        sites.waterAndPeopleAtGoris(60_000, 1_000, T0);
        assertThat(sites.alertsOf(AlertKind.SHORTAGE)).isEmpty();

        // when the operations centre raises Goris' water warning to 5 days, and the re-evaluation runs
        sites.threshold("goris", "water", 5, 2);
        sites.advanceWallClock(SitesDriver.REEVALUATE);

        // then
        assertThat(sites.alertsOf(AlertKind.SHORTAGE)).extracting(Alert::getState, Alert::getSeverity)
                .containsExactly(tuple(AlertState.OPEN, Severity.WARNING));
    }

    @Test
    void shouldApplyAnItemNeedChangedAtRunTimeToDaysOfCover() {
        // given 1,000 people, 60,000 L: 4 days at 15 L
        sites.waterAndPeopleAtGoris(60_000, 1_000, T0);
        sites.statuses.readValuesToList();

        // when the need becomes 20 L a person (hot weather) and the re-evaluation runs
        sites.item("water", "litre", NeedBasis.DAILY_CONSUMPTION, 20);
        sites.advanceWallClock(SitesDriver.REEVALUATE);

        // then (10 s of wall clock with inputs quiet for less than sites.clock.quiet.after: no use in between)
        SiteStatus goris = sites.statuses.readValue();
        assertThat(goris.getItems().get(0).getDaysOfCover()).isEqualTo(3.0);
    }

    @Test
    void shouldSendMovementThatWouldMakePopulationNegativeToDeadLetters() {
        // given 10 people at Goris
        sites.arrivals("kornidzor", 10, T0);
        sites.statuses.readValuesToList();

        // when 15 are said to move on to Yerevan, and the crossings move on 6 h with none of 5 more people for Goris
        sites.move(MovementKind.TRANSFER, "goris", "yerevan", 15, T1);
        assertThat(sites.rejected.isEmpty()).as("waiting for the crossings of those people").isTrue();
        sites.crossing(aCrossing().atPost("kornidzor").destination("yerevan").people(1).at(T1.plus(Duration.ofHours(6))).build());

        // then the movement is refused with its reason and source, and neither site's people changed
        TestRecord<String, SiteInput> rejected = sites.rejected.readRecord();
        Headers headers = rejected.headers();
        assertThat(header(headers, "flowwatch.reject.rule")).isEqualTo("population-negative");
        assertThat(header(headers, "flowwatch.reject.reason")).isEqualTo("TRANSFER of 15 people from 'goris' is more than "
                + "the 10 people counted there, after waiting 6 h for the crossings of those people");
        assertThat(header(headers, "flowwatch.source.topic")).isEqualTo(Topics.SITE_MOVEMENTS.name());
        assertThat(header(headers, "flowwatch.source.offset")).isEqualTo("0");
        assertThat(sites.statuses.readKeyValuesToList()).filteredOn(status -> status.key.equals("goris"))
                .extracting(status -> status.value.getPopulation()).containsOnly(10L);
        assertThat(sites.rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldCountAGroupSentToAnUnlistedDestinationAtNoSiteAndSayWhy() {
        // given a group of 7 whose destination the arrivals app blanked (typed as a host's name), and a group of 5
        // with no destination (Kornidzor sends them to Goris, its reception site)
        CrossingEvent unlisted = aCrossing().atPost("kornidzor").people(7).at(T0).build();
        unlisted.setDestinationUnlisted(true);

        // when
        sites.crossing(unlisted);
        sites.arrivals("kornidzor", 5, T1);

        // then only the 5 are at Goris (not the 7: where they went is not known), and the 7 are refused with the reason
        assertThat(sites.statuses.readKeyValuesToMap().get("goris").getPopulation()).isEqualTo(5);
        Headers headers = sites.rejected.readRecord().headers();
        assertThat(header(headers, "flowwatch.reject.rule")).isEqualTo("destination-unlisted");
        assertThat(header(headers, "flowwatch.reject.reason")).isEqualTo("crossing at post 'kornidzor' was sent to a"
                + " destination that is no site of the reference data (the arrivals app blanked it): its 7 people are"
                + " counted in the arrivals but at no site");
    }

    @Test
    void shouldRefuseAConvoyNamedByAnythingButItsReferenceAndNeverShowThatName() {
        // given a water convoy announced for Goris under a driver's name and phone, and one under its reference
        sites.supply(SupplyEvent.newBuilder().setSiteId("goris").setItem("water").setKind(SupplyKind.CONVOY_ANNOUNCED)
                .setQuantity(5_000).setUnit("litre").setConvoyId("Armen Sargsyan 091234567").setExpectedAt(T1), T0);
        sites.supply(SupplyEvent.newBuilder().setSiteId("goris").setItem("water").setKind(SupplyKind.CONVOY_ANNOUNCED)
                .setQuantity(8_000).setUnit("litre").setConvoyId("WFP-ARM-0142").setExpectedAt(T1), T0.plusSeconds(1));

        // then the first is refused, saying what a convoy id must be, and Goris expects only the second
        assertThat(header(sites.rejected.readRecord().headers(), "flowwatch.reject.rule")).isEqualTo("convoy-not-a-reference");
        SiteStatus goris = sites.statuses.readKeyValuesToMap().get("goris");
        assertThat(goris.getItems()).flatExtracting(item -> item.getExpectedDeliveries())
                .extracting(delivery -> delivery.getConvoyId()).containsExactly("WFP-ARM-0142");
    }

    @Test
    void shouldCountNoOneForAWithdrawalReadBeforeTheCrossingItWithdraws() {
        // given a crossing of 12 people at Kornidzor, withdrawn at the post (revision 2), the withdrawal read first
        java.util.UUID id = java.util.UUID.randomUUID();
        sites.crossing(aCrossing().eventId(id).atPost("kornidzor").people(12).revision(2).withdrawn().at(T0).build());

        // when the original revision comes after it
        sites.crossing(aCrossing().eventId(id).atPost("kornidzor").people(12).revision(1).at(T0).build());
        sites.arrivals("kornidzor", 5, T1);

        // then only the 5 people of the later crossing are at Goris
        assertThat(sites.statuses.readKeyValuesToMap().get("goris").getPopulation()).isEqualTo(5);
    }

    @Test
    void shouldMovePeopleBetweenSitesWhenTheTransferFits() {
        // given
        sites.arrivals("kornidzor", 10, T0);

        // when
        sites.move(MovementKind.TRANSFER, "goris", "yerevan", 4, T1);

        // then
        assertThat(sites.statuses.readKeyValuesToMap()).satisfies(byId -> {
            assertThat(byId.get("goris").getPopulation()).isEqualTo(6);
            assertThat(byId.get("yerevan").getPopulation()).isEqualTo(4);
        });
    }

    @Test
    void shouldNameEveryOperatorAndStoreExplicitly() {
        // when
        String description = sites.driver.producedTopicNames().toString()
                + new SitesTopology(sites.serdes, new SitesSettings(SitesDriver.props(), null, Topics.CROSSINGS_VALID,
                SitesDriver.RULES, SiteModel.defaults(), SitesDriver.REEVALUATE, "127.0.0.1", 0, 1)).build(SitesDriver.props()).describe();

        // then
        assertThat(description).doesNotContainPattern("KSTREAM-\\w+-\\d{10}").doesNotContainPattern("KTABLE-\\w+-\\d{10}")
                .contains("site-ledger", "site-inputs", SiteLedgerProcessor.STATUS_STORE, "judge-surges", "judge-silence");
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
