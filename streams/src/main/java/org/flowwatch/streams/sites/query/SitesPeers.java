package org.flowwatch.streams.sites.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.flowwatch.streams.sites.SitesTopology;

/**
 * The other instances of the sites app, at the {@code application.server} each advertises: the ledger is partitioned
 * by site, so each instance holds the statuses and alerts of its own tasks.
 */
public interface SitesPeers {

    /** The instance that holds {@code siteId}'s status, if it is another one. */
    Optional<HostInfo> holderOf(String siteId);

    /** Every other instance. */
    List<HostInfo> others();

    /** A single instance (or one that advertises no query address): everything asked is answered here. */
    static SitesPeers none() {
        return new SitesPeers() {
            @Override
            public Optional<HostInfo> holderOf(String siteId) {
                return Optional.empty();
            }

            @Override
            public List<HostInfo> others() {
                return List.of();
            }
        };
    }

    /** The peers of {@code self} in the group of {@code streams}, as the group's metadata knows them. */
    static SitesPeers of(KafkaStreams streams, HostInfo self) {
        return new SitesPeers() {
            @Override
            public Optional<HostInfo> holderOf(String siteId) {
                KeyQueryMetadata holder;
                try {
                    holder = streams.queryMetadataForKey(SitesTopology.STATUS_STORE, siteId, Serdes.String().serializer());
                } catch (IllegalStateException notRunning) { // starting, rebalancing or stopping: answer from here
                    return Optional.empty();
                }
                return holder == null || holder.equals(KeyQueryMetadata.NOT_AVAILABLE) ? Optional.empty()
                        : Optional.of(holder.activeHost()).filter(host -> host.port() > 0 && !host.equals(self));
            }

            @Override
            public List<HostInfo> others() {
                try {
                    return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                            .filter(host -> host.port() > 0 && !host.equals(self)).distinct().toList();
                } catch (IllegalStateException notRunning) {
                    return List.of();
                }
            }
        };
    }
}
