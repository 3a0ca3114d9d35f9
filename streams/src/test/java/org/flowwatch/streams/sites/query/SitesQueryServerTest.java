package org.flowwatch.streams.sites.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.http.ApiToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SitesQueryServerTest {

    private static final Instant T0 = Instant.parse("2023-09-26T08:00:00Z");
    private static final SiteStatus GORIS = SiteStatus.newBuilder().setSiteId("goris").setName("Goris").setAdm1Code("AM-SU")
            .setPopulation(2_400).setCapacityPeople(3_000).setItems(List.of()).setUpdatedAt(T0).build();

    private final SitesQueryServer server = SitesQueryServer.start(new FixedView(), "127.0.0.1", 0, ApiToken.none());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldListSitesAndOneSite() throws Exception {
        assertThat(get("/sites").body()).contains("\"siteId\":\"goris\"", "\"population\":2400");
        assertThat(get("/sites/goris").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = get("/sites/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no status for site 'nowhere'");
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
