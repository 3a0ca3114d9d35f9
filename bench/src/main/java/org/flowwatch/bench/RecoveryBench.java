package org.flowwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * Section 4: restarting the app the footprint section ran (same application id, its input all committed), timed
 * from start to RUNNING and to caught up (committed offsets at the end of the input and of its repartition topics):
 * three times after a clean stop with the state directory kept; three times after a kill -9 of the app in its own
 * JVM with static membership ({@code streams.instance.id}), once after a kill -9 without it (the group then waits out
 * the dead member's session); once with the state directory wiped, every store restored from its changelog.
 */
final class RecoveryBench {

    static final String WITH_STATE = "restart after a clean stop, with its state: to RUNNING";
    static final String AFTER_KILL = "restart after kill -9, static membership: to RUNNING";
    private static final int REPEATS = 3;
    private static final String INSTANCE = "bench-arrivals";
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
        List<Figures> figures = new ArrayList<>();
        figures.addAll(repeat(REPEATS, "restart after a clean stop, with its state", () -> restart(previous, null)));
        figures.addAll(repeat(REPEATS, "restart after kill -9, static membership", () -> afterKill(previous, INSTANCE)));
        figures.addAll(repeat(1, "restart after kill -9, no static membership", () -> afterKill(previous, null)));
        BenchCleanup.delete(previous.stateDir());
        figures.addAll(repeat(1, "restart with wiped state", () -> restart(previous, null)));
        return figures;
    }

    private interface Restart {
        double[] secondsToRunningAndCaughtUp() throws Exception;
    }

    private List<Figures> repeat(int times, String name, Restart restart) throws Exception {
        List<Double> running = new ArrayList<>();
        List<Double> caughtUp = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
            double[] seconds = restart.secondsToRunningAndCaughtUp();
            running.add(seconds[0]);
            caughtUp.add(seconds[1]);
            progress.accept(String.format("%s (%d/%d): RUNNING after %.1f s, caught up after %.1f s", name, i, times, seconds[0], seconds[1]));
        }
        return List.of(new Figures(name + ": to RUNNING", "s", running), new Figures(name + ": to caught up", "s", caughtUp));
    }

    /** The app in its own JVM joins the group, is killed with SIGKILL, and is started again here under the same name. */
    private double[] afterKill(FootprintBench.Result previous, String instanceId) throws Exception {
        Map<String, String> child = ChildStreamsApp.arrivalsSettings(settings, previous.applicationId(), previous.stateDir());
        if (instanceId != null) {
            child.put("streams.instance.id", instanceId);
        }
        Path log = previous.stateDir().resolveSibling("killed-app.log");
        try (Admin admin = Admin.create(kafka); ChildJvm app = ChildStreamsApp.start(child, log)) {
            awaitStableWithOneMember(admin, previous.applicationId(), app, log);
            app.kill();
        }
        return restart(previous, instanceId);
    }

    private double[] restart(FootprintBench.Result previous, String instanceId) throws Exception {
        StreamsSettings streams = StreamsSettings.from(settings);
        Properties props = new Properties();
        props.putAll(streams.kafkaStreams());
        props.put("application.id", previous.applicationId());
        props.put("state.dir", previous.stateDir().toString());
        props.put("processing.guarantee", BenchReport.EXACTLY_ONCE);
        if (instanceId != null) { // as StreamsSettings sets it from streams.instance.id
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        long started = System.nanoTime();
        try (Admin admin = Admin.create(kafka); StreamsRunner runner = ArrivalsApp.start(streams.withKafkaStreams(props))) {
            InputLag lag = new InputLag(admin);
            if (!runner.awaitRunning(LIMIT)) {
                throw new IllegalStateException("the restarted app did not reach RUNNING: " + runner.state());
            }
            double running = (System.nanoTime() - started) / 1e9;
            lag.awaitCaughtUp(previous.applicationId(), LIMIT, () -> runner.failure().isPresent());
            return new double[] {running, (System.nanoTime() - started) / 1e9};
        }
    }

    private static void awaitStableWithOneMember(Admin admin, String group, ChildJvm app, Path log) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            if (!app.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the app to be killed did not join its group; its log: " + log);
            }
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            if (description.groupState() == GroupState.STABLE && description.members().size() == 1) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
