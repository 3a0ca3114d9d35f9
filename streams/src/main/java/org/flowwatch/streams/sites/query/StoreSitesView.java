package org.flowwatch.streams.sites.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.streams.sites.SitesTopology;
import org.flowwatch.streams.sites.alerts.AlertEpisodes;

/**
 * Reads the sites app's local state stores. With one instance every store is local; with several, each answers
 * for the tasks it holds (the ledger runs on one partition, so all site statuses live on one instance).
 */
public final class StoreSitesView implements SitesView {

    private final KafkaStreams streams;

    public StoreSitesView(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public List<SiteStatus> sites() {
        return all(SitesTopology.STATUS_STORE);
    }

    @Override
    public Optional<SiteStatus> site(String siteId) {
        return Optional.ofNullable(this.<SiteStatus>store(SitesTopology.STATUS_STORE).get(siteId));
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
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = this.<V>store(storeName).all()) {
            all.forEachRemaining((KeyValue<String, V> entry) -> values.add(entry.value));
        }
        return values;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
