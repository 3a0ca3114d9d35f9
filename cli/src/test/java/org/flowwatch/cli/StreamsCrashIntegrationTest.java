package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through crashes: the arrivals app runs as a real child process (`flowwatch streams run`), is killed
 * with SIGKILL at points drawn from a seed while it works through a replay, and restarted on the same state
 * directory. At the end every valid crossing is on the valid topic exactly once and the operation's daily totals
 * equal the replay's ground truth: nobody lost, nobody counted twice.
 */
@Tag("integration")
@Timeout(300)
class StreamsCrashIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldCountEveryPersonOnceWhenTheStreamsProcessIsKilledMidRun(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            // given the topics, the 2023 sites, and the six busiest hours of 26 September (about 7,000 people in
            // 1,600 groups, 2 % resent) arriving over about 20 s
            Settings settings = new ConfigOptions().load(Map.of(
                    "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl(),
                    "replay.start", "2023-09-26T08:00:00+04:00", "replay.hours", "6", "replay.speed", "1080",
                    "replay.resend.share", "0.02"));
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            ReferenceCommand.publishDefaults(settings);
            CompletableFuture<ScenarioReplay.Sent> replay = CompletableFuture.supplyAsync(() -> replay(settings));
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));

            // when the app is killed twice while the replay still flows in, after a number of valid crossings drawn
            // from a seed
            Random seed = new Random(7);
            List<Integer> validAtKill = new ArrayList<>();
            try (var valid = new CommittedReader<>(serdes, settings, Topics.CROSSINGS_VALID);
                 var daily = new CommittedReader<>(serdes, settings, Topics.ARRIVALS_DAILY)) {
                for (int reached : List.of(200 + seed.nextInt(300), 700 + seed.nextInt(300))) {
                    try (StreamsProcess app = StreamsProcess.start(stack, dir)) {
                        await().alias("valid crossings past " + reached).atMost(WAIT)
                                .until(() -> distinct(valid.values()).size() >= reached);
                        app.kill();
                        validAtKill.add(distinct(valid.values()).size());
                    }
                }
                ScenarioReplay.Sent sent = replay.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(sent.resends()).as("the replay resent some crossings").isPositive();
                assertThat(validAtKill).as("killed mid-run, before all %d groups were through", sent.groups())
                        .allSatisfy(count -> assertThat(count).isLessThan(Math.toIntExact(sent.groups())));

                // and runs to the end once more
                try (StreamsProcess app = StreamsProcess.start(stack, dir)) {
                    await().alias("every person counted").atMost(WAIT.multipliedBy(2)).untilAsserted(() -> {
                        assertThat(valid.values()).as("valid crossings").hasSizeGreaterThanOrEqualTo(Math.toIntExact(sent.groups()));
                        assertThat(CommittedReader.operationArrivals(daily.values())).as("people in the daily counts").isGreaterThanOrEqualTo(sent.people());
                    });

                    // then: exactly the ground truth, and every valid crossing once on the valid topic
                    assertThat(CommittedReader.operationArrivals(daily.values())).isEqualTo(sent.people());
                    assertThat(valid.values()).hasSize(Math.toIntExact(sent.groups()));
                    assertThat(distinct(valid.values())).hasSize(valid.values().size());
                }
            }
        }
    }

    private static ScenarioReplay.Sent replay(Settings settings) {
        try {
            return ReplayCommand.replay(settings, (hour, people) -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    private static Set<UUID> distinct(List<CrossingEvent> crossings) {
        Set<UUID> ids = new HashSet<>();
        crossings.forEach(crossing -> ids.add(crossing.getEventId()));
        return ids;
    }

    /** `flowwatch streams run --app arrivals` in a child JVM on a fixed state directory; kill() is SIGKILL. */
    private static final class StreamsProcess implements AutoCloseable {

        private final Process process;

        private StreamsProcess(Process process) {
            this.process = process;
        }

        static StreamsProcess start(EmbeddedStack stack, Path dir) throws IOException {
            // Kept under target/ so a failed run can be read.
            Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "crash-test")), "streams", ".log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "streams", "run", "--app", "arrivals",
                    "--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
                    "--set", "registry.url=" + stack.registryUrl(),
                    "--set", "streams.state.dir=" + dir.resolve("state"),
                    "--set", "query.http.port=0", "--set", "ops.port=0",
                    // A killed member leaves no goodbye: let the group notice within seconds, not the default 45 s.
                    "--set", "kafka.session.timeout.ms=6000", "--set", "kafka.heartbeat.interval.ms=1000");
            return new StreamsProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no close, no commit, no leaving the group
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
