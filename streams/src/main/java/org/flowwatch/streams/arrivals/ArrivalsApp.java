package org.flowwatch.streams.arrivals;

import java.util.Optional;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.arrivals.query.CountsQueryServer;
import org.flowwatch.streams.arrivals.topology.ArrivalsTopology;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;

/** Composes the arrivals app from its settings: serdes over the registry, the topology, the runner. */
public final class ArrivalsApp {

    private ArrivalsApp() {
    }

    public static Topology topology(StreamsSettings settings) {
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(settings.registry());
        return new ArrivalsTopology(serdes, settings.arrivals()).build(StreamsRunner.copyOf(settings.kafkaStreams()));
    }

    public static StreamsRunner start(StreamsSettings settings) {
        return StreamsRunner.start(topology(settings), StreamsRunner.copyOf(settings.kafkaStreams()));
    }

    /** The HTTP query server of a running app, open to anyone, when {@code query.http.port} is not 0. */
    public static Optional<CountsQueryServer> serveQueries(StreamsRunner runner, StreamsSettings settings) {
        return serveQueries(runner, settings, ApiToken.none());
    }

    /** The same, asking every request for {@code token} ({@code http.api.token}). */
    public static Optional<CountsQueryServer> serveQueries(StreamsRunner runner, StreamsSettings settings, ApiToken token) {
        if (settings.queryPort() == 0) {
            return Optional.empty();
        }
        return Optional.of(CountsQueryServer.start(runner.streams(), new HostInfo(settings.advertisedHost(), settings.queryPort()), token));
    }
}
