package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowwatch.consumers.webhook.AlertBuilder.T0;
import static org.flowwatch.consumers.webhook.AlertBuilder.anAlert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.config.ConfigException;
import org.junit.jupiter.api.Test;

class PayloadFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UrlPolicy PUBLIC_ONLY = new UrlPolicy(false, false);

    @Test
    void shouldWrapOurJsonInCloudEventWhenFormatIsCloudEvents() throws Exception {
        // when
        Payload payload = render("cloudevents", anAlert().version(3).state(AlertState.ESCALATED).build());

        // then
        JsonNode event = JSON.readTree(payload.body());
        assertThat(payload.contentType()).startsWith("application/cloudevents+json");
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("shortage/goris-1/water:3");
        assertThat(event.get("type").asText()).isEqualTo("org.flowwatch.alert.escalated");
        assertThat(event.get("time").asText()).isEqualTo("2023-09-25T10:03:00Z");
        assertThat(event.get("data").get("labels").get("region").asText()).isEqualTo("AM-SU");
    }

    @Test
    void shouldPushFiringThenResolvedWhenFormatIsAlertmanager() throws Exception {
        // when
        JsonNode firing = JSON.readTree(render("alertmanager", anAlert().build()).body());
        JsonNode resolved = JSON.readTree(render("alertmanager", anAlert().version(2).resolvedAt(T0.plusSeconds(3600)).build()).body());

        // then
        assertThat(firing).hasSize(1);
        assertThat(firing.get(0).get("labels").get("alertname").asText()).isEqualTo("flowwatch_shortage");
        assertThat(firing.get(0).get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(firing.get(0).get("startsAt").asText()).isEqualTo("2023-09-25T10:00:00Z");
        assertThat(firing.get(0).get("endsAt").asText()).as("updatedAt + firing hold").isEqualTo("2023-10-02T10:01:00Z");
        assertThat(firing.get(0).get("annotations").get("summary").asText()).contains("water covers 0.8 days");
        assertThat(resolved.get(0).get("endsAt").asText()).isEqualTo("2023-09-25T11:00:00Z");
        assertThat(resolved.get(0).get("labels")).isEqualTo(firing.get(0).get("labels"));
    }

    @Test
    void shouldResolveOtherSeveritiesWhenAlertEscalates() throws Exception {
        // when
        JsonNode escalated = JSON.readTree(render("alertmanager", anAlert().version(2).severity(Severity.CRITICAL)
                .state(AlertState.ESCALATED).build()).body());

        // then
        assertThat(escalated).hasSize(3);
        assertThat(escalated.get(1).get("endsAt").asText()).isEqualTo("2023-09-25T10:02:00Z");
    }

    @Test
    void shouldWriteSlackTextWhenFormatIsSlack() throws Exception {
        JsonNode message = JSON.readTree(render("slack", anAlert().build()).body());
        assertThat(message.get("text").asText()).isEqualTo(":red_circle: *CRITICAL* shortage opened: Goris: water covers 0.8 days for 12,400 people");
    }

    @Test
    void shouldCarryTheProjectionWhenRunOutIsSentAsJson() throws Exception {
        // when
        JsonNode json = JSON.readTree(render("json", anAlert().waterRunsOut().build()).body());
        JsonNode beyondHorizon = JSON.readTree(render("json", anAlert().waterRunsOut()
                .evidence(Map.of("hoursToRunOut", 60.0, "runsOutAtEpochSeconds", 1.6957e9, "earliestHours", 50.0)).build()).body());

        // then: the time as ISO-8601, the hours and the band beside the raw evidence
        assertThat(json.get("kind").asText()).isEqualTo("RUN_OUT");
        assertThat(json.at("/projection/runsOutAt").asText()).isEqualTo("2023-09-26T09:00:00Z");
        assertThat(json.at("/projection/hoursToRunOut").asDouble()).isEqualTo(23.0);
        assertThat(json.at("/projection/earliestHours").asDouble()).isEqualTo(19.0);
        assertThat(json.at("/projection/band").asText()).isEqualTo("19-28 h");
        assertThat(json.at("/evidence/unaccompaniedChildren").asDouble()).isEqualTo(37.0);
        assertThat(beyondHorizon.at("/projection/latestHours").isNull()).as("beyond the horizon").isTrue();
        assertThat(beyondHorizon.at("/projection/band").asText()).isEqualTo("50 h to beyond the horizon");
    }

    @Test
    void shouldListTheMissingItemsWhenUnreportedIsSentAsJson() throws Exception {
        // when
        JsonNode json = JSON.readTree(render("json", anAlert().itemsUnreported("fuel,hygiene").build()).body());

        // then
        assertThat(json.get("unreportedItems")).extracting(JsonNode::asText).containsExactly("fuel", "hygiene");
        assertThat(json.has("projection")).isFalse();
    }

    @Test
    void shouldShowProjectionAndPeopleAsSlackFieldsWhenWaterRunsOut() throws Exception {
        // when
        JsonNode section = JSON.readTree(render("slack", anAlert().waterRunsOut().build()).body()).at("/blocks/0");

        // then: one field per fact, zero counts left out
        assertThat(section.get("fields")).extracting(field -> field.get("text").asText()).containsExactly(
                "*Runs out*\n2023-09-26T09:00:00Z (in ~23 h)", "*Band*\n19-28 h", "*Stock left*\n4,200",
                "*People*\n1,840", "*Unaccompanied children*\n37");
        assertThat(section.at("/text/text").asText()).startsWith(":red_circle: *CRITICAL* run_out opened: Goris reception centre:");
    }

    @Test
    void shouldKeepChangingValuesOutOfAlertmanagerLabelsWhenProjectionOrItemsChange() throws Exception {
        // when the projection moves and the list of missing items shrinks within one episode
        JsonNode runOut = JSON.readTree(render("alertmanager", anAlert().waterRunsOut().build()).body()).get(0);
        JsonNode unreported = JSON.readTree(render("alertmanager", anAlert().itemsUnreported("fuel,hygiene").build()).body()).get(0);
        JsonNode fewer = JSON.readTree(render("alertmanager", anAlert().itemsUnreported("fuel").version(2).build()).body()).get(0);

        // then: labels stay the alert's identity; the values are annotations
        assertThat(runOut.get("labels").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("alertname", "alert_id", "severity", "site", "region", "item");
        assertThat(runOut.at("/annotations/runs_out_at").asText()).isEqualTo("2023-09-26T09:00:00Z");
        assertThat(runOut.at("/annotations/run_out_band").asText()).isEqualTo("19-28 h");
        assertThat(runOut.at("/annotations/hoursToRunOut").asText()).isEqualTo("23.0");
        assertThat(unreported.get("labels").has("items")).isFalse();
        assertThat(unreported.at("/annotations/items").asText()).isEqualTo("fuel,hygiene");
        assertThat(fewer.get("labels")).isEqualTo(unreported.get("labels"));
    }

    @Test
    void shouldFillProjectionPlaceholdersWhenTemplateNamesThem() {
        // given a Teams workflow template
        Endpoint teams = EndpointsFile.parse("""
                endpoints:
                  - name: teams
                    url: https://example.org/workflows/abc
                    format: template
                    template: '{"text":"{{summary}}","at":"{{runsOutAt}}","band":"{{runOutBand}}","facts":"{{facts}}"}'
                """, PUBLIC_ONLY).get(0);

        // when
        String runOut = teams.format().render(anAlert().waterRunsOut().build(), teams, T0).body();
        String shortage = teams.format().render(anAlert().build(), teams, T0).body();

        // then
        assertThat(runOut).contains("\"at\":\"2023-09-26T09:00:00Z\"", "\"band\":\"19-28 h\"",
                "\"facts\":\"Runs out: 2023-09-26T09:00:00Z (in ~23 h); Band: 19-28 h; Stock left: 4,200; People: 1,840; "
                        + "Unaccompanied children: 37\"");
        assertThat(shortage).contains("\"at\":\"\"", "\"facts\":\"\"");
    }

    @Test
    void shouldEscapeValuesWhenFillingTemplate() {
        // given a Teams workflow template
        String yaml = """
                endpoints:
                  - name: teams
                    url: https://example.org/workflows/abc
                    format: template
                    template: '{"type":"message","text":"{{severity}} {{labels.site}}: {{summary}}"}'
                """;
        Endpoint teams = EndpointsFile.parse(yaml, PUBLIC_ONLY).get(0);
        Alert alert = anAlert().build();
        alert.setSummary("Goris: \"water\" low");

        // when
        Payload payload = teams.format().render(alert, teams, T0);

        // then
        assertThat(payload.body()).isEqualTo("{\"type\":\"message\",\"text\":\"CRITICAL goris-1: Goris: \\\"water\\\" low\"}");
    }

    @Test
    void shouldWriteTheSentenceInTheEndpointsLanguageWhenLanguageIsSet() throws Exception {
        // given
        List<Endpoint> endpoints = EndpointsFile.parse("""
                endpoints:
                  - {name: slack-ru, url: 'https://hooks.example.org/a', format: slack, language: ru}
                  - {name: teams-hy, url: 'https://example.org/b', format: template, language: hy, template: '{"text":"{{summary}}"}'}
                  - {name: json-ru, url: 'https://example.org/c', format: json, language: RU}
                  - {name: json-en, url: 'https://example.org/d', format: json}
                """, PUBLIC_ONLY);
        Alert runOut = anAlert().waterRunsOut().build();

        // when
        JsonNode slack = JSON.readTree(render(endpoints.get(0), runOut));
        JsonNode teams = JSON.readTree(render(endpoints.get(1), runOut));
        JsonNode json = JSON.readTree(render(endpoints.get(2), runOut));
        JsonNode english = JSON.readTree(render(endpoints.get(3), runOut));

        // then
        assertThat(slack.get("text").asText()).startsWith(":red_circle: *CRITICAL* run_out opened: Goris reception centre: "
                + "вода закончится через ~23 ч (вт 13:00, от 19 до 28 ч), на месте 1\u00a0840 человек");
        assertThat(teams.get("text").asText()).startsWith("Goris reception centre: ջուր՝ կսպառվի ~23 ժամից");
        assertThat(json.get("summary").asText()).isEqualTo(runOut.getSummary());
        assertThat(json.get("localizedSummary").asText()).contains("закончится");
        assertThat(english.has("localizedSummary")).isFalse();
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [{name: f, url: 'https://example.org', language: de}]", PUBLIC_ONLY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("endpoint 'f'").hasMessageContaining("language");
    }

    private static String render(Endpoint endpoint, Alert alert) {
        return endpoint.format().render(alert, endpoint, T0).body();
    }

    @Test
    void shouldRefuseEndpointsFileWhenUrlIsLoopbackOrFieldUnknownOrPlaceholderUnknown() {
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [{name: a, url: 'http://127.0.0.1:9/x'}]", PUBLIC_ONLY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("endpoint 'a'").hasMessageContaining("loopback");
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [{name: b, url: 'http://10.1.2.3/x'}]", PUBLIC_ONLY))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [{name: c, url: 'https://example.org', retries: 3}]", PUBLIC_ONLY))
                .hasMessageContaining("retries");
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [{name: d, url: 'https://example.org', format: template, template: '{{sumary}}'}]", PUBLIC_ONLY))
                .hasMessageContaining("{{sumary}}");
    }

    @Test
    void shouldMatchOnlyListedKindsSeveritiesRegionsAndSitesWhenFiltering() {
        Endpoint endpoint = EndpointsFile.parse("""
                endpoints: [{name: e, url: 'https://example.org', filter: {severities: [critical], regions: [AM-SU]}}]
                """, PUBLIC_ONLY).get(0);
        assertThat(List.of(anAlert().build(), anAlert().severity(Severity.WARNING).build(), anAlert().region("AM-VD").build()))
                .extracting(endpoint.filter()::matches).containsExactly(true, false, false);
    }

    @Test
    void shouldWaitWhatRetryAfterSaysWhenEndpointSentIt() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), java.util.random.RandomGenerator.getDefault());
        assertThat(backoff.after(3, Backoff.retryAfter(java.util.Optional.of("120"), T0))).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.after(3, java.util.Optional.empty())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    private static Payload render(String format, Alert alert) {
        Endpoint endpoint = EndpointsFile.parse("endpoints: [{name: x, url: 'https://example.org/hook', format: " + format + "}]", PUBLIC_ONLY).get(0);
        return endpoint.format().render(alert, endpoint, T0);
    }
}
