package org.flowwatch.streams.sites.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.streams.sites.SitesTopology;
import org.flowwatch.streams.sites.alerts.AlertEpisodes;

/**
 * Reads the sites app's local state stores: with several instances, what this one holds (the ledger runs on one
 * partition, so all site statuses live on one instance; alert episodes on whichever run the alerting tasks). The query
 * server adds what the others hold ({@link OtherInstances}).
 */
public final class StoreSitesView implements SitesView {

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * {@code self}: this instance as it advertises itself, of several, where a store another instance holds reads as
     * empty here; null for an instance that advertises nothing (alone: every store is here).
     */
    public StoreSitesView(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public List<SiteStatus> sites() {
        return all(SitesTopology.STATUS_STORE);
    }

    @Override
    public Optional<SiteStatus> site(String siteId) {
        return held(SitesTopology.STATUS_STORE, () -> Optional.ofNullable(this.<SiteStatus>store(SitesTopology.STATUS_STORE).get(siteId)),
                Optional.empty());
    }

    @Override
    public List<Alert> openAlerts() {
        List<Alert> open = new ArrayList<>();
        // the stores keep each key's last episode, resolved ones too (see EpisodeBook)
        SitesTopology.ALERT_STORES.forEach(name -> this.<Alert>all(name).stream()
                .filter(AlertEpisodes::isOpen).forEach(open::add));
        return open;
    }

    private <V> List<V> all(String storeName) {
        return held(storeName, () -> {
            List<V> values = new ArrayList<>();
            try (KeyValueIterator<String, V> all = this.<V>store(storeName).all()) {
                all.forEachRemaining((KeyValue<String, V> entry) -> values.add(entry.value));
            }
            return values;
        }, List.of());
    }

    /**
     * What {@code read} finds in a store of this instance; {@code elsewhere} if the group has given the store to other
     * instances only (they are asked). A store that is ours but not readable yet (restoring, rebalancing) fails the
     * query, to be retried: it must not read as empty.
     */
    private <T> T held(String storeName, Supplier<T> read, T elsewhere) {
        try {
            return read.get();
        } catch (InvalidStateStoreException notReadable) {
            if (self != null && heldOnlyElsewhere(storeName)) {
                return elsewhere;
            }
            throw notReadable;
        }
    }

    private boolean heldOnlyElsewhere(String storeName) {
        Collection<StreamsMetadata> instances = streams.metadataForAllStreamsClients();
        return instances.stream().anyMatch(instance -> !instance.hostInfo().equals(self) && instance.stateStoreNames().contains(storeName))
                && instances.stream().noneMatch(instance -> instance.hostInfo().equals(self) && instance.stateStoreNames().contains(storeName));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
