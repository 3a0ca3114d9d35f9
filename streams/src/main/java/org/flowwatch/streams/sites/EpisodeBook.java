package org.flowwatch.streams.sites;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.streams.sites.alerts.AlertEpisodes;
import org.flowwatch.streams.sites.alerts.Band;
import org.flowwatch.streams.sites.alerts.Level;
import org.flowwatch.streams.sites.alerts.Reading;

/**
 * The episodes of one kind of alert, in a state store keyed by episode key (changelogged, so a restarted app knows
 * what is already open and does not raise it again). A resolved episode stays as its key's last, so that the next one
 * gets a new id even when it begins at the same instant (one entry per key: sites and items, scopes, posts). What the
 * store holds for each key read is kept in memory too (the store is written through): a surge open at 50 posts was
 * one Avro decode of its alert per crossing.
 */
final class EpisodeBook {

    private final KeyValueStore<String, Alert> store;
    private final Map<String, Optional<Alert>> read = new HashMap<>();

    EpisodeBook(KeyValueStore<String, Alert> store) {
        this.store = store;
    }

    /** Judges {@code value} against {@code band} for the reading's episode; returns the alert's change, if any. */
    Optional<Alert> assess(Reading reading, Band band, double value) {
        Alert current = current(reading.episodeKey());
        Optional<Alert> next = AlertEpisodes.next(current, band.level(value, Level.of(current)), reading);
        next.ifPresent(alert -> {
            store.put(reading.episodeKey(), alert);
            read.put(reading.episodeKey(), Optional.of(alert));
        });
        return next;
    }

    boolean isOpen(String episodeKey) {
        return AlertEpisodes.isOpen(current(episodeKey));
    }

    private Alert current(String episodeKey) {
        return read.computeIfAbsent(episodeKey, key -> Optional.ofNullable(store.get(key))).orElse(null);
    }

    List<Alert> open() {
        List<Alert> open = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = store.all()) {
            all.forEachRemaining((KeyValue<String, Alert> entry) -> {
                if (AlertEpisodes.isOpen(entry.value)) {
                    open.add(entry.value);
                }
            });
        }
        return open;
    }
}
