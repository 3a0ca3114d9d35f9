package org.flowwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.arrivals.query.CountsQueryServer;

/**
 * One instance of the real arrivals app in this JVM, as `flowwatch streams run --app arrivals` composes it: its own
 * state directory and its own HTTP query port, one standby replica per store so counts survive an instance leaving.
 */
record ArrivalsInstance(StreamsRunner runner, CountsQueryServer queries) implements AutoCloseable {

    /** {@code applicationId} is shared by the instances of one app; {@code extra} settings are laid over the test defaults. */
    static ArrivalsInstance start(ReplicatedStack<?> stack, String applicationId, Path stateDir, Map<String, String> extra) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("streams.application.id", applicationId,
                "streams.state.dir", stateDir.toString(),
                "query.http.port", Integer.toString(LocalPorts.free("an arrivals instance")),
                "kafka.num.standby.replicas", "1",
                // A stopped member is noticed within seconds, not the default 45 s.
                "kafka.session.timeout.ms", "6000", "kafka.heartbeat.interval.ms", "1000"));
        settings.putAll(extra);
        Settings loaded = stack.settings(settings);
        StreamsSettings streams = StreamsSettings.from(loaded);
        StreamsRunner runner = ArrivalsApp.start(streams);
        return new ArrivalsInstance(runner, ArrivalsApp.serveQueries(runner, streams).orElseThrow());
    }

    boolean isRunning() {
        return runner.state() == KafkaStreams.State.RUNNING;
    }

    /** Why the app stopped for good, if it did (it restarts failed stream threads by itself otherwise). */
    Optional<Throwable> failure() {
        return runner.failure();
    }

    boolean awaitRunning(Duration timeout) throws InterruptedException {
        return runner.awaitRunning(timeout);
    }

    int queryPort() {
        return queries.port();
    }

    /** Stops it as `streams run` does on SIGTERM: query server first, then the app. */
    @Override
    public void close() {
        try {
            queries.close();
        } finally {
            runner.close();
        }
    }
}
