package org.flowwatch.streams.sites;

import org.apache.kafka.streams.Topology;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.sites.query.SitesQueryServer;
import org.flowwatch.streams.sites.query.StoreSitesView;

/** Composes the sites app from its settings: serdes over the registry, the topology, the runner. */
public final class SitesApp {

    private SitesApp() {
    }

    public static Topology topology(SitesSettings settings) {
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(settings.registry());
        return new SitesTopology(serdes, settings).build(StreamsRunner.copyOf(settings.kafkaStreams()));
    }

    public static StreamsRunner start(SitesSettings settings) {
        return StreamsRunner.start(topology(settings), StreamsRunner.copyOf(settings.kafkaStreams()));
    }

    /** Serves the app's interactive queries on {@code sites.query.host}:{@code sites.query.port}, asking for {@code token}. */
    public static SitesQueryServer serveQueries(StreamsRunner runner, SitesSettings settings, ApiToken token) {
        return SitesQueryServer.start(new StoreSitesView(runner.streams()), settings.queryHost(), settings.queryPort(), token);
    }
}
