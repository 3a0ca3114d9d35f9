package org.flowwatch.streams.arrivals.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.flowwatch.streams.arrivals.counting.ArrivalTally;
import org.flowwatch.streams.arrivals.counting.RollingBuckets;
import org.flowwatch.streams.arrivals.counting.RollingPeriods;
import org.flowwatch.streams.arrivals.counting.RollingTally;
import org.flowwatch.streams.arrivals.counting.ScopeKey;
import org.flowwatch.streams.arrivals.topology.StoreNames;
import org.flowwatch.streams.arrivals.topology.WindowedCounts;

/**
 * Answers count queries from this instance's own stores: the active ones (the caller has checked it holds the key),
 * or, while counts move between instances, whatever copy of one partition is here (a standby or a store still
 * restoring), which may lag the active one by a few commits.
 *
 * @param stalePartition the partition whose local copy is read, whatever its state; null: the active stores
 */
record LocalCounts(KafkaStreams streams, Integer stalePartition) {

    static LocalCounts active(KafkaStreams streams) {
        return new LocalCounts(streams, null);
    }

    /** The local copy of {@code partition}; querying it throws InvalidStateStoreException if there is none here. */
    static LocalCounts copyOf(KafkaStreams streams, int partition) {
        return new LocalCounts(streams, partition);
    }

    CountViews.Counts windows(CountQuery query) {
        List<CountViews.Window> windows = new ArrayList<>();
        long total = 0;
        String key = query.key().toString();
        try (KeyValueIterator<Windowed<String>, ArrivalTally> found = store(StoreNames.of(query.granularity()))
                .fetch(key, key, query.from(), query.to())) {
            while (found.hasNext()) {
                KeyValue<Windowed<String>, ArrivalTally> window = found.next();
                if (window.key.window().start() < query.to().toEpochMilli()) {
                    // The store holds bare tallies (scope and window are set only when a count is published), so
                    // the window comes from the store's key, as it does for the published counts.
                    windows.add(CountViews.Window.of(window.key.window(), window.value));
                    total += window.value.people();
                }
            }
        }
        ScopeKey scope = query.key();
        return new CountViews.Counts(lower(scope.scope().name()), scope.scopeId(), lower(scope.direction().name()),
                lower(query.granularity().name()), query.from().toString(), query.to().toString(), total, windows);
    }

    /** The rolling count as of {@code at}, or as of the key's latest crossing when {@code at} is null. */
    CountViews.Rolling rolling(ScopeKey key, WindowedCounts.Period period, Instant at) {
        RollingPeriods periods = store(StoreQueryParameters.fromNameAndType(period.store(),
                QueryableStoreTypes.<String, RollingPeriods>keyValueStore())).get(key.toString());
        RollingBuckets buckets = periods == null ? new RollingBuckets(period.length(), period.advance()) : periods.of(period.length());
        RollingBuckets.Sum sum = at == null ? buckets.current() : buckets.asOf(at.toEpochMilli());
        if (sum == null) {
            RollingBuckets.Sum current = buckets.current();
            throw new BadQueryParameter("at", "must be within the current period of this count (from "
                    + Instant.ofEpochMilli(current.start()) + "): only the current period of a rolling count is kept; "
                    + "ask /counts for earlier hours");
        }
        return CountViews.Rolling.of(RollingTally.of(key, period.length(), sum));
    }

    private ReadOnlyWindowStore<String, ArrivalTally> store(String name) {
        return store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.windowStore()));
    }

    private <T> T store(StoreQueryParameters<T> params) {
        return streams.store(stalePartition == null ? params : params.enableStaleStores().withPartition(stalePartition));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
