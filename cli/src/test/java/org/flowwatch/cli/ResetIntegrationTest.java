package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowwatch streams reset} (also {@code flowwatch reset}): refused while the arrivals app runs; once it has stopped, the rerun processes every
 * crossing again and the counts are still exactly the replay's ground truth (rewritten, not doubled).
 */
@Tag("integration")
@Timeout(300)
class ResetIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldCountExactlyAgainWhenTheAppIsResetAndRerun(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            // given the topics, the 2023 sites and three hours of 26 September replayed with 2 % resends
            Map<String, String> wiring = new LinkedHashMap<>(Map.of(
                    "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl(),
                    "streams.state.dir", dir.resolve("state").toString(), "query.http.port", "0",
                    // Kafka Streams leaves its group by session timeout: let that be seconds, not 45 s.
                    "kafka.session.timeout.ms", "6000", "kafka.heartbeat.interval.ms", "1000"));
            Map<String, String> replay = new LinkedHashMap<>(wiring);
            replay.putAll(Map.of("replay.start", "2023-09-26T08:00:00+04:00", "replay.hours", "3", "replay.speed", "0",
                    "replay.resend.share", "0.02"));
            Settings settings = new ConfigOptions().load(replay);
            assertThat(CommandRun.of(args(wiring, "topics", "apply")).exitCode()).isZero();
            ReferenceCommand.publishDefaults(settings);
            ScenarioReplay.Sent sent = ReplayCommand.replay(settings, (hour, people) -> { });
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            String[] reset = args(wiring, "streams", "reset", "--app", "arrivals", "--truncate-outputs");

            try (var daily = CommittedReader.of(serdes, settings, Topics.ARRIVALS_DAILY)) {
                int firstRunRevisions;
                try (StreamsRunner app = ArrivalsApp.start(StreamsSettings.from(settings))) {
                    awaitCounted(daily, 0, sent);
                    firstRunRevisions = daily.values().size();

                    // when reset while the app runs, then it refuses and changes nothing
                    CommandRun refused = CommandRun.of(reset);
                    assertThat(refused.exitCode()).isEqualTo(1);
                    assertThat(refused.err().strip()).doesNotContain("\n")
                            .startsWith("flowwatch: 1 member(s) of flowwatch-arrivals are still active");
                }

                // when reset once the app has stopped and its group emptied, and rerun
                CommandRun done = await().alias("reset accepted").atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                        .until(() -> CommandRun.of(reset), run -> run.exitCode() == 0);
                assertThat(done.out()).contains(
                        "reset flowwatch-arrivals: offsets to earliest on flowwatch.crossings.v1 (4 partitions), flowwatch.heartbeats.v1 (4 partitions)",
                        "deleted internal topics of flowwatch-arrivals: flowwatch-arrivals-",
                        "emptied append-only outputs: flowwatch.crossings.valid.v1, flowwatch.arrivals.late.v1, flowwatch.ingest.rejected.v1",
                        "wiped local state " + dir.resolve("state").resolve("flowwatch-arrivals"));
                try (StreamsRunner app = ArrivalsApp.start(StreamsSettings.from(settings));
                     var valid = CommittedReader.of(serdes, settings, Topics.CROSSINGS_VALID)) {
                    awaitCounted(daily, firstRunRevisions, sent);
                    await().alias("valid crossings again").atMost(WAIT)
                            .until(() -> valid.values().size() >= sent.groups());

                    // then the rerun alone counts the ground truth, the compacted topic's latest counts still equal it
                    // (rewritten, not doubled), and the emptied valid topic holds each crossing once
                    assertThat(DailyArrivals.allScope(rerun(daily, firstRunRevisions))).isEqualTo(sent.people());
                    assertThat(DailyArrivals.allScope(daily.values())).isEqualTo(sent.people());
                    assertThat(valid.values()).hasSize(Math.toIntExact(sent.groups()));
                    assertThat(app.failure()).isEmpty();
                }
            }
        }
    }

    private static void awaitCounted(CommittedReader<String, ArrivalCount> daily, int from, ScenarioReplay.Sent sent) {
        await().alias("every person counted").atMost(WAIT).untilAsserted(() ->
                assertThat(DailyArrivals.allScope(rerun(daily, from))).isGreaterThanOrEqualTo(sent.people()));
    }

    private static List<ArrivalCount> rerun(CommittedReader<String, ArrivalCount> daily, int from) {
        List<ArrivalCount> all = daily.values();
        return new ArrayList<>(all.subList(from, all.size()));
    }

    private static String[] args(Map<String, String> settings, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        settings.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        return args.toArray(String[]::new);
    }
}
