package org.flowwatch.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.app.ArrivalsApp;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.app.StreamsSettings;

/**
 * Section 4: restarting the app the footprint section ran (same application id, its input all committed), first
 * with its state directory as left by a clean shutdown, then with the directory wiped so every store is restored
 * from its changelog. Timed from start to RUNNING and to caught up (committed offsets at the end of the input).
 */
final class RecoveryBench {

    static final String WITH_STATE = "restart with existing state: to RUNNING";
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Map<String, Object> kafka;
    private final Settings settings;
    private final Consumer<String> progress;

    RecoveryBench(Map<String, Object> kafka, Settings settings, Consumer<String> progress) {
        this.kafka = kafka;
        this.settings = settings;
        this.progress = progress;
    }

    List<Figures> run(FootprintBench.Result previous) throws Exception {
        Figures[] withState = restart(previous, "restart with existing state");
        BenchCleanup.delete(previous.stateDir());
        Figures[] wiped = restart(previous, "restart with wiped state");
        return List.of(withState[0], withState[1], wiped[0], wiped[1]);
    }

    private Figures[] restart(FootprintBench.Result previous, String name) throws Exception {
        StreamsSettings streams = StreamsSettings.from(settings);
        java.util.Properties props = new java.util.Properties();
        props.putAll(streams.kafkaStreams());
        props.put("application.id", previous.applicationId());
        props.put("state.dir", previous.stateDir().toString());
        props.put("processing.guarantee", BenchReport.EXACTLY_ONCE);
        long started = System.nanoTime();
        try (Admin admin = Admin.create(kafka); StreamsRunner runner = ArrivalsApp.start(streams.withKafkaStreams(props))) {
            InputLag lag = new InputLag(admin);
            if (!runner.awaitRunning(LIMIT)) {
                throw new IllegalStateException(name + ": the app did not reach RUNNING: " + runner.state());
            }
            double running = (System.nanoTime() - started) / 1e9;
            lag.awaitCaughtUp(previous.applicationId(), LIMIT, () -> runner.failure().isPresent());
            double caughtUp = (System.nanoTime() - started) / 1e9;
            progress.accept(String.format("%s: RUNNING after %.1f s, caught up after %.1f s", name, running, caughtUp));
            return new Figures[] {new Figures(name + ": to RUNNING", "s", List.of(running)),
                    new Figures(name + ": to caught up", "s", List.of(caughtUp))};
        }
    }
}
