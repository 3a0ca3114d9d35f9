package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.flowwatch.consumers.export.ArrivalsExport;
import org.flowwatch.consumers.export.ExportSettings;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.replay.ArrivalsCurve;
import org.flowwatch.producers.replay.GroundTruth;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's acceptance test for the export: a day of the 2023 curve replayed with Kornidzor silent for nine hours
 * (longer than the 6 h hourly grace), counted by the real arrivals app; the HDX export equals the replay's ground
 * truth per local day (from the daily topic) and per hour (the hourly counts plus the late crossings, which the
 * late column names), for the operation and for the silent post.
 */
@Tag("integration")
@Timeout(240)
class LateDataExportIntegrationTest {

    private static final String SILENT_POST = "kornidzor";
    private static final Instant SILENCE_FROM = ArrivalsCurve.OPENING.plus(Duration.ofHours(6));
    private static final Duration SILENCE = Duration.ofHours(9);

    @TempDir
    static Path dir;
    private static EmbeddedStack stack;
    private static String secondPost;
    private static StreamsRunner runner;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startStackSitesAndArrivalsApp() throws Exception {
        stack = EmbeddedStack.start(dir, 0, 0);
        secondPost = ReplayedCurveIntegrationTest.topicsAndSitesWithASecondPost(settings(Map.of()));
        runner = ArrivalsApp.start(StreamsSettings.from(settings(Map.of("streams.application.id", "flowwatch-arrivals-late-" + UUID.randomUUID(),
                "streams.state.dir", dir.resolve("state").toString(), "query.http.port", "0"))));
    }

    @AfterAll
    static void stopAppThenStack() throws Exception {
        if (runner != null) {
            runner.close();
        }
        stack.close();
    }

    @Test
    void shouldExportTheGroundTruthPerLocalDayAndPerHourWhenAPostWasSilentBeyondTheHourlyGrace() throws Exception {
        // given
        await().alias("arrivals app RUNNING").atMost(Duration.ofSeconds(60)).until(() -> runner.state() == KafkaStreams.State.RUNNING);

        // when a day of the curve is replayed with Kornidzor silent for 9 h, its backlog sent when it comes back
        ScenarioReplay.Sent sent = ReplayCommand.replay(settings(Map.of("replay.post", SILENT_POST + "," + secondPost,
                "replay.hours", "24", "replay.speed", "max", "replay.resend.share", "0.02", "replay.supplies", "false",
                "replay.silence.post", SILENT_POST, "replay.silence.after", Duration.between(ArrivalsCurve.OPENING, SILENCE_FROM).toHours() + "h",
                "replay.silence.length", SILENCE.toHours() + "h")), (hour, people) -> { });
        GroundTruth truth = sent.truth();

        // then the daily export (daily topic, 48 h grace) is the truth per local day, nothing late
        await().alias("daily export equals the truth").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(peopleByDay(export("day"))).isEqualTo(truth.peopleByDay()));
        JsonNode days = export("day");
        assertThat(sum(days, "all", "all", "late")).as("no crossing beyond the daily grace").isZero();
        assertThat(peopleByDay(days, SILENT_POST)).isEqualTo(truth.peopleByDay(SILENT_POST));
        // and the hourly export (counted + late crossings) is the truth per hour, for the operation and the silent post
        await().alias("hourly export equals the truth").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(peopleByHour(export("hour"), "all", "all")).isEqualTo(truthByHour(truth, SILENT_POST, secondPost)));
        JsonNode hours = export("hour");
        assertThat(peopleByHour(hours, "post", SILENT_POST)).isEqualTo(truthByHour(truth, SILENT_POST));
        long late = sum(hours, "all", "all", "late");
        assertThat(late).as("people beyond the hourly grace, in the late column").isPositive().isLessThan(sent.people());
        assertThat(sum(hours, "post", SILENT_POST, "late")).isEqualTo(late);
        assertThat(sum(hours, "all", "all", "people")).isEqualTo(sent.people());
    }

    private JsonNode export(String granularity) throws Exception {
        ExportSettings export = ExportSettings.from(settings(Map.of("export.granularity", granularity, "export.format", "json")));
        StringWriter out = new StringWriter();
        ArrivalsExport.run(export, FlowwatchSerdes.forRegistry(export.registry()), out);
        return json.readTree(out.toString()).get("rows");
    }

    private static Map<LocalDate, Long> peopleByDay(JsonNode rows) {
        return peopleByDay(rows, "all", "all");
    }

    private static Map<LocalDate, Long> peopleByDay(JsonNode rows, String post) {
        return peopleByDay(rows, "post", post);
    }

    private static Map<LocalDate, Long> peopleByDay(JsonNode rows, String scope, String scopeId) {
        Map<LocalDate, Long> byDay = new TreeMap<>();
        rows.forEach(row -> {
            if (matches(row, scope, scopeId)) {
                byDay.merge(LocalDate.parse(row.get("date").asText()), row.get("people").asLong(), Long::sum);
            }
        });
        return byDay;
    }

    private static Map<Instant, Long> peopleByHour(JsonNode rows, String scope, String scopeId) {
        Map<Instant, Long> byHour = new TreeMap<>();
        rows.forEach(row -> {
            if (matches(row, scope, scopeId) && row.get("people").asLong() > 0) {
                byHour.put(OffsetDateTime.parse(row.get("date").asText()).toInstant(), row.get("people").asLong());
            }
        });
        return byHour;
    }

    private static long sum(JsonNode rows, String scope, String scopeId, String column) {
        long total = 0;
        for (JsonNode row : rows) {
            total += matches(row, scope, scopeId) ? row.get(column).asLong() : 0;
        }
        return total;
    }

    private static boolean matches(JsonNode row, String scope, String scopeId) {
        return row.get("scope").asText().equals(scope) && (scope.equals("all") || row.get("location_code").asText().equals(scopeId));
    }

    private static Map<Instant, Long> truthByHour(GroundTruth truth, String... posts) {
        Map<Instant, Long> byHour = new TreeMap<>();
        for (Instant hour = ArrivalsCurve.OPENING.minus(Duration.ofHours(1)); hour.isBefore(ArrivalsCurve.OPENING.plus(Duration.ofHours(26)));
             hour = hour.plus(Duration.ofHours(1))) {
            for (String post : posts) {
                long people = truth.peopleInHour(post, hour);
                if (people > 0) {
                    byHour.merge(hour, people, Long::sum);
                }
            }
        }
        return byHour;
    }

    private static Settings settings(Map<String, String> overrides) {
        return ReplayedCurveIntegrationTest.settings(stack, overrides);
    }
}
