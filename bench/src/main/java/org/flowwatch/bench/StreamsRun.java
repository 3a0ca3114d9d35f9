package org.flowwatch.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.flowwatch.streams.runtime.StreamsRunner;

/**
 * Runs a topology over the preloaded input from the start and times it from RUNNING until its outputs reflect the
 * whole input ({@link InputLag}): what the operations centre would wait for after a backlog arrives.
 */
final class StreamsRun {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private StreamsRun() {
    }

    static double recordsPerSecond(Topology topology, Properties props, Map<String, Object> kafka, long events)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(kafka); StreamsRunner runner = StreamsRunner.start(topology, props)) {
            InputLag lag = new InputLag(admin);
            if (!runner.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("streams app did not reach RUNNING: " + runner.state());
            }
            long started = System.nanoTime();
            lag.awaitCaughtUp(props.getProperty("application.id"), LIMIT, () -> runner.failure().isPresent());
            return events / ((System.nanoTime() - started) / 1e9);
        }
    }
}
