package org.flowwatch.streams.sites.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.ExpectedDelivery;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.http.ApiToken;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SitesQueryServerTest {

    private static final Instant T0 = Instant.parse("2023-09-26T08:00:00Z");
    private static final Instant COUNTED = T0.minus(Duration.ofHours(14));
    private static final ItemStatus WATER = ItemStatus.newBuilder().setItemId("water").setUnit("litre")
            .setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(4_200).setNeedPerDay(36_000.0).setDaysOfCover(4_200 / 36_000.0)
            .setMinimumPerPerson(15).setEstimated(true).setCountedStock(18_000.0).setCountedAt(COUNTED)
            .setRunsOutAt(T0.plus(Duration.ofHours(3))).setRunsOutEarliest(T0.plus(Duration.ofHours(2)))
            .setRunsOutLatest(T0.plus(Duration.ofHours(4))).setHoursToRunOut(3.0)
            .setExpectedDeliveries(List.of(new ExpectedDelivery("C-7", 30_000.0, T0.plus(Duration.ofHours(10)), true))).build();
    private static final ItemStatus FUEL = ItemStatus.newBuilder().setItemId("fuel").setUnit("litre")
            .setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(0).setMinimumPerPerson(0).setReported(false).build();
    private static final SiteStatus GORIS = SiteStatus.newBuilder().setSiteId("goris").setName("Goris").setAdm1Code("AM-SU")
            .setPopulation(2_400).setCapacityPeople(3_000).setItems(List.of(WATER, FUEL)).setUpdatedAt(T0)
            .setPopulationEstimated(true).setEstimatedDepartures(600).setArrivalsPerHour(100).setDeparturesPerHour(50)
            .setHeldSince(T0.minus(Duration.ofDays(2))).setVulnerable(new VulnerablePeople(37L, 4L, 12L, 9L, 210L)).build();

    @AutoClose
    private final SitesQueryServer server = SitesQueryServer.start(new FixedView(), "127.0.0.1", 0, ApiToken.none());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldListSitesAndOneSite() throws Exception {
        assertThat(get("/sites").body()).contains("\"siteId\":\"goris\"", "\"population\":2400");
        assertThat(get("/sites/goris").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = get("/sites/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no status for site 'nowhere'");
    }

    @Test
    void shouldAnswerWithTheEstimateTheCountRunOutConvoysAndVulnerablePeopleOfASite() throws Exception {
        String goris = get("/sites/goris").body();

        assertThat(goris).contains("\"populationEstimated\":true", "\"estimatedDepartures\":600", "\"arrivalsPerHour\":100.0",
                "\"departuresPerHour\":50.0", "\"heldSince\":\"2023-09-24T08:00:00Z\"",
                "\"vulnerable\":{\"unaccompaniedChildren\":37,\"disabled\":4,\"needsMedicalCare\":12,\"pregnant\":9,\"over60\":210}");
        assertThat(goris).contains("\"stock\":4200.0", "\"estimated\":true", "\"countedStock\":18000.0",
                "\"countedAt\":\"2023-09-25T18:00:00Z\"", "\"runsOutAt\":\"2023-09-26T11:00:00Z\"",
                "\"runsOutEarliest\":\"2023-09-26T10:00:00Z\"", "\"runsOutLatest\":\"2023-09-26T12:00:00Z\"",
                "\"hoursToRunOut\":3.0",
                "\"expectedDeliveries\":[{\"convoyId\":\"C-7\",\"quantity\":30000.0,\"expectedAt\":\"2023-09-26T18:00:00Z\",\"counted\":true}]");
        assertThat(goris).contains("\"itemId\":\"fuel\"", "\"reported\":false");
    }

    @Test
    void shouldFilterOpenAlertsByKindSeverityAndSite() throws Exception {
        assertThat(get("/alerts?kind=shortage").body()).contains("SHORTAGE/goris/water").doesNotContain("CAPACITY/goris");
        assertThat(get("/alerts?severity=CRITICAL").body()).contains("CAPACITY/goris").doesNotContain("SHORTAGE/goris/water");
        assertThat(get("/alerts?site=vayk").body()).isEqualTo("[]");
        assertThat(get("/alerts?region=AM-SU").body()).contains("SHORTAGE/goris/water", "CAPACITY/goris");
    }

    @Test
    void shouldAnswer400NamingTheParameterWhenAFilterIsUnknown() throws Exception {
        HttpResponse<String> response = get("/alerts?kind=flood");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("parameter 'kind' must be one of [SHORTAGE, CAPACITY, SURGE, POST_SILENT, OTHER, RUN_OUT, UNREPORTED], got 'flood'");
    }

    @Test
    void shouldAnswer401WithoutTheTokenAnd200WithItWhenATokenIsConfigured() throws Exception {
        // given
        String token = "sites-token-0123456789";
        try (SitesQueryServer guarded = SitesQueryServer.start(new FixedView(), "127.0.0.1", 0, ApiToken.of(token))) {
            // when there is no token, or the wrong one, then 401 naming the problem
            for (String path : List.of("/sites", "/sites/goris", "/alerts")) {
                HttpResponse<String> none = get(guarded, path, null);
                assertThat(none.statusCode()).as(path).isEqualTo(401);
                assertThat(none.body()).as(path).contains("needs a token").contains("http.api.token");
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
            HttpResponse<String> wrong = get(guarded, "/sites", "Bearer not-the-sites-token");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("not the one").doesNotContain(token);

            // when the token is sent, then the answer is as without a token
            HttpResponse<String> right = get(guarded, "/sites", "Bearer " + token);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("\"siteId\":\"goris\"");
            assertThat(get(guarded, "/alerts?kind=flood", "Bearer " + token).statusCode()).isEqualTo(400);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(server, path, null);
    }

    private HttpResponse<String> get(SitesQueryServer target, String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Alert alert(String id, AlertKind kind, Severity severity) {
        return Alert.newBuilder().setAlertId(id).setVersion(1).setKind(kind).setSeverity(severity).setState(AlertState.OPEN)
                .setStartsAt(T0).setUpdatedAt(T0).setLabels(Map.of("site", "goris", "region", "AM-SU"))
                .setEvidence(Map.of()).setSummary("Goris").build();
    }

    private static final class FixedView implements SitesView {
        @Override
        public List<SiteStatus> sites() {
            return List.of(GORIS);
        }

        @Override
        public Optional<SiteStatus> site(String siteId) {
            return sites().stream().filter(site -> site.getSiteId().equals(siteId)).findFirst();
        }

        @Override
        public List<Alert> openAlerts() {
            return List.of(alert("SHORTAGE/goris/water/" + T0, AlertKind.SHORTAGE, Severity.WARNING),
                    alert("CAPACITY/goris/" + T0, AlertKind.CAPACITY, Severity.CRITICAL));
        }
    }
}
