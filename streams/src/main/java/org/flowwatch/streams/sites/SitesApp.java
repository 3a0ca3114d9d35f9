package org.flowwatch.streams.sites;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.sites.query.OtherInstances;
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

    /**
     * Serves the app's interactive queries on {@code sites.query.host}:{@code sites.query.port}, asking for {@code token}.
     * With a fixed query port each instance advertises itself ({@code query.advertised.host}), and answers for the
     * sites and alerts the others hold too.
     */
    public static SitesQueryServer serveQueries(StreamsRunner runner, SitesSettings settings, ApiToken token) {
        String advertised = settings.kafkaStreams().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
        HostInfo self = advertised == null ? null : HostInfo.buildFromEndpoint(advertised);
        OtherInstances others = self == null ? OtherInstances.none() : OtherInstances.of(runner.streams(), self, token);
        return SitesQueryServer.start(new StoreSitesView(runner.streams(), self), others, settings.queryHost(), settings.queryPort(), token);
    }
}
