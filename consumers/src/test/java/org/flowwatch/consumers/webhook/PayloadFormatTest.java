package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowwatch.consumers.webhook.AlertBuilder.T0;
import static org.flowwatch.consumers.webhook.AlertBuilder.anAlert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
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
