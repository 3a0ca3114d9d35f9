package org.flowwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.StreamsRunner;

/**
 * Runs a topology over the preloaded input from the start and times it from RUNNING until its outputs reflect the
 * whole input ({@link InputLag}): what the operations centre would wait for after a backlog arrives. With several
 * instances (one application id, one consumer group, a state directory each) the clock starts when the first is
 * RUNNING: the later joins and their rebalances are part of what several instances cost.
 */
final class StreamsRun {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Duration TO_RUNNING = Duration.ofMinutes(2);

    private StreamsRun() {
    }

    /** Builds a topology from an instance's properties: each KafkaStreams instance needs one of its own. */
    @FunctionalInterface
    interface TopologyFactory {
        Topology build(Properties props);
    }

    /** An app's Kafka Streams properties for one bench run: its own application id, guarantee and state directory. */
    static Properties props(Properties app, String applicationId, String guarantee, Path stateDir) {
        Properties props = StreamsRunner.copyOf(app);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    /** @param instances KafkaStreams instances of the app in this JVM; more than one each get {@code <state.dir>/instance-<i>} */
    static double recordsPerSecond(TopologyFactory topology, Properties props, Map<String, Object> kafka, long events, int instances,
                                   Consumer<String> progress) throws InterruptedException, ExecutionException {
        return recordsPerSecond(topology, props, kafka, Topics.CROSSINGS.name(), events, instances, progress);
    }

    /** The same for an app whose input is another topic (the sites app reads the valid crossings). */
    static double recordsPerSecond(TopologyFactory topology, Properties props, Map<String, Object> kafka, String input, long events,
                                   int instances, Consumer<String> progress) throws InterruptedException, ExecutionException {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        List<StreamsRunner> runners = new ArrayList<>();
        try (Admin admin = Admin.create(kafka)) {
            InputLag lag = new InputLag(admin, input);
            for (int i = 0; i < instances; i++) {
                Properties instance = StreamsRunner.copyOf(props);
                if (instances > 1) {
                    instance.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG))
                            .resolve("instance-" + i).toString());
                }
                runners.add(StreamsRunner.start(topology.build(instance), instance));
            }
            awaitFirstRunning(runners);
            double doneBefore = lag.progress(applicationId);
            long started = System.nanoTime();
            lag.awaitCaughtUp(applicationId, LIMIT, () -> runners.stream().anyMatch(r -> r.failure().isPresent()));
            double rate = events * (1 - doneBefore) / ((System.nanoTime() - started) / 1e9);
            if (instances > 1) {
                progress.accept(String.format("  %d instances, active tasks at the end %s (states %s)", instances, activeTasks(runners),
                        runners.stream().map(r -> r.state().toString()).collect(Collectors.joining("/"))));
            }
            return rate;
        } finally {
            runners.parallelStream().forEach(StreamsRunner::close);
        }
    }

    // The first instance RUNNING starts work: the clock starts then, the others' joins and rebalances run inside it.
    private static void awaitFirstRunning(List<StreamsRunner> runners) throws InterruptedException {
        long deadline = System.nanoTime() + TO_RUNNING.toNanos();
        while (runners.stream().noneMatch(r -> r.state() == KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() > deadline || runners.stream().anyMatch(r -> r.failure().isPresent() || !r.state().isRunningOrRebalancing())) {
                throw new IllegalStateException("streams app did not reach RUNNING: "
                        + runners.stream().map(r -> r.state().toString()).collect(Collectors.joining(", ")));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String activeTasks(List<StreamsRunner> runners) {
        return runners.stream().map(r -> Integer.toString(r.streams().metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum())).collect(Collectors.joining("/"));
    }
}
