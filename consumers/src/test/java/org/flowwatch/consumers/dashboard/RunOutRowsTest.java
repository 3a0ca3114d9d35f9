package org.flowwatch.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.consumers.dashboard.SiteStatuses.aSite;
import static org.flowwatch.consumers.dashboard.SiteStatuses.at;
import static org.flowwatch.consumers.dashboard.SiteStatuses.convoy;
import static org.flowwatch.consumers.dashboard.SiteStatuses.notReported;
import static org.flowwatch.consumers.dashboard.SiteStatuses.place;
import static org.flowwatch.consumers.dashboard.SiteStatuses.shelter;
import static org.flowwatch.consumers.dashboard.SiteStatuses.vulnerable;
import static org.flowwatch.consumers.dashboard.SiteStatuses.water;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.SiteKind;
import org.junit.jupiter.api.Test;

class RunOutRowsTest {

    private final OpsPicture picture = new OpsPicture(ZoneId.of("Asia/Yerevan"));

    @Test
    void shouldListSoonestRunOutFirstThenUnreportedThenTheRestWhenSitesDiffer() {
        // given water running out in 60 h at Sisian and in 23 h at Goris, Goris's food never reported, and
        // Vayk's water beyond the horizon; shelter (not used up day by day) has no run-out
        picture.site("sisian", aSite("sisian", "Sisian", 2_000, water(30_000, 12_000, 60.0).build()).build());
        picture.site("goris", aSite("goris", "Goris", 12_400, water(4_200, 186_000, 23.0).build(),
                notReported("food", "ration"), shelter(40_000, 3.2)).build());
        picture.site("vayk", aSite("vayk", "Vayk", 500, water(90_000, 7_500, null).build()).build());

        // when
        List<OpsView.RunOut> rows = picture.view().runOut();

        // then
        assertThat(rows).extracting(row -> row.site() + "/" + row.item())
                .containsExactly("goris/water", "sisian/water", "goris/food", "vayk/water");
        assertThat(rows.get(0).hoursToRunOut()).isEqualTo(23.0);
        assertThat(rows.get(0).runsOutAt()).isEqualTo(at(23).toString());
        assertThat(rows.get(1).runsOutLatest()).as("60 h x 1.3 is past the 72 h horizon").isNull();
        assertThat(rows.get(2).reported()).isFalse();
        assertThat(picture.view().timeZone()).isEqualTo("Asia/Yerevan");
    }

    @Test
    void shouldCarryCountDeliveriesAndPeopleWhenTheStatusHasThem() {
        // given a count 14 h before the status, a convoy on its way and one overdue, departures estimated
        picture.site("goris", aSite("goris", "Goris", 12_400, water(4_200, 186_000, 23.0).setCountedStock(18_000.0)
                        .setCountedAt(at(-14)).setExpectedDeliveries(List.of(convoy("C-12", 6_000, 5), convoy("C-9", 8_000, -3)))
                        .build())
                .setPopulationEstimated(true).setEstimatedDepartures(310).setArrivalsPerHour(420).setDeparturesPerHour(35)
                .setVulnerable(vulnerable(14, 85, 120, 40, 900)).build());

        // when
        OpsView view = picture.view();

        // then
        OpsView.RunOut water = view.runOut().get(0);
        assertThat(water.countedStock()).isEqualTo(18_000.0);
        assertThat(water.countedAt()).isEqualTo(at(-14).toString());
        assertThat(water.estimated()).isTrue();
        assertThat(water.deliveries()).extracting(OpsView.Delivery::convoy, OpsView.Delivery::counted)
                .containsExactly(tuple("C-12", true), tuple("C-9", false));
        assertThat(view.people()).singleElement().satisfies(people -> {
            assertThat(people.populationEstimated()).isTrue();
            assertThat(people.estimatedDepartures()).isEqualTo(310);
            assertThat(people.vulnerable()).isEqualTo(new OpsView.Vulnerable(14, 85, 120, 40, 900));
        });
    }

    @Test
    void shouldColourPlacesByOpenAlertsAndMarkSitesWithNoStatusWhenReferenceDataArrives() {
        // given a post, a site with an open critical run-out alert, and a site with no status yet
        picture.place("kornidzor", place("kornidzor", "Kornidzor", SiteKind.BORDER_POST, 39.30, 46.32));
        picture.place("goris", place("goris", "Goris", SiteKind.RECEPTION_CENTRE, 39.51, 46.34));
        picture.place("vayk", place("vayk", "Vayk", SiteKind.RECEPTION_CENTRE, 39.69, 45.47));
        picture.site("goris", aSite("goris", "Goris", 12_400, water(4_200, 186_000, 23.0).build()).build());
        picture.alert("RUN_OUT/goris/water", Alert.newBuilder().setAlertId("RUN_OUT/goris/water").setVersion(1)
                .setKind(AlertKind.RUN_OUT).setSeverity(Severity.CRITICAL).setState(AlertState.OPEN)
                .setStartsAt(at(0)).setUpdatedAt(at(0)).setLabels(Map.of("site", "goris", "item", "water"))
                .setEvidence(Map.of("hoursToRunOut", 23.0)).setSummary("Goris: water runs out in 23 h").build());

        // when
        List<OpsView.Place> places = picture.view().places();

        // then
        assertThat(places).extracting(OpsView.Place::id, OpsView.Place::kind, OpsView.Place::urgency, OpsView.Place::hoursToRunOut)
                .containsExactly(tuple("goris", "reception_centre", "critical", 23.0),
                        tuple("kornidzor", "border_post", "ok", null),
                        tuple("vayk", "reception_centre", "unknown", null));
        assertThat(picture.view().runOut().get(0).severity()).isEqualTo("critical");
    }
}
